import Foundation

extension Bedrock {
    public struct FoundationModelLifecycle: Codable, Sendable, Hashable {
        public var status: String
        public var startOfLifeTime: Date?
        public var endOfLifeTime: Date?
        public var legacyTime: Date?
        public var publicExtendedAccessTime: Date?
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

    struct GetFoundationModelOutput: Codable, Sendable {
        var modelDetails: FoundationModel?
    }

    struct ListFoundationModelsOutput: Codable, Sendable {
        var modelSummaries: [FoundationModel]?
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

    struct ListTagsForResourceOutput: Codable, Sendable {
        var tags: [Tag]?
    }
}
