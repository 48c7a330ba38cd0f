/// One node of a YAML document: a scalar, a sequence or a mapping, with the place it starts.
///
/// Aliases are resolved when the tree is built: an alias becomes a copy of its anchored node
/// (copy-on-write, so it costs no memory), keeping the anchor's own position. Merge keys (`<<`)
/// are resolved too: a mapping's `pairs` hold its own keys in source order, then the merged keys it
/// did not define itself.
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([Node])
        case mapping([Pair])
    }

    public struct Pair: Sendable {
        public var key: Node
        public var value: Node

        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var mark: Mark
    /// The node's explicit tag, or nil when it had none. Only core tags are accepted.
    public var tag: CoreTag?

    public init(_ content: Content, mark: Mark, tag: CoreTag? = nil) {
        self.content = content
        self.mark = mark
        self.tag = tag
    }
}

/// How a scalar was written. Only plain scalars are resolved to null, booleans and integers.
public enum ScalarStyle: String, Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// The YAML core schema's tags, the only ones a strict document may use, and `!` (non-specific,
/// which makes a scalar a string).
public enum CoreTag: String, Sendable, Hashable, CaseIterable {
    case str = "tag:yaml.org,2002:str"
    case int = "tag:yaml.org,2002:int"
    case bool = "tag:yaml.org,2002:bool"
    case null = "tag:yaml.org,2002:null"
    case float = "tag:yaml.org,2002:float"
    case map = "tag:yaml.org,2002:map"
    case seq = "tag:yaml.org,2002:seq"
    case merge = "tag:yaml.org,2002:merge"
    case nonSpecific = "!"
}
