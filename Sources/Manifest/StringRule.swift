import BedrockConstraints

/// A string field of a manifest and the service shape its value must fit.
struct StringRule: Sendable, Hashable, CustomStringConvertible {
    enum Step: Sendable, Hashable {
        /// A mapping's field.
        case field(String)
        /// Each item of a list.
        case item
        /// Each key of a mapping that takes any key (tags).
        case anyKey
        /// Each value of a mapping that takes any key (tags).
        case anyValue
    }

    /// The document kind the field belongs to.
    var kind: String
    /// Where the field is, from the document's root.
    var path: [Step]
    var constraint: StringConstraint

    init(_ kind: String, _ fields: [String], _ constraint: StringConstraint) {
        self.init(kind, fields.map(Step.field), constraint)
    }

    init(_ kind: String, _ fields: [String], item constraint: StringConstraint) {
        self.init(kind, fields.map(Step.field) + [.item], constraint)
    }

    init(_ kind: String, _ path: [Step], _ constraint: StringConstraint) {
        self.kind = kind
        self.path = path
        self.constraint = constraint
    }

    /// The key the field has in its mapping: the last field of the path.
    var key: String {
        for step in path.reversed() {
            if case .field(let name) = step { return name }
        }
        preconditionFailure("a string rule names at least one field")
    }

    var description: String {
        kind + " "
            + path.map { step -> String in
                switch step {
                case .field(let name): return "." + name
                case .item: return "[]"
                case .anyKey: return "{key}"
                case .anyValue: return "{value}"
                }
            }.joined()
    }
}
