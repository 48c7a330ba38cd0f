/// Bounds that keep a hostile YAML file from exhausting time or memory.
public struct ParserLimits: Sendable, Hashable {
    /// Largest input accepted, in bytes.
    public var maxInputBytes: Int
    /// Most nodes that aliases may add to a stream by expansion (a "billion laughs" file hits this).
    public var maxAliasExpandedNodes: Int
    /// Deepest nesting of collections.
    public var maxDepth: Int

    public init(maxInputBytes: Int = 16 << 20, maxAliasExpandedNodes: Int = 100_000, maxDepth: Int = 256) {
        self.maxInputBytes = maxInputBytes
        self.maxAliasExpandedNodes = maxAliasExpandedNodes
        self.maxDepth = maxDepth
    }

    public static let `default` = ParserLimits()
}
