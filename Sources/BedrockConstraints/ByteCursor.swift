/// A forward cursor over a string's UTF-8 bytes, for the hand-written pattern matchers.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Consumes `text` if the input continues with it.
    mutating func take(_ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard index + n <= bytes.count else { return false }
        let p = text.utf8Start
        for k in 0..<n where bytes[index + k] != p[k] { return false }
        index += n
        return true
    }

    /// Consumes bytes while `predicate` holds; returns how many.
    @discardableResult
    mutating func run(_ predicate: (UInt8) -> Bool) -> Int {
        let start = index
        while index < bytes.count, predicate(bytes[index]) { index += 1 }
        return index - start
    }

    /// Consumes one byte if it satisfies `predicate`.
    mutating func one(_ predicate: (UInt8) -> Bool) -> Bool {
        guard let b = peek, predicate(b) else { return false }
        index += 1
        return true
    }
}

/// Character classes of the service model's patterns, on single bytes.
enum CharClass {
    static func digit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    static func lower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
    static func upper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
    static func alnum(_ b: UInt8) -> Bool { digit(b) || lower(b) || upper(b) }
    /// `[a-z0-9]`
    static func lowerAlnum(_ b: UInt8) -> Bool { digit(b) || lower(b) }
    /// `[a-z0-9-]`
    static func lowerAlnumDash(_ b: UInt8) -> Bool { lowerAlnum(b) || b == UInt8(ascii: "-") }
    /// `[-0-9a-zA-Z]`
    static func alnumDash(_ b: UInt8) -> Bool { alnum(b) || b == UInt8(ascii: "-") }
    /// `\s` as the service (Java) reads it: ASCII whitespace.
    static func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}

extension String {
    /// Runs `body` over the UTF-8 bytes without copying a native string.
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
