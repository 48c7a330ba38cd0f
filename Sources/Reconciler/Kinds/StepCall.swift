import Manifest

/// One call a step may make, as the plan's JSON Schema describes it: its key, what it does, and
/// its arguments with their types. Built from the call's coding keys, with a type for each key
/// (a switch over them, so a new argument without a type does not compile).
struct StepCall: Sendable {
    enum Argument: Sendable {
        case string, positiveInteger, stringMap, stringList
        case oneOf([String])

        var schema: OrderedJSON {
            switch self {
            case .string: return .object([("type", "string")])
            case .positiveInteger: return .object([("type", "integer"), ("minimum", .int(1))])
            case .stringMap:
                return .object([("type", "object"), ("additionalProperties", .object([("type", "string")]))])
            case .stringList: return .object([("type", "array"), ("items", .object([("type", "string")]))])
            case .oneOf(let values): return .object([("enum", .array(values.map(OrderedJSON.string)))])
            }
        }
    }

    var name: String
    var summary: String
    var arguments: [(key: String, type: Argument, required: Bool)]

    init<Keys: CodingKey & CaseIterable & Hashable>(
        _ call: some CodingKey, _ keys: Keys.Type, _ summary: String, optional: Set<Keys> = [],
        types: (Keys) -> Argument
    ) {
        name = call.stringValue
        self.summary = summary
        arguments = keys.allCases.map { ($0.stringValue, types($0), !optional.contains($0)) }
    }

    /// The call's entry in the schema's `$defs.step.oneOf`.
    var schema: OrderedJSON {
        .object([
            ("type", "object"), ("description", .string(summary)),
            (
                "properties",
                .object([
                    (
                        name,
                        .object([
                            ("type", "object"), ("properties", .object(arguments.map { ($0.key, $0.type.schema) })),
                            ("required", .array(arguments.filter(\.required).map { .string($0.key) })),
                            ("additionalProperties", false),
                        ])
                    )
                ])
            ),
            ("required", .array([.string(name)])), ("additionalProperties", false),
        ])
    }
}
