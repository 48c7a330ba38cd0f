import Foundation

extension Bedrock {
    /// A custom model deployment's status (`CustomModelDeploymentStatus`).
    public struct CustomModelDeploymentStatus: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let creating = CustomModelDeploymentStatus(rawValue: "Creating")
        public static let active = CustomModelDeploymentStatus(rawValue: "Active")
        public static let failed = CustomModelDeploymentStatus(rawValue: "Failed")
    }

    /// The status of an update of a deployment's model (`CustomModelDeploymentUpdateStatus`).
    public struct CustomModelDeploymentUpdateStatus: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let updating = CustomModelDeploymentUpdateStatus(rawValue: "Updating")
        public static let updateCompleted = CustomModelDeploymentUpdateStatus(rawValue: "UpdateCompleted")
        public static let updateFailed = CustomModelDeploymentUpdateStatus(rawValue: "UpdateFailed")
    }

    public struct CreateCustomModelDeploymentInput: Codable, Sendable, Hashable {
        public var modelDeploymentName: String
        public var modelArn: String
        public var description: String?
        public var tags: [Tag]?
        public var clientRequestToken: String?

        public init(
            modelDeploymentName: String, modelArn: String, description: String? = nil, tags: [Tag]? = nil,
            clientRequestToken: String? = nil
        ) {
            self.modelDeploymentName = modelDeploymentName
            self.modelArn = modelArn
            self.description = description
            self.tags = tags
            self.clientRequestToken = clientRequestToken
        }
    }

    public struct CreateCustomModelDeploymentOutput: Codable, Sendable, Hashable {
        public var customModelDeploymentArn: String

        public init(customModelDeploymentArn: String) {
            self.customModelDeploymentArn = customModelDeploymentArn
        }
    }

    public struct CustomModelDeploymentUpdateDetails: Codable, Sendable, Hashable {
        public var modelArn: String
        public var updateStatus: CustomModelDeploymentUpdateStatus

        public init(modelArn: String, updateStatus: CustomModelDeploymentUpdateStatus) {
            self.modelArn = modelArn
            self.updateStatus = updateStatus
        }
    }

    /// GetCustomModelDeployment's answer.
    public struct CustomModelDeployment: Codable, Sendable, Hashable {
        public var customModelDeploymentArn: String
        public var modelDeploymentName: String
        public var modelArn: String
        public var createdAt: Date
        public var status: CustomModelDeploymentStatus
        public var description: String?
        public var updateDetails: CustomModelDeploymentUpdateDetails?
        public var failureMessage: String?
        public var lastUpdatedAt: Date?

        public init(
            customModelDeploymentArn: String, modelDeploymentName: String, modelArn: String, createdAt: Date,
            status: CustomModelDeploymentStatus, description: String? = nil,
            updateDetails: CustomModelDeploymentUpdateDetails? = nil, failureMessage: String? = nil,
            lastUpdatedAt: Date? = nil
        ) {
            self.customModelDeploymentArn = customModelDeploymentArn
            self.modelDeploymentName = modelDeploymentName
            self.modelArn = modelArn
            self.createdAt = createdAt
            self.status = status
            self.description = description
            self.updateDetails = updateDetails
            self.failureMessage = failureMessage
            self.lastUpdatedAt = lastUpdatedAt
        }
    }

    public struct CustomModelDeploymentSummary: Codable, Sendable, Hashable {
        public var customModelDeploymentArn: String
        public var customModelDeploymentName: String
        public var modelArn: String
        public var createdAt: Date
        public var status: CustomModelDeploymentStatus
        public var lastUpdatedAt: Date?
        public var failureMessage: String?

        public init(
            customModelDeploymentArn: String, customModelDeploymentName: String, modelArn: String, createdAt: Date,
            status: CustomModelDeploymentStatus, lastUpdatedAt: Date? = nil, failureMessage: String? = nil
        ) {
            self.customModelDeploymentArn = customModelDeploymentArn
            self.customModelDeploymentName = customModelDeploymentName
            self.modelArn = modelArn
            self.createdAt = createdAt
            self.status = status
            self.lastUpdatedAt = lastUpdatedAt
            self.failureMessage = failureMessage
        }
    }

    public struct ListCustomModelDeploymentsOutput: Codable, Sendable {
        public var nextToken: String?
        public var modelDeploymentSummaries: [CustomModelDeploymentSummary]?

        public init(nextToken: String? = nil, modelDeploymentSummaries: [CustomModelDeploymentSummary]? = nil) {
            self.nextToken = nextToken
            self.modelDeploymentSummaries = modelDeploymentSummaries
        }
    }

    public struct ListCustomModelDeploymentsFilter: Sendable, Hashable {
        public var nameContains: String?
        public var statusEquals: CustomModelDeploymentStatus?
        public var modelArnEquals: String?
        public var maxResults: Int?

        public init(
            nameContains: String? = nil, statusEquals: CustomModelDeploymentStatus? = nil,
            modelArnEquals: String? = nil, maxResults: Int? = nil
        ) {
            self.nameContains = nameContains
            self.statusEquals = statusEquals
            self.modelArnEquals = modelArnEquals
            self.maxResults = maxResults
        }
    }

    public struct UpdateCustomModelDeploymentInput: Codable, Sendable, Hashable {
        public var modelArn: String

        public init(modelArn: String) { self.modelArn = modelArn }
    }

    public struct UpdateCustomModelDeploymentOutput: Codable, Sendable, Hashable {
        public var customModelDeploymentArn: String

        public init(customModelDeploymentArn: String) { self.customModelDeploymentArn = customModelDeploymentArn }
    }

    // MARK: Custom models

    /// A custom model's status (`ModelStatus`).
    public struct ModelStatus: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let active = ModelStatus(rawValue: "Active")
        public static let creating = ModelStatus(rawValue: "Creating")
        public static let failed = ModelStatus(rawValue: "Failed")
    }

    /// GetCustomModel's answer, as far as bedrockctl reads it.
    public struct CustomModel: Codable, Sendable, Hashable {
        public var modelArn: String
        public var modelName: String
        public var creationTime: Date
        public var baseModelArn: String?
        public var customizationType: String?
        public var modelStatus: ModelStatus?
        public var failureMessage: String?

        public init(
            modelArn: String, modelName: String, creationTime: Date, baseModelArn: String? = nil,
            customizationType: String? = nil, modelStatus: ModelStatus? = nil, failureMessage: String? = nil
        ) {
            self.modelArn = modelArn
            self.modelName = modelName
            self.creationTime = creationTime
            self.baseModelArn = baseModelArn
            self.customizationType = customizationType
            self.modelStatus = modelStatus
            self.failureMessage = failureMessage
        }
    }

    public struct CustomModelSummary: Codable, Sendable, Hashable {
        public var modelArn: String
        public var modelName: String
        public var creationTime: Date
        public var baseModelArn: String
        public var baseModelName: String
        public var customizationType: String?
        public var ownerAccountId: String?
        public var modelStatus: ModelStatus?

        public init(
            modelArn: String, modelName: String, creationTime: Date, baseModelArn: String, baseModelName: String,
            customizationType: String? = nil, ownerAccountId: String? = nil, modelStatus: ModelStatus? = nil
        ) {
            self.modelArn = modelArn
            self.modelName = modelName
            self.creationTime = creationTime
            self.baseModelArn = baseModelArn
            self.baseModelName = baseModelName
            self.customizationType = customizationType
            self.ownerAccountId = ownerAccountId
            self.modelStatus = modelStatus
        }
    }

    public struct ListCustomModelsOutput: Codable, Sendable {
        public var nextToken: String?
        public var modelSummaries: [CustomModelSummary]?

        public init(nextToken: String? = nil, modelSummaries: [CustomModelSummary]? = nil) {
            self.nextToken = nextToken
            self.modelSummaries = modelSummaries
        }
    }
}
