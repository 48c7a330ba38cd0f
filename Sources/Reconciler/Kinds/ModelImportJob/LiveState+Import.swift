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
