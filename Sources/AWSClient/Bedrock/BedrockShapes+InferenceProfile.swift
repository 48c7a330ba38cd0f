import Foundation

extension Bedrock {
    /// An inference profile's status (`InferenceProfileStatus`).
    public struct InferenceProfileStatus: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let active = InferenceProfileStatus(rawValue: "ACTIVE")
    }

    /// Whether AWS defined the profile or a caller made it (`InferenceProfileType`).
    public struct InferenceProfileType: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let systemDefined = InferenceProfileType(rawValue: "SYSTEM_DEFINED")
        public static let application = InferenceProfileType(rawValue: "APPLICATION")
    }

    /// `InferenceProfileModelSource`, a union with one member.
    public struct InferenceProfileModelSource: Codable, Sendable, Hashable {
        public var copyFrom: String?

        public init(copyFrom: String) { self.copyFrom = copyFrom }
    }

    public struct CreateInferenceProfileInput: Codable, Sendable, Hashable {
        public var inferenceProfileName: String
        public var description: String?
        public var clientRequestToken: String?
        public var modelSource: InferenceProfileModelSource
        public var tags: [Tag]?

        public init(
            inferenceProfileName: String, description: String? = nil, clientRequestToken: String? = nil,
            modelSource: InferenceProfileModelSource, tags: [Tag]? = nil
        ) {
            self.inferenceProfileName = inferenceProfileName
            self.description = description
            self.clientRequestToken = clientRequestToken
            self.modelSource = modelSource
            self.tags = tags
        }
    }

    public struct CreateInferenceProfileOutput: Codable, Sendable, Hashable {
        public var inferenceProfileArn: String
        public var status: InferenceProfileStatus?

        public init(inferenceProfileArn: String, status: InferenceProfileStatus? = nil) {
            self.inferenceProfileArn = inferenceProfileArn
            self.status = status
        }
    }

    public struct InferenceProfileModel: Codable, Sendable, Hashable {
        public var modelArn: String?

        public init(modelArn: String? = nil) {
            self.modelArn = modelArn
        }
    }

    /// GetInferenceProfile's answer, and one entry of ListInferenceProfiles (the same members).
    public struct InferenceProfile: Codable, Sendable, Hashable {
        public var inferenceProfileName: String
        public var description: String?
        public var createdAt: Date?
        public var updatedAt: Date?
        public var inferenceProfileArn: String
        public var models: [InferenceProfileModel]
        public var inferenceProfileId: String
        public var status: InferenceProfileStatus
        public var type: InferenceProfileType

        public init(
            inferenceProfileName: String, description: String? = nil, createdAt: Date? = nil, updatedAt: Date? = nil,
            inferenceProfileArn: String, models: [InferenceProfileModel], inferenceProfileId: String,
            status: InferenceProfileStatus, type: InferenceProfileType
        ) {
            self.inferenceProfileName = inferenceProfileName
            self.description = description
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.inferenceProfileArn = inferenceProfileArn
            self.models = models
            self.inferenceProfileId = inferenceProfileId
            self.status = status
            self.type = type
        }
    }

    public struct ListInferenceProfilesOutput: Codable, Sendable {
        public var inferenceProfileSummaries: [InferenceProfile]?
        public var nextToken: String?

        public init(inferenceProfileSummaries: [InferenceProfile]? = nil, nextToken: String? = nil) {
            self.inferenceProfileSummaries = inferenceProfileSummaries
            self.nextToken = nextToken
        }
    }
}
