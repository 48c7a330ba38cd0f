import BedrockConstraints
import YAML

/// Reads the fields of one YAML mapping into typed values, logging every problem (wrong type,
/// missing, unknown, out of its constraint) with the field's dotted path and position.
struct MappingReader {
    let node: Node
    let path: String
    let pairs: Node.Pairs
    /// The known fields, and where in `pairs` each was found (one pass over the mapping): one
    /// entry a field, 0 for absent, else the pair's position plus one.
    private let fields: KeySet?
    private var slots: [Int] = []

    /// Reads a mapping whose keys must be among `fields` (each unknown key is logged with a
    /// suggestion); with `fields` nil any key is allowed and the pairs are read as they are.
    init?(_ node: Node, path: String, fields: KeySet?, log: inout DiagnosticLog) {
        guard node.kind == .mapping else {
            log.error(
                "\(path.isEmpty ? "document" : path): expected a mapping, got \(node.kindDescription)", at: node.mark)
            return nil
        }
        self.node = node
        self.path = path
        self.pairs = node.pairs
        self.fields = fields
        guard let fields else { return }
        slots = Array(repeating: 0, count: fields.keys.count)
        for (position, pair) in pairs.enumerated() {
            if let slot = fields.index(of: pair.key) {
                // A duplicate key is refused by the parser; the first one stands.
                if slots[slot] == 0 { slots[slot] = position + 1 }
            } else if let key = pair.key.scalarText {
                log.error(
                    "\(path.isEmpty ? "document" : path): unknown field "
                        + "'\(key)'\(Suggestion.hint(for: key, in: fields.keys))",
                    at: pair.key.mark)
            }
        }
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`, or nil when the key is absent.
    func field(_ key: String) -> Node? {
        guard let slot = fields?.keys.firstIndex(of: key) else {
            preconditionFailure("field '\(key)' read but not declared")
        }
        let position = slots[slot]
        return position == 0 ? nil : pairs[position - 1].value
    }

    /// The value of `key` unless absent or null; a missing required field is logged.
    func present(_ key: String, required: Bool, log: inout DiagnosticLog) -> Node? {
        guard let value = field(key), !value.isNull else {
            if required {
                let at = field(key)?.mark ?? node.mark
                log.error("\(path.isEmpty ? "document" : path): missing required field '\(key)'", at: at)
            }
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool, log: inout DiagnosticLog) -> String? {
        guard let value = present(key, required: required, log: &log) else { return nil }
        return Self.string(value, path: fieldPath(key), log: &log)
    }

    /// A string field checked against a shape of the service model.
    func string(_ key: String, _ constraint: StringConstraint, required: Bool, log: inout DiagnosticLog) -> String? {
        guard let value = present(key, required: required, log: &log),
            let text = Self.string(value, path: fieldPath(key), log: &log)
        else { return nil }
        return Self.check(text, constraint, path: fieldPath(key), at: value.mark, log: &log) ? text : nil
    }

    /// A string field checked against its rule of the manifest format.
    func string(_ rule: StringRule, required: Bool, log: inout DiagnosticLog) -> String? {
        string(rule.key, rule.constraint, required: required, log: &log)
    }

    func int(_ key: String, required: Bool, log: inout DiagnosticLog) -> (Int, Mark)? {
        guard let value = present(key, required: required, log: &log) else { return nil }
        guard case .int(let number)? = value.scalarValue else {
            log.error("\(fieldPath(key)): expected an integer, got \(value.kindDescription)", at: value.mark)
            return nil
        }
        return (number, value.mark)
    }

    func bool(_ key: String, required: Bool, log: inout DiagnosticLog) -> Bool? {
        guard let value = present(key, required: required, log: &log) else { return nil }
        guard case .bool(let flag)? = value.scalarValue else {
            log.error("\(fieldPath(key)): expected true or false, got \(value.kindDescription)", at: value.mark)
            return nil
        }
        return flag
    }

    func mapping(_ key: String, fields: KeySet?, required: Bool, log: inout DiagnosticLog) -> MappingReader? {
        guard let value = present(key, required: required, log: &log) else { return nil }
        return MappingReader(value, path: fieldPath(key), fields: fields, log: &log)
    }

    func list(_ key: String, required: Bool, log: inout DiagnosticLog) -> (items: [Node], mark: Mark)? {
        guard let value = present(key, required: required, log: &log) else { return nil }
        guard value.kind == .sequence else {
            log.error("\(fieldPath(key)): expected a list, got \(value.kindDescription)", at: value.mark)
            return nil
        }
        return (Array(value.items), value.mark)
    }

    // MARK: - Values

    static func string(_ value: Node, path: @autoclosure () -> String, log: inout DiagnosticLog) -> String? {
        guard case .string(let text)? = value.scalarValue else {
            let hint = value.scalarText != nil ? " (quote it to make it a string)" : ""
            log.error("\(path()): expected a string, got \(value.kindDescription)\(hint)", at: value.mark)
            return nil
        }
        return text
    }

    @discardableResult
    static func check(
        _ text: String, _ constraint: StringConstraint, path: @autoclosure () -> String, at mark: Mark,
        log: inout DiagnosticLog
    ) -> Bool {
        guard let violation = constraint.check(text) else { return true }
        switch violation {
        case .pattern:
            log.error("\(path()): \"\(Self.abbreviate(text))\" \(violation) (\(constraint.shape))", at: mark)
        default:
            log.error("\(path()): \(violation) (\(constraint.shape))", at: mark)
        }
        return false
    }

    static func abbreviate(_ text: String) -> String {
        let escaped = text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0)
        }.joined()
        return escaped.count > 80 ? escaped.prefix(80) + "…" : escaped
    }
}
