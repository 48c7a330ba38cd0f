#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Node {
    /// A sequence's items, read in place.
    public struct Items: RandomAccessCollection, Sendable {
        let store: NodeStore
        let start: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> Node {
            precondition(position >= 0 && position < count, "index out of range")
            return Node(store: store, index: store.children[start + position])
        }
    }

    /// A key and its value.
    public struct Pair: Sendable {
        public var key: Node
        public var value: Node
    }

    /// A mapping's pairs in order, read in place.
    public struct Pairs: RandomAccessCollection, Sendable {
        let store: NodeStore
        let start: Int
        public let count: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }

        public subscript(position: Int) -> Pair {
            precondition(position >= 0 && position < count, "index out of range")
            let base = start + 2 * position
            return Pair(
                key: Node(store: store, index: store.children[base]),
                value: Node(store: store, index: store.children[base + 1]))
        }
    }

    /// True when this is a scalar whose text is exactly `text`; compares bytes in place.
    public func scalarEquals(_ text: StaticString) -> Bool {
        let r = record
        guard r.kind == .scalar, Int(r.count) == text.utf8CodeUnitCount else { return false }
        return store.withBytes(of: r) { bytes in
            let p = text.utf8Start
            for i in 0..<bytes.count where bytes[i] != p[i] { return false }
            return true
        }
    }

    /// True when this is a scalar whose text is exactly `text`.
    public func scalarEquals(_ text: String) -> Bool {
        let r = record
        guard r.kind == .scalar, Int(r.count) == text.utf8.count else { return false }
        return store.withBytes(of: r) { bytes in
            text.utf8.withContiguousStorageIfAvailable { other in
                bytes.count == 0 || memcmp(bytes.baseAddress!, other.baseAddress!, bytes.count) == 0
            } ?? bytes.elementsEqual(text.utf8)
        }
    }

    /// The value of `key` in a mapping, nil when absent or when this is not a mapping.
    public func value(forKey key: StaticString) -> Node? {
        for pair in pairs where pair.key.scalarEquals(key) { return pair.value }
        return nil
    }
}
