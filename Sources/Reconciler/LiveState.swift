import AWSClient
import BedrockConstraints
import Foundation
import Manifest

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

    public struct Deployment: Sendable, Codable, Hashable, NamedLiveResource {
        public var arn: String
        public var name: String
        public var modelArn: String
        public var status: Bedrock.CustomModelDeploymentStatus
        /// Read only for deployments this stack owns (the list leaves it out).
        public var description: String?
        /// The model an update in progress moves to.
        public var updatingTo: String?
        public var failureMessage: String?
        public var creationTime: Date
        public var tags: [String: String]
    }

    public struct InferenceProfile: Sendable, Codable, Hashable, NamedLiveResource {
        public var arn: String
        public var name: String
        public var id: String
        public var description: String?
        /// The foundation model ARNs it routes to (what `copyFrom` became).
        public var models: [String]
        public var creationTime: Date?
        public var tags: [String: String]
    }

    public var region: String
    public var throughputs: [Throughput]
    public var importJobs: [ImportJob]
    public var importedModels: [ImportedModel]
    public var deployments: [Deployment]
    public var inferenceProfiles: [InferenceProfile]

    public init(
        region: String, throughputs: [Throughput] = [], importJobs: [ImportJob] = [],
        importedModels: [ImportedModel] = [], deployments: [Deployment] = [], inferenceProfiles: [InferenceProfile] = []
    ) {
        self.region = region
        self.throughputs = throughputs
        self.importJobs = importJobs
        self.importedModels = importedModels
        self.deployments = deployments
        self.inferenceProfiles = inferenceProfiles
    }

    /// The owner (`bedrockctl:stack`) of every live resource, by ARN.
    var owners: [String: String?] {
        var owners: [String: String?] = [:]
        for t in throughputs { owners[t.arn] = t.tags[OwnershipTags.stackKey] }
        for m in importedModels { owners[m.arn] = m.tags[OwnershipTags.stackKey] }
        for d in deployments { owners[d.arn] = d.tags[OwnershipTags.stackKey] }
        for p in inferenceProfiles { owners[p.arn] = p.tags[OwnershipTags.stackKey] }
        return owners
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
        copy.deployments.sort { $0.arn < $1.arn }
        copy.inferenceProfiles.sort { $0.arn < $1.arn }
        let data = (try? encoder.encode(copy)) ?? Data()
        return Tokens.sha256Hex(data)
    }
}
