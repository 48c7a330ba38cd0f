/// A fixed set of mapping keys, matched against scalar nodes by comparing bytes in place: the
/// fast way for a decoder to sort a mapping's keys into known fields.
public struct KeySet: Sendable {
    public let keys: [String]
    private let bytes: [[UInt8]]

    public init(_ keys: [String]) {
        self.keys = keys
        self.bytes = keys.map { Array($0.utf8) }
    }

    /// The position in `keys` of the scalar `node`'s text, or nil.
    public func index(of node: Node) -> Int? {
        let r = node.record
        guard r.kind == .scalar else { return nil }
        let length = Int(r.count)
        return node.store.text.withUnsafeBufferPointer { text in
            let start = Int(r.start)
            for (i, key) in bytes.enumerated() where key.count == length {
                var equal = true
                for j in 0..<length where text[start + j] != key[j] {
                    equal = false
                    break
                }
                if equal { return i }
            }
            return nil
        }
    }
}
