import Foundation

extension Bedrock {
    public struct ProvisionedModelStatus: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let creating = ProvisionedModelStatus(rawValue: "Creating")
        public static let inService = ProvisionedModelStatus(rawValue: "InService")
        public static let updating = ProvisionedModelStatus(rawValue: "Updating")
        public static let failed = ProvisionedModelStatus(rawValue: "Failed")
    }

    public struct CreateProvisionedModelThroughputInput: Codable, Sendable, Hashable {
        public var clientRequestToken: String?
        public var modelUnits: Int
        public var provisionedModelName: String
        public var modelId: String
        public var commitmentDuration: CommitmentDuration?
        public var tags: [Tag]?

        public init(
            clientRequestToken: String?, modelUnits: Int, provisionedModelName: String, modelId: String,
            commitmentDuration: CommitmentDuration? = nil, tags: [Tag]? = nil
        ) {
            self.clientRequestToken = clientRequestToken
            self.modelUnits = modelUnits
            self.provisionedModelName = provisionedModelName
            self.modelId = modelId
            self.commitmentDuration = commitmentDuration
            self.tags = tags
        }
    }

    public struct CreateProvisionedModelThroughputOutput: Codable, Sendable, Hashable {
        public var provisionedModelArn: String

        public init(provisionedModelArn: String) {
            self.provisionedModelArn = provisionedModelArn
        }
    }

    /// GetProvisionedModelThroughput's answer.
    public struct ProvisionedModel: Codable, Sendable, Hashable {
        public var modelUnits: Int
        public var desiredModelUnits: Int
        public var provisionedModelName: String
        public var provisionedModelArn: String
        public var modelArn: String
        public var desiredModelArn: String
        public var foundationModelArn: String
        public var status: ProvisionedModelStatus
        public var creationTime: Date
        public var lastModifiedTime: Date
        public var failureMessage: String?
        public var commitmentDuration: CommitmentDuration?
        public var commitmentExpirationTime: Date?

        public init(
            modelUnits: Int, desiredModelUnits: Int, provisionedModelName: String, provisionedModelArn: String,
            modelArn: String, desiredModelArn: String, foundationModelArn: String, status: ProvisionedModelStatus,
            creationTime: Date, lastModifiedTime: Date, failureMessage: String? = nil,
            commitmentDuration: CommitmentDuration? = nil, commitmentExpirationTime: Date? = nil
        ) {
            self.modelUnits = modelUnits
            self.desiredModelUnits = desiredModelUnits
            self.provisionedModelName = provisionedModelName
            self.provisionedModelArn = provisionedModelArn
            self.modelArn = modelArn
            self.desiredModelArn = desiredModelArn
            self.foundationModelArn = foundationModelArn
            self.status = status
            self.creationTime = creationTime
            self.lastModifiedTime = lastModifiedTime
            self.failureMessage = failureMessage
            self.commitmentDuration = commitmentDuration
            self.commitmentExpirationTime = commitmentExpirationTime
        }
    }

    public struct ProvisionedModelSummary: Codable, Sendable, Hashable {
        public var provisionedModelName: String
        public var provisionedModelArn: String
        public var modelArn: String
        public var desiredModelArn: String
        public var foundationModelArn: String
        public var modelUnits: Int
        public var desiredModelUnits: Int
        public var status: ProvisionedModelStatus
        public var commitmentDuration: CommitmentDuration?
        public var commitmentExpirationTime: Date?
        public var creationTime: Date
        public var lastModifiedTime: Date

        public init(
            provisionedModelName: String, provisionedModelArn: String, modelArn: String, desiredModelArn: String,
            foundationModelArn: String, modelUnits: Int, desiredModelUnits: Int, status: ProvisionedModelStatus,
            commitmentDuration: CommitmentDuration? = nil, commitmentExpirationTime: Date? = nil, creationTime: Date,
            lastModifiedTime: Date
        ) {
            self.provisionedModelName = provisionedModelName
            self.provisionedModelArn = provisionedModelArn
            self.modelArn = modelArn
            self.desiredModelArn = desiredModelArn
            self.foundationModelArn = foundationModelArn
            self.modelUnits = modelUnits
            self.desiredModelUnits = desiredModelUnits
            self.status = status
            self.commitmentDuration = commitmentDuration
            self.commitmentExpirationTime = commitmentExpirationTime
            self.creationTime = creationTime
            self.lastModifiedTime = lastModifiedTime
        }
    }

    public struct ListProvisionedModelThroughputsFilter: Sendable, Hashable {
        public var creationTimeAfter: Date?
        public var creationTimeBefore: Date?
        public var statusEquals: ProvisionedModelStatus?
        public var modelArnEquals: String?
        public var nameContains: String?
        public var sortOrder: SortOrder?
        public var maxResults: Int?

        public init(
            creationTimeAfter: Date? = nil, creationTimeBefore: Date? = nil,
            statusEquals: ProvisionedModelStatus? = nil,
            modelArnEquals: String? = nil, nameContains: String? = nil, sortOrder: SortOrder? = nil,
            maxResults: Int? = nil
        ) {
            self.creationTimeAfter = creationTimeAfter
            self.creationTimeBefore = creationTimeBefore
            self.statusEquals = statusEquals
            self.modelArnEquals = modelArnEquals
            self.nameContains = nameContains
            self.sortOrder = sortOrder
            self.maxResults = maxResults
        }
    }

    public struct ListProvisionedModelThroughputsOutput: Codable, Sendable {
        public var nextToken: String?
        public var provisionedModelSummaries: [ProvisionedModelSummary]?

        public init(nextToken: String? = nil, provisionedModelSummaries: [ProvisionedModelSummary]? = nil) {
            self.nextToken = nextToken
            self.provisionedModelSummaries = provisionedModelSummaries
        }
    }

    public struct UpdateProvisionedModelThroughputInput: Codable, Sendable, Hashable {
        public var desiredProvisionedModelName: String?
        public var desiredModelId: String?

        public init(desiredProvisionedModelName: String? = nil, desiredModelId: String? = nil) {
            self.desiredProvisionedModelName = desiredProvisionedModelName
            self.desiredModelId = desiredModelId
        }
    }
}
