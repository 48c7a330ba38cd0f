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

        public init(jobArn: String) {
            self.jobArn = jobArn
        }
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

        public init(
            jobArn: String? = nil, jobName: String? = nil, importedModelName: String? = nil,
            importedModelArn: String? = nil, roleArn: String? = nil, modelDataSource: ModelDataSource? = nil,
            status: ModelImportJobStatus? = nil, failureMessage: String? = nil, creationTime: Date? = nil,
            lastModifiedTime: Date? = nil, endTime: Date? = nil, vpcConfig: VpcConfig? = nil,
            importedModelKmsKeyArn: String? = nil
        ) {
            self.jobArn = jobArn
            self.jobName = jobName
            self.importedModelName = importedModelName
            self.importedModelArn = importedModelArn
            self.roleArn = roleArn
            self.modelDataSource = modelDataSource
            self.status = status
            self.failureMessage = failureMessage
            self.creationTime = creationTime
            self.lastModifiedTime = lastModifiedTime
            self.endTime = endTime
            self.vpcConfig = vpcConfig
            self.importedModelKmsKeyArn = importedModelKmsKeyArn
        }
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

        public init(
            jobArn: String, jobName: String, status: ModelImportJobStatus, lastModifiedTime: Date? = nil,
            creationTime: Date, endTime: Date? = nil, importedModelArn: String? = nil, importedModelName: String? = nil
        ) {
            self.jobArn = jobArn
            self.jobName = jobName
            self.status = status
            self.lastModifiedTime = lastModifiedTime
            self.creationTime = creationTime
            self.endTime = endTime
            self.importedModelArn = importedModelArn
            self.importedModelName = importedModelName
        }
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

    public struct ListModelImportJobsOutput: Codable, Sendable {
        public var nextToken: String?
        public var modelImportJobSummaries: [ModelImportJobSummary]?

        public init(nextToken: String? = nil, modelImportJobSummaries: [ModelImportJobSummary]? = nil) {
            self.nextToken = nextToken
            self.modelImportJobSummaries = modelImportJobSummaries
        }
    }

    public struct CustomModelUnits: Codable, Sendable, Hashable {
        public var customModelUnitsPerModelCopy: Int?
        public var customModelUnitsVersion: String?

        public init(customModelUnitsPerModelCopy: Int? = nil, customModelUnitsVersion: String? = nil) {
            self.customModelUnitsPerModelCopy = customModelUnitsPerModelCopy
            self.customModelUnitsVersion = customModelUnitsVersion
        }
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

        public init(
            modelArn: String? = nil, modelName: String? = nil, jobName: String? = nil, jobArn: String? = nil,
            modelDataSource: ModelDataSource? = nil, creationTime: Date? = nil, modelArchitecture: String? = nil,
            modelKmsKeyArn: String? = nil, instructSupported: Bool? = nil, customModelUnits: CustomModelUnits? = nil
        ) {
            self.modelArn = modelArn
            self.modelName = modelName
            self.jobName = jobName
            self.jobArn = jobArn
            self.modelDataSource = modelDataSource
            self.creationTime = creationTime
            self.modelArchitecture = modelArchitecture
            self.modelKmsKeyArn = modelKmsKeyArn
            self.instructSupported = instructSupported
            self.customModelUnits = customModelUnits
        }
    }

    public struct ImportedModelSummary: Codable, Sendable, Hashable {
        public var modelArn: String
        public var modelName: String
        public var creationTime: Date
        public var instructSupported: Bool?
        public var modelArchitecture: String?

        public init(
            modelArn: String, modelName: String, creationTime: Date, instructSupported: Bool? = nil,
            modelArchitecture: String? = nil
        ) {
            self.modelArn = modelArn
            self.modelName = modelName
            self.creationTime = creationTime
            self.instructSupported = instructSupported
            self.modelArchitecture = modelArchitecture
        }
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

    public struct ListImportedModelsOutput: Codable, Sendable {
        public var nextToken: String?
        public var modelSummaries: [ImportedModelSummary]?

        public init(nextToken: String? = nil, modelSummaries: [ImportedModelSummary]? = nil) {
            self.nextToken = nextToken
            self.modelSummaries = modelSummaries
        }
    }
}
