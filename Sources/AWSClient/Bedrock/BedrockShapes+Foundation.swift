import Foundation

extension Bedrock {
    public struct FoundationModelLifecycle: Codable, Sendable, Hashable {
        public var status: String
        public var startOfLifeTime: Date?
        public var endOfLifeTime: Date?
        public var legacyTime: Date?
        public var publicExtendedAccessTime: Date?

        public init(
            status: String, startOfLifeTime: Date? = nil, endOfLifeTime: Date? = nil, legacyTime: Date? = nil,
            publicExtendedAccessTime: Date? = nil
        ) {
            self.status = status
            self.startOfLifeTime = startOfLifeTime
            self.endOfLifeTime = endOfLifeTime
            self.legacyTime = legacyTime
            self.publicExtendedAccessTime = publicExtendedAccessTime
        }
    }

    /// FoundationModelSummary and FoundationModelDetails have the same members.
    public struct FoundationModel: Codable, Sendable, Hashable {
        public var modelArn: String
        public var modelId: String
        public var modelName: String?
        public var providerName: String?
        public var inputModalities: [String]?
        public var outputModalities: [String]?
        public var responseStreamingSupported: Bool?
        public var customizationsSupported: [String]?
        public var inferenceTypesSupported: [String]?
        public var modelLifecycle: FoundationModelLifecycle?

        public init(
            modelArn: String, modelId: String, modelName: String? = nil, providerName: String? = nil,
            inputModalities: [String]? = nil, outputModalities: [String]? = nil,
            responseStreamingSupported: Bool? = nil, customizationsSupported: [String]? = nil,
            inferenceTypesSupported: [String]? = nil, modelLifecycle: FoundationModelLifecycle? = nil
        ) {
            self.modelArn = modelArn
            self.modelId = modelId
            self.modelName = modelName
            self.providerName = providerName
            self.inputModalities = inputModalities
            self.outputModalities = outputModalities
            self.responseStreamingSupported = responseStreamingSupported
            self.customizationsSupported = customizationsSupported
            self.inferenceTypesSupported = inferenceTypesSupported
            self.modelLifecycle = modelLifecycle
        }
    }

    public struct ListFoundationModelsFilter: Sendable, Hashable {
        public var byProvider: String?
        public var byCustomizationType: String?
        public var byOutputModality: String?
        public var byInferenceType: String?

        public init(
            byProvider: String? = nil, byCustomizationType: String? = nil, byOutputModality: String? = nil,
            byInferenceType: String? = nil
        ) {
            self.byProvider = byProvider
            self.byCustomizationType = byCustomizationType
            self.byOutputModality = byOutputModality
            self.byInferenceType = byInferenceType
        }
    }

    public struct GetFoundationModelOutput: Codable, Sendable {
        public var modelDetails: FoundationModel?

        public init(modelDetails: FoundationModel? = nil) {
            self.modelDetails = modelDetails
        }
    }

    public struct ListFoundationModelsOutput: Codable, Sendable {
        public var modelSummaries: [FoundationModel]?

        public init(modelSummaries: [FoundationModel]? = nil) {
            self.modelSummaries = modelSummaries
        }
    }

    struct TagResourceInput: Codable, Sendable {
        var resourceARN: String
        var tags: [Tag]
    }

    struct UntagResourceInput: Codable, Sendable {
        var resourceARN: String
        var tagKeys: [String]
    }

    struct ListTagsForResourceInput: Codable, Sendable {
        var resourceARN: String
    }

    public struct ListTagsForResourceOutput: Codable, Sendable {
        public var tags: [Tag]?

        public init(tags: [Tag]? = nil) {
            self.tags = tags
        }
    }
}

extension Bedrock {
    /// GetFoundationModelAvailability's answer: whether this account may use a model here.
    public struct FoundationModelAvailability: Codable, Sendable, Hashable {
        public struct Agreement: Codable, Sendable, Hashable {
            public var status: AgreementStatus
            public var errorMessage: String?
            public init(status: AgreementStatus, errorMessage: String? = nil) {
                self.status = status
                self.errorMessage = errorMessage
            }
        }

        /// `AgreementStatus`.
        public struct AgreementStatus: OpenEnum {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public static let available = AgreementStatus(rawValue: "AVAILABLE")
            public static let pending = AgreementStatus(rawValue: "PENDING")
            public static let notAvailable = AgreementStatus(rawValue: "NOT_AVAILABLE")
            public static let error = AgreementStatus(rawValue: "ERROR")
        }

        /// `AuthorizationStatus`.
        public struct AuthorizationStatus: OpenEnum {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public static let authorized = AuthorizationStatus(rawValue: "AUTHORIZED")
            public static let notAuthorized = AuthorizationStatus(rawValue: "NOT_AUTHORIZED")
        }

        /// `EntitlementAvailability` and `RegionAvailability`.
        public struct Availability: OpenEnum {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public static let available = Availability(rawValue: "AVAILABLE")
            public static let notAvailable = Availability(rawValue: "NOT_AVAILABLE")
        }

        public var modelId: String
        public var agreementAvailability: Agreement
        public var authorizationStatus: AuthorizationStatus
        public var entitlementAvailability: Availability
        public var regionAvailability: Availability

        public init(
            modelId: String, agreementAvailability: Agreement, authorizationStatus: AuthorizationStatus,
            entitlementAvailability: Availability, regionAvailability: Availability
        ) {
            self.modelId = modelId
            self.agreementAvailability = agreementAvailability
            self.authorizationStatus = authorizationStatus
            self.entitlementAvailability = entitlementAvailability
            self.regionAvailability = regionAvailability
        }

        /// Why the model cannot be used, in words; nil when it can.
        public var refusal: String? {
            var reasons: [String] = []
            if authorizationStatus != .authorized {
                reasons.append("this account is not authorized to use it (\(authorizationStatus))")
            }
            if agreementAvailability.status != .available {
                let detail = agreementAvailability.errorMessage.map { ": \($0)" } ?? ""
                reasons.append("its model access agreement is \(agreementAvailability.status)\(detail)")
            }
            if entitlementAvailability != .available {
                reasons.append("it is not entitled (\(entitlementAvailability))")
            }
            if regionAvailability != .available { reasons.append("it is not available in this region") }
            return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        }
    }
}
