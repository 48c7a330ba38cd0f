import Foundation

extension Bedrock {
    public struct ModelImportJobStatus: OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let inProgress = ModelImportJobStatus(rawValue: "InProgress")
        public static let completed = ModelImportJobStatus(rawValue: "Completed")
        public static let failed = ModelImportJobStatus(rawValue: "Failed")
    }

    public struct CreateModelImportJobInput: Codable, Sendable, Hashable {
        public var jobName: String
        public var importedModelName: String
        public var roleArn: String
        public var modelDataSource: ModelDataSource
        public var jobTags: [Tag]?
        public var importedModelTags: [Tag]?
        public var clientRequestToken: String?
        public var vpcConfig: VpcConfig?
        public var importedModelKmsKeyId: String?

        public init(
            jobName: String, importedModelName: String, roleArn: String, modelDataSource: ModelDataSource,
            jobTags: [Tag]? = nil,
            importedModelTags: [Tag]? = nil, clientRequestToken: String? = nil, vpcConfig: VpcConfig? = nil,
            importedModelKmsKeyId: String? = nil
        ) {
            self.jobName = jobName
            self.importedModelName = importedModelName
            self.roleArn = roleArn
            self.modelDataSource = modelDataSource
            self.jobTags = jobTags
            self.importedModelTags = importedModelTags
            self.clientRequestToken = clientRequestToken
            self.vpcConfig = vpcConfig
            self.importedModelKmsKeyId = importedModelKmsKeyId
        }
    }

    public struct CreateModelImportJobOutput: Codable, Sendable, Hashable {
        public var jobArn: String
    }

    /// GetModelImportJob's answer; the model marks no member required.
    public struct ModelImportJob: Codable, Sendable, Hashable {
        public var jobArn: String?
        public var jobName: String?
        public var importedModelName: String?
        public var importedModelArn: String?
        public var roleArn: String?
        public var modelDataSource: ModelDataSource?
        public var status: ModelImportJobStatus?
        public var failureMessage: String?
        public var creationTime: Date?
        public var lastModifiedTime: Date?
        public var endTime: Date?
        public var vpcConfig: VpcConfig?
        public var importedModelKmsKeyArn: String?
    }

    public struct ModelImportJobSummary: Codable, Sendable, Hashable {
        public var jobArn: String
        public var jobName: String
        public var status: ModelImportJobStatus
        public var lastModifiedTime: Date?
        public var creationTime: Date
        public var endTime: Date?
        public var importedModelArn: String?
        public var importedModelName: String?
    }

    public struct ListModelImportJobsFilter: Sendable, Hashable {
        public var creationTimeAfter: Date?
        public var creationTimeBefore: Date?
        public var statusEquals: ModelImportJobStatus?
        public var nameContains: String?
        public var sortOrder: SortOrder?
        public var maxResults: Int?

        public init(
            creationTimeAfter: Date? = nil, creationTimeBefore: Date? = nil, statusEquals: ModelImportJobStatus? = nil,
            nameContains: String? = nil, sortOrder: SortOrder? = nil, maxResults: Int? = nil
        ) {
            self.creationTimeAfter = creationTimeAfter
            self.creationTimeBefore = creationTimeBefore
            self.statusEquals = statusEquals
            self.nameContains = nameContains
            self.sortOrder = sortOrder
            self.maxResults = maxResults
        }
    }

    struct ListModelImportJobsOutput: Codable, Sendable {
        var nextToken: String?
        var modelImportJobSummaries: [ModelImportJobSummary]?
    }

    public struct CustomModelUnits: Codable, Sendable, Hashable {
        public var customModelUnitsPerModelCopy: Int?
        public var customModelUnitsVersion: String?
    }

    /// GetImportedModel's answer.
    public struct ImportedModel: Codable, Sendable, Hashable {
        public var modelArn: String?
        public var modelName: String?
        public var jobName: String?
        public var jobArn: String?
        public var modelDataSource: ModelDataSource?
        public var creationTime: Date?
        public var modelArchitecture: String?
        public var modelKmsKeyArn: String?
        public var instructSupported: Bool?
        public var customModelUnits: CustomModelUnits?
    }

    public struct ImportedModelSummary: Codable, Sendable, Hashable {
        public var modelArn: String
        public var modelName: String
        public var creationTime: Date
        public var instructSupported: Bool?
        public var modelArchitecture: String?
    }

    public struct ListImportedModelsFilter: Sendable, Hashable {
        public var creationTimeAfter: Date?
        public var creationTimeBefore: Date?
        public var nameContains: String?
        public var sortOrder: SortOrder?
        public var maxResults: Int?

        public init(
            creationTimeAfter: Date? = nil, creationTimeBefore: Date? = nil, nameContains: String? = nil,
            sortOrder: SortOrder? = nil, maxResults: Int? = nil
        ) {
            self.creationTimeAfter = creationTimeAfter
            self.creationTimeBefore = creationTimeBefore
            self.nameContains = nameContains
            self.sortOrder = sortOrder
            self.maxResults = maxResults
        }
    }

    struct ListImportedModelsOutput: Codable, Sendable {
        var nextToken: String?
        var modelSummaries: [ImportedModelSummary]?
    }
}
