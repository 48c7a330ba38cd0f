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
        guard case .scalar(let text, let style) = content else { return nil }
        return Node.resolve(text, style: style, tag: tag)
    }

    /// The scalar's text whatever it resolves to, nil for collections.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var isNull: Bool { scalarValue == .null }

    /// A short name of what this node is, for "expected X, got Y" messages.
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let text, _):
            switch scalarValue {
            case .null: return "null"
            case .bool(let b): return "boolean \(b)"
            case .int(let i): return "integer \(i)"
            default: return "string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
            }
        }
    }

    static func resolve(_ text: String, style: ScalarStyle, tag: CoreTag?) -> ScalarValue {
        switch tag {
        case .int?: return parseDecimal(text).map(ScalarValue.int) ?? .string(text)
        case .bool?: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        case .null?: return .null
        case .some: return .string(text)
        case nil: break
        }
        guard style == .plain else { return .string(text) }
        // Most plain scalars are names and ids: their first byte rules out every other type.
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "~"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "f"):
            break
        default:
            return .string(text)
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: return parseDecimal(text).map(ScalarValue.int) ?? .string(text)
        }
    }

    /// `[-+]?(0|[1-9][0-9]*)` within Int's range; anything else is not an integer.
    static func parseDecimal(_ text: String) -> Int? {
        var utf8 = Substring(text).utf8[...]
        guard let first = utf8.first else { return nil }
        var negative = false
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        guard let lead = utf8.first, lead >= 0x30, lead <= 0x39 else { return nil }
        if lead == 0x30 && utf8.count > 1 { return nil }
        var value = 0
        for byte in utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(byte - 0x30)) : m.addingReportingOverflow(Int(byte - 0x30))
            if o1 || o2 { return nil }
            value = s
        }
        return value
    }
}
