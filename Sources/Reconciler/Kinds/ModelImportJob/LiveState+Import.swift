import AWSClient
import Foundation

extension LiveState {
    public struct ImportJob: Sendable, Codable, Hashable {
        public var arn: String
        public var jobName: String
        public var status: Bedrock.ModelImportJobStatus
        public var importedModelName: String?
        public var importedModelArn: String?
        public var creationTime: Date
        public var failureMessage: String?
        public var tags: [String: String]
    }

    public struct ImportedModel: Sendable, Codable, Hashable {
        public var arn: String
        public var name: String
        public var creationTime: Date
        /// The model's source, read only for models this stack owns.
        public var s3Uri: String?
        public var tags: [String: String]
    }
}

extension LiveState.ImportJob: LiveRecord {
    public static let stateKey = "importJobs"
}

extension LiveState {
    public var importJobs: [ImportJob] {
        get { self[ImportJob.self] }
        _modify { yield &self[ImportJob.self] }
    }
}

extension LiveState.ImportedModel: LiveRecord {
    public static let stateKey = "importedModels"
}

extension LiveState {
    public var importedModels: [ImportedModel] {
        get { self[ImportedModel.self] }
        _modify { yield &self[ImportedModel.self] }
    }
}
