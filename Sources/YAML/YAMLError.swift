/// A YAML input that cannot be turned into a node tree, with the place where it went wrong.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The bytes are not a readable YAML text: not UTF-8, a NUL byte, too large.
        case input
        /// libyaml's scanner or parser refused the text.
        case syntax
        /// The text is YAML but breaks a strict rule: a duplicate key, an unknown tag, a non-scalar key.
        case strict
        /// A safety limit: alias expansion, nesting depth.
        case limit
    }

    public var kind: Kind
    public var message: String
    public var mark: Mark

    public init(_ kind: Kind, _ message: String, at mark: Mark) {
        self.kind = kind
        self.message = message
        self.mark = mark
    }

    public var description: String { "\(mark): \(message)" }
}
