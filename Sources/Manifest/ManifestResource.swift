import YAML

/// One desired resource read from a manifest document.
public enum ManifestResource: Sendable, Hashable {
    case provisionedThroughput(ProvisionedThroughputSpec)
    case modelImportJob(ModelImportJobSpec)
    case customModelDeployment(CustomModelDeploymentSpec)
    case inferenceProfile(InferenceProfileSpec)

    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case provisionedThroughput = "ProvisionedThroughput"
        case modelImportJob = "ModelImportJob"
        case customModelDeployment = "CustomModelDeployment"
        case inferenceProfile = "InferenceProfile"
    }

    /// The resource's spec, whatever its kind: the one switch the properties below answer through.
    public var spec: any ManifestSpec {
        switch self {
        case .provisionedThroughput(let spec): return spec
        case .modelImportJob(let spec): return spec
        case .customModelDeployment(let spec): return spec
        case .inferenceProfile(let spec): return spec
        }
    }

    public var kind: Kind { type(of: spec).kind }
    public var name: String { spec.name }
    /// The name the resource has in Bedrock, and the field that sets it: unique per kind.
    public var bedrockName: (field: String, value: String) { spec.bedrockName }
    /// `spec.smokeTest`, for the kinds that can be invoked.
    public var smokeTest: SmokeTest? { spec.smokeTest }
    public var source: Mark { spec.source }
}

/// The manifest format's version string.
public enum ManifestAPI {
    public static let version = "bedrockctl/v1"
}
