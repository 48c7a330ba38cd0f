import BedrockConstraints
import YAML

/// A `kind: Stack` document: the name of the stack a set of manifests belongs to, which goes on
/// every managed resource as its `bedrockctl:stack` tag.
///
/// ```yaml
/// apiVersion: bedrockctl/v1
/// kind: Stack
/// metadata:
///   name: ml-platform-prod
/// spec:            # optional: what the stack may cost (`StackCostPolicy`)
///   budget: {monthly: 50000}
/// ```
public struct StackDeclaration: Sendable, Hashable {
    public static let kind = "Stack"
    /// Letters, digits and `-`, up to 128 characters (a valid tag value).
    public static let nameConstraint = StringConstraint(
        shape: "StackName", minLength: 1, maxLength: 128, pattern: .vpcResourceId)

    public var name: String
    public var source: Mark
    /// `spec.budget` and `spec.pricing`; empty when the document has no spec.
    public var costPolicy = StackCostPolicy()

    /// The stack a folder names when no `kind: Stack` document or `--stack` does: its name with
    /// each character that is not an ASCII letter or digit made a `-`, cut to 128 characters;
    /// `default` for an empty name.
    public static func name(forFolder folderName: String) -> String {
        let name = String(folderName.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.prefix(128))
        return name.isEmpty ? "default" : name
    }
}
