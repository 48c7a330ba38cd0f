import AWSClient
import BedrockConstraints
import Foundation
import Manifest

/// What exists in the account, as far as bedrockctl cares: throughputs, import jobs, imported
/// models, deployments and application inference profiles, each with its tags. Each kind's
/// record is declared in its folder under `Kinds/`.
public struct LiveState: Sendable, Codable, Hashable {
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
