import YAML

/// One desired resource read from a manifest document: its kind's spec. A kind adds nothing here;
/// its spec conforms to `ManifestSpec`, and `spec(_:)` gives it back to the kind's own code.
public struct ManifestResource: Sendable, Hashable {
    /// The resource's spec, whatever its kind.
    public let spec: any ManifestSpec

    public init(_ spec: some ManifestSpec) { self.spec = spec }

    /// The spec, when the resource is of the kind `type` specifies; nil otherwise.
    public func spec<Spec: ManifestSpec>(_ type: Spec.Type) -> Spec? { spec as? Spec }

    public static func == (lhs: ManifestResource, rhs: ManifestResource) -> Bool { lhs.spec.isEqual(to: rhs.spec) }

    public func hash(into hasher: inout Hasher) { spec.hash(into: &hasher) }

    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case provisionedThroughput = "ProvisionedThroughput"
        case modelImportJob = "ModelImportJob"
        case customModelDeployment = "CustomModelDeployment"
        case inferenceProfile = "InferenceProfile"
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
