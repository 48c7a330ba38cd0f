/// One node of a YAML document: a scalar, a sequence or a mapping, with the place it starts.
///
/// A node is a light handle into its stream's storage. Aliases are resolved when the tree is
/// built (an alias is its anchored node, position included), and merge keys (`<<`) too: a
/// mapping's pairs are its own keys in source order, then the merged keys it did not define.
public struct Node: Sendable {
    let store: NodeStore
    let index: Int32

    init(store: NodeStore, index: Int32) {
        self.store = store
        self.index = index
    }

    var record: NodeStore.Record { store.records[Int(index)] }

    public enum Kind: Sendable, Hashable {
        case scalar, sequence, mapping
    }

    /// What the node holds, for pattern matching.
    public enum Content: Sendable {
        case scalar(String, ScalarStyle)
        case sequence(Items)
        case mapping(Pairs)
    }

    public var kind: Kind {
        switch record.kind {
        case .scalar: return .scalar
        case .sequence: return .sequence
        case .mapping: return .mapping
        }
    }

    public var content: Content {
        let r = record
        switch r.kind {
        case .scalar: return .scalar(store.withBytes(of: r) { String(decoding: $0, as: UTF8.self) }, r.style)
        case .sequence: return .sequence(Items(store: store, start: Int(r.start), count: Int(r.count)))
        case .mapping: return .mapping(Pairs(store: store, start: Int(r.start), count: Int(r.count)))
        }
    }

    public var mark: Mark {
        let r = record
        return Mark(fileID: store.fileID, line: Int(r.line), column: Int(r.column))
    }

    /// The node's explicit tag, or nil when it had none. Only core tags are accepted.
    public var tag: CoreTag? { record.tag }

    /// The scalar's style, nil for collections.
    public var style: ScalarStyle? { record.kind == .scalar ? record.style : nil }

    /// A mapping's pairs (empty for other nodes).
    public var pairs: Pairs {
        let r = record
        return Pairs(store: store, start: Int(r.start), count: r.kind == .mapping ? Int(r.count) : 0)
    }

    /// A sequence's items (empty for other nodes).
    public var items: Items {
        let r = record
        return Items(store: store, start: Int(r.start), count: r.kind == .sequence ? Int(r.count) : 0)
    }
}

/// How a scalar was written. Only plain scalars are resolved to null, booleans and integers.
public enum ScalarStyle: UInt8, Sendable, Hashable {
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
