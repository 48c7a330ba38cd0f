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

    /// The owner (`bedrockctl:stack`) of every live resource that can own a manifest's name, by ARN.
    var owners: [String: String?] {
        var owners: [String: String?] = [:]
        for kind in PlanAction.Kind.allCases {
            for (arn, tags) in kind.unit.owned(self) { owners[arn] = tags[OwnershipTags.stackKey] }
        }
        return owners
    }

    /// The identity of this state: a plan computed from it is stale once the digest changes.
    public var digest: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        var copy = self
        for kind in PlanAction.Kind.allCases { kind.unit.sortForDigest(&copy) }
        let data = (try? encoder.encode(copy)) ?? Data()
        return Tokens.sha256Hex(data)
    }
}
