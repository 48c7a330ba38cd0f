/// The strict core-schema value of a scalar.
///
/// Only `true` and `false` are booleans (`yes`, `on`, `no` stay strings); integers are plain
/// decimal without leading zeros (`0x1F`, `0o17`, `1_000` and `007` stay strings); `null`, `~` and
/// the empty plain scalar are null. Quoted and block scalars are always strings.
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
}

extension Node {
    /// The resolved value when this node is a scalar, nil for collections.
    public var scalarValue: ScalarValue? {
        let r = record
        guard r.kind == .scalar else { return nil }
        let special = store.withBytes(of: r) { Node.resolveSpecial($0, style: r.style, tag: r.tag) }
        if let special { return special }
        return .string(store.withBytes(of: r) { String(decoding: $0, as: UTF8.self) })
    }

    /// The scalar's text whatever it resolves to, nil for collections.
    public var scalarText: String? {
        let r = record
        guard r.kind == .scalar else { return nil }
        return store.withBytes(of: r) { String(decoding: $0, as: UTF8.self) }
    }

    public var isNull: Bool {
        let r = record
        guard r.kind == .scalar else { return false }
        return store.withBytes(of: r) { Node.resolveSpecial($0, style: r.style, tag: r.tag) } == .null
    }

    /// A short name of what this node is, for "expected X, got Y" messages.
    public var kindDescription: String {
        switch scalarValue {
        case nil: return record.kind == .sequence ? "a list" : "a mapping"
        case .null?: return "null"
        case .bool(let b)?: return "boolean \(b)"
        case .int(let i)?: return "integer \(i)"
        case .string(let text)?: return "string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
        }
    }

    /// Null, boolean or integer when the scalar is one; nil when it is a string.
    static func resolveSpecial(_ bytes: UnsafeBufferPointer<UInt8>, style: ScalarStyle, tag: CoreTag?) -> ScalarValue? {
        switch tag {
        case .int?: return parseDecimal(bytes).map(ScalarValue.int)
        case .bool?: return equals(bytes, "true") ? .bool(true) : equals(bytes, "false") ? .bool(false) : nil
        case .null?: return .null
        case .some: return nil
        case nil: break
        }
        guard style == .plain else { return nil }
        // Most plain scalars are names and ids: their first byte rules out every other type.
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return parseDecimal(bytes).map(ScalarValue.int)
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : nil
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return equals(bytes, "null") || equals(bytes, "Null") || equals(bytes, "NULL") ? .null : nil
        case UInt8(ascii: "t"):
            return equals(bytes, "true") ? .bool(true) : nil
        case UInt8(ascii: "f"):
            return equals(bytes, "false") ? .bool(false) : nil
        default:
            return nil
        }
    }

    static func isNullText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.isEmpty || equals(bytes, "~") || equals(bytes, "null") || equals(bytes, "Null") || equals(bytes, "NULL")
    }

    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        guard bytes.count == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        for i in 0..<bytes.count where bytes[i] != p[i] { return false }
        return true
    }

    /// `[-+]?(0|[1-9][0-9]*)` within Int's range; anything else is not an integer.
    static func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        guard let first = bytes.first else { return nil }
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            i = 1
        }
        guard i < bytes.count, bytes[i] &- 0x30 < 10 else { return nil }
        if bytes[i] == 0x30 && bytes.count > i + 1 { return nil }
        var value = 0
        while i < bytes.count {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(digit)) : m.addingReportingOverflow(Int(digit))
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return value
    }

    static func parseDecimal(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { parseDecimal($0) }
    }
}
