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
    /// Whether `other` is a spec of the same kind, equal to this one.
    func isEqual(to other: any ManifestSpec) -> Bool { (other as? Self) == self }

    public var smokeTest: SmokeTest? { nil }
}
