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

    public var kind: Kind {
        switch self {
        case .provisionedThroughput: return .provisionedThroughput
        case .modelImportJob: return .modelImportJob
        case .customModelDeployment: return .customModelDeployment
        case .inferenceProfile: return .inferenceProfile
        }
    }

    public var name: String {
        switch self {
        case .provisionedThroughput(let spec): return spec.name
        case .modelImportJob(let spec): return spec.name
        case .customModelDeployment(let spec): return spec.name
        case .inferenceProfile(let spec): return spec.name
        }
    }

    /// The name the resource has in Bedrock, and the field that sets it: unique per kind.
    public var bedrockName: (field: String, value: String) {
        switch self {
        case .provisionedThroughput(let spec): return ("spec.provisionedModelName", spec.provisionedModelName)
        case .modelImportJob(let spec): return ("spec.importedModelName", spec.importedModelName)
        case .customModelDeployment(let spec): return ("spec.modelDeploymentName", spec.modelDeploymentName)
        case .inferenceProfile(let spec): return ("spec.inferenceProfileName", spec.inferenceProfileName)
        }
    }

    /// `spec.smokeTest`, for the kinds that can be invoked.
    public var smokeTest: SmokeTest? {
        switch self {
        case .provisionedThroughput(let spec): return spec.smokeTest
        case .modelImportJob: return nil
        case .customModelDeployment(let spec): return spec.smokeTest
        case .inferenceProfile(let spec): return spec.smokeTest
        }
    }

    public var source: Mark {
        switch self {
        case .provisionedThroughput(let spec): return spec.source
        case .modelImportJob(let spec): return spec.source
        case .customModelDeployment(let spec): return spec.source
        case .inferenceProfile(let spec): return spec.source
        }
    }
}

/// The manifest format's version string.
public enum ManifestAPI {
    public static let version = "bedrockctl/v1"
}
