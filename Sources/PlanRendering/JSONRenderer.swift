import Foundation
import Reconciler

/// The plan as JSON: the `Plan` type itself (`formatVersion` 1), keys sorted, for saved plans
/// and policy tools.
public enum JSONRenderer {
    public static func render(_ plan: Plan) -> String {
        String(decoding: encode(plan), as: UTF8.self) + "\n"
    }

    /// The plan, with `applicable` (whether apply would run it) and `refusals` (why not) beside
    /// its own fields; a saved plan decodes without them.
    public static func encode(_ plan: Plan) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(Document(plan: plan))) ?? Data("{}".utf8)
    }

    struct Document: Encodable {
        var plan: Plan

        enum Keys: String, CodingKey { case applicable, refusals }

        func encode(to encoder: Encoder) throws {
            try plan.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(plan.isApplicable, forKey: .applicable)
            try container.encode(plan.refusals, forKey: .refusals)
        }
    }

    public static func decode(_ data: Data) throws -> Plan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Plan.self, from: data)
    }
}
