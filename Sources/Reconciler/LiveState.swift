import AWSClient
import BedrockConstraints
import Foundation

/// What exists in the account, as far as bedrockctl cares: throughputs, import jobs and imported
/// models, each with its tags.
public struct LiveState: Sendable, Codable, Hashable {
    public struct Throughput: Sendable, Codable, Hashable {
        public var arn: String
        public var name: String
        public var modelArn: String
        public var desiredModelArn: String
        public var foundationModelArn: String
        public var modelUnits: Int
        public var status: Bedrock.ProvisionedModelStatus
        public var commitmentDuration: CommitmentDuration?
        public var commitmentExpirationTime: Date?
        public var creationTime: Date
        public var tags: [String: String]
    }

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

    public var region: String
    public var throughputs: [Throughput]
    public var importJobs: [ImportJob]
    public var importedModels: [ImportedModel]

    public init(
        region: String, throughputs: [Throughput] = [], importJobs: [ImportJob] = [],
        importedModels: [ImportedModel] = []
    ) {
        self.region = region
        self.throughputs = throughputs
        self.importJobs = importJobs
        self.importedModels = importedModels
    }

    /// The identity of this state: a plan computed from it is stale once the digest changes.
    public var digest: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        var copy = self
        copy.throughputs.sort { $0.arn < $1.arn }
        copy.importJobs.sort { $0.arn < $1.arn }
        copy.importedModels.sort { $0.arn < $1.arn }
        let data = (try? encoder.encode(copy)) ?? Data()
        return Tokens.sha256Hex(data)
    }
}
