import AWSClient
import BedrockConstraints
import Foundation

/// Reads a JSON request body against the service model's constraints, collecting every
/// violation into one ValidationException worded as the service words it.
struct InputReader {
    private let object: [String: JSONValue]
    private(set) var problems: [String] = []

    init(body: [UInt8]) throws(EmulatorError) {
        if body.isEmpty {
            object = [:]
            return
        }
        guard let dict = JSONValue(parsing: body)?.members else {
            throw .validation("The request body is not a JSON object")
        }
        object = dict
    }

    init(values: [String: JSONValue]) { object = values }

    /// Throws the collected violations, if any.
    /// The body as the client's input shape, once `check` has passed: the same bytes the checks
    /// read, so decoding them cannot fail but on a bug, which is then a 400 naming the shape.
    static func decoded<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(EmulatorError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.isEmpty ? Array("{}".utf8) : body))
        } catch {
            throw .validation("The request could not be read as \(T.self): \(error)")
        }
    }

    func check() throws(EmulatorError) {
        guard !problems.isEmpty else { return }
        let count = problems.count
        throw .validation(
            "\(count) validation error\(count == 1 ? "" : "s") detected: " + problems.joined(separator: "; "))
    }

    mutating func fail(_ field: String, _ value: Any?, _ constraint: String) {
        let shown = value.map { "'\($0)'" } ?? "null"
        problems.append("Value \(shown) at '\(field)' failed to satisfy constraint: Member must \(constraint)")
    }

    func has(_ field: String) -> Bool { raw(field) != nil }
    func raw(_ field: String) -> JSONValue? {
        guard let value = object[field], value != .null else { return nil }
        return value
    }

    mutating func string(_ field: String, _ constraint: StringConstraint? = nil, required: Bool = false) -> String? {
        guard let value = raw(field) else {
            if required { fail(field, nil, "not be null") }
            return nil
        }
        guard case .string(let text) = value else {
            problems.append("Value at '\(field)' failed to satisfy constraint: Member must be a string")
            return nil
        }
        if let constraint { return validate(field, text, constraint) ? text : nil }
        return text
    }

    /// Checks one value that is not in a body (a URI label): the model's 400 when it fails.
    static func checkLabel(_ field: String, _ text: String, _ constraint: StringConstraint) throws(EmulatorError) {
        var reader = InputReader(values: [:])
        _ = reader.validate(field, text, constraint)
        try reader.check()
    }

    mutating func validate(_ field: String, _ text: String, _ constraint: StringConstraint) -> Bool {
        switch constraint.check(text) {
        case nil: return true
        case .tooShort?: fail(field, text, "have length greater than or equal to \(constraint.minLength)")
        case .tooLong?: fail(field, text, "have length less than or equal to \(constraint.maxLength)")
        case .pattern(let pattern)?: fail(field, text, "satisfy regular expression pattern: \(pattern.regex)")
        }
        return false
    }

    mutating func int(_ field: String, min: Int? = nil, max: Int? = nil, required: Bool = false) -> Int? {
        guard let value = raw(field) else {
            if required { fail(field, nil, "not be null") }
            return nil
        }
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            problems.append("Value at '\(field)' failed to satisfy constraint: Member must be an integer")
            return nil
        }
        let n = Int(number)
        if let min, n < min {
            fail(field, n, "have value greater than or equal to \(min)")
            return nil
        }
        if let max, n > max {
            fail(field, n, "have value less than or equal to \(max)")
            return nil
        }
        return n
    }

    mutating func enumValue(_ field: String, _ allowed: [String], required: Bool = false) -> String? {
        guard let text = string(field, required: required) else { return nil }
        guard allowed.contains(text) else {
            fail(field, text, "satisfy enum value set: [\(allowed.joined(separator: ", "))]")
            return nil
        }
        return text
    }

    /// A query value (`statusEquals`) as one of the service model's `allowed` values; another
    /// value fails the field, naming the set, and is returned all the same (the check throws first).
    mutating func query<T: Bedrock.OpenEnum>(_ field: String, _ text: String?, oneOf allowed: [T]) -> T? {
        guard let text else { return nil }
        let value = T(rawValue: text)
        if !allowed.contains(value) {
            fail(field, text, "satisfy enum value set: [\(allowed.map(\.rawValue).joined(separator: ", "))]")
        }
        return value
    }

    /// A TagList: `[{key, value}]`, at most `max` entries, each key and value checked.
    mutating func tags(_ field: String, required: Bool = false) -> [(String, String)]? {
        guard let value = raw(field) else {
            if required { fail(field, nil, "not be null") }
            return nil
        }
        guard case .array(let items) = value else {
            problems.append("Value at '\(field)' failed to satisfy constraint: Member must be a list of tags")
            return nil
        }
        let list = items.compactMap { item -> [String: JSONValue]? in if case .object(let o) = item { o } else { nil } }
        if list.count != items.count {
            problems.append("Value at '\(field)' failed to satisfy constraint: Member must be a list of tags")
            return nil
        }
        if list.count > 200 { fail(field, "[\(list.count) tags]", "have length less than or equal to 200") }
        var tags: [(String, String)] = []
        for (index, entry) in list.enumerated() {
            var inner = InputReader(values: entry)
            let key = inner.string("key", .tagKey, required: true)
            let value = inner.string("value", .tagValue, required: true)
            problems += inner.problems.map {
                $0.replacingOccurrences(of: "at '", with: "at '\(field).\(index + 1).member.")
            }
            if let key, let value { tags.append((key, value)) }
        }
        return tags
    }

    mutating func stringList(
        _ field: String, _ constraint: StringConstraint, count: ClosedRange<Int>, required: Bool = false
    ) -> [String]? {
        guard let value = raw(field) else {
            if required { fail(field, nil, "not be null") }
            return nil
        }
        guard case .array(let list) = value else {
            problems.append("Value at '\(field)' failed to satisfy constraint: Member must be a list")
            return nil
        }
        if list.count < count.lowerBound {
            fail(field, "\(list)", "have length greater than or equal to \(count.lowerBound)")
        }
        if list.count > count.upperBound {
            fail(field, "\(list)", "have length less than or equal to \(count.upperBound)")
        }
        var out: [String] = []
        for (index, item) in list.enumerated() {
            guard case .string(let text) = item else {
                problems.append(
                    "Value at '\(field).\(index + 1).member' failed to satisfy constraint: Member must be a string")
                continue
            }
            if validate("\(field).\(index + 1).member", text, constraint) { out.append(text) }
        }
        return out
    }

    mutating func object(_ field: String, required: Bool = false) -> InputReader? {
        guard let value = raw(field) else {
            if required { fail(field, nil, "not be null") }
            return nil
        }
        guard case .object(let dict) = value else {
            problems.append("Value at '\(field)' failed to satisfy constraint: Member must be a structure")
            return nil
        }
        return InputReader(values: dict)
    }

    /// Folds a nested reader's problems into this one under `prefix`.
    mutating func absorb(_ inner: InputReader, prefix: String) {
        problems += inner.problems.map { $0.replacingOccurrences(of: "at '", with: "at '\(prefix).") }
    }
}
