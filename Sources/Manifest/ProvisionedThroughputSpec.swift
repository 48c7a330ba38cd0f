import BedrockConstraints
import YAML

/// Desired state of one Provisioned Throughput (`kind: ProvisionedThroughput`).
public struct ProvisionedThroughputSpec: Sendable, Hashable {
    /// `metadata.name`: the resource's stable identity within its stack.
    public var name: String
    /// The name sent to Bedrock; `spec.provisionedModelName`, or `name` when that is omitted.
    public var provisionedModelName: String
    public var modelId: String
    public var modelUnits: Int
    public var commitmentDuration: CommitmentDuration?
    public var tags: [String: String]
    /// `spec.replacement`: how a change that cannot be made in place is carried out.
    public var replacement: ReplacementStrategy
    /// `spec.smokeTest`: checked through the runtime after apply, and by `bedrockctl test`.
    public var smokeTest: SmokeTest?
    /// Where the document starts, for messages that point back at the manifest.
    public var source: Mark

    public init(
        name: String, provisionedModelName: String? = nil, modelId: String, modelUnits: Int,
        commitmentDuration: CommitmentDuration? = nil, tags: [String: String] = [:],
        replacement: ReplacementStrategy = .destroyBeforeCreate, smokeTest: SmokeTest? = nil, source: Mark
    ) {
        self.name = name
        self.provisionedModelName = provisionedModelName ?? name
        self.modelId = modelId
        self.modelUnits = modelUnits
        self.commitmentDuration = commitmentDuration
        self.tags = tags
        self.replacement = replacement
        self.smokeTest = smokeTest
        self.source = source
    }
}

extension ProvisionedThroughputSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .provisionedThroughput }
    public var bedrockName: (field: String, value: String) { ("spec.provisionedModelName", provisionedModelName) }
}

extension ManifestResource {
    /// A resource of this kind.
    public static func provisionedThroughput(_ spec: ProvisionedThroughputSpec) -> ManifestResource {
        ManifestResource(spec)
    }
}
