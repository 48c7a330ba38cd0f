/// The storage behind every node of one parsed stream: a flat table of node records, a flat
/// table of collection children, and one buffer of scalar bytes.
///
/// Building a tree this way costs a few large allocations instead of one per node, freeing it
/// is as cheap, and an alias is the index of its anchor's node: expansion copies nothing.
final class NodeStore: Sendable {
    struct Record: Sendable {
        enum Kind: UInt8, Sendable { case scalar, sequence, mapping }

        var kind: Kind
        var style: ScalarStyle
        var tag: CoreTag?
        var line: UInt32
        var column: UInt32
        /// Scalars: offset of the text in `text`. Collections: offset of the children in `children`.
        var start: UInt32
        /// Scalars: length of the text in bytes. Sequences: item count. Mappings: pair count.
        var count: UInt32
    }

    let fileID: UInt32
    let records: [Record]
    /// Children of collections, in order; a mapping's are key, value, key, value, ….
    let children: [Int32]
    let text: [UInt8]

    init(fileID: UInt32, records: [Record], children: [Int32], text: [UInt8]) {
        self.fileID = fileID
        self.records = records
        self.children = children
        self.text = text
    }

    /// Runs `body` over the bytes of scalar record `record`.
    @inline(__always)
    func withBytes<R>(of record: Record, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(record.start)..<Int(record.start + record.count)]))
        }
    }
}
