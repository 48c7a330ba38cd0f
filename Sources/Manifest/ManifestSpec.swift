import YAML

/// What every kind's spec says of itself, so that `ManifestResource` answers for any kind through
/// one switch (`spec`) instead of one per property.
public protocol ManifestSpec: Sendable, Hashable {
    static var kind: ManifestResource.Kind { get }
    /// `metadata.name`: identity in the stack.
    var name: String { get }
    /// Where the document starts.
    var source: Mark { get }
    /// The field that names the resource in Bedrock, and the name: unique per kind in an account.
    var bedrockName: (field: String, value: String) { get }
    /// `spec.smokeTest`, for the kinds that can be invoked.
    var smokeTest: SmokeTest? { get }
}

extension ManifestSpec {
    public var smokeTest: SmokeTest? { nil }
}

extension ProvisionedThroughputSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .provisionedThroughput }
    public var bedrockName: (field: String, value: String) { ("spec.provisionedModelName", provisionedModelName) }
}

extension ModelImportJobSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .modelImportJob }
    public var bedrockName: (field: String, value: String) { ("spec.importedModelName", importedModelName) }
}

extension CustomModelDeploymentSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .customModelDeployment }
    public var bedrockName: (field: String, value: String) { ("spec.modelDeploymentName", modelDeploymentName) }
}

extension InferenceProfileSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .inferenceProfile }
    public var bedrockName: (field: String, value: String) { ("spec.inferenceProfileName", inferenceProfileName) }
}
