import YAML

/// One desired resource read from a manifest document.
public enum ManifestResource: Sendable, Hashable {
    case provisionedThroughput(ProvisionedThroughputSpec)
    case modelImportJob(ModelImportJobSpec)

    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case provisionedThroughput = "ProvisionedThroughput"
        case modelImportJob = "ModelImportJob"
    }

    public var kind: Kind {
        switch self {
        case .provisionedThroughput: return .provisionedThroughput
        case .modelImportJob: return .modelImportJob
        }
    }

    public var name: String {
        switch self {
        case .provisionedThroughput(let spec): return spec.name
        case .modelImportJob(let spec): return spec.name
        }
    }

    public var source: Mark {
        switch self {
        case .provisionedThroughput(let spec): return spec.source
        case .modelImportJob(let spec): return spec.source
        }
    }
}

/// The manifest format's version string.
public enum ManifestAPI {
    public static let version = "bedrockctl/v1"
}
