/// One document of a YAML stream: its root node and where it starts.
public struct YAMLDocument: Sendable {
    public var root: Node
    public var mark: Mark

    public init(root: Node, mark: Mark) {
        self.root = root
        self.mark = mark
    }
}

/// What parsing a file produced: the documents read in full, and every problem found.
///
/// A strict-rule problem (a duplicate key, say) is collected and parsing goes on, so one run
/// reports them all; a syntax error or a safety limit ends the stream there, and the documents
/// completed before it are still returned.
public struct YAMLStream: Sendable {
    public var documents: [YAMLDocument]
    public var errors: [YAMLError]
}
