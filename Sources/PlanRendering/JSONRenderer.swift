import Foundation
import Reconciler

/// The plan as JSON: the `Plan` type itself (`formatVersion` 1), keys sorted, for saved plans
/// and policy tools.
public enum JSONRenderer {
    public static func render(_ plan: Plan) -> String {
        String(decoding: encode(plan), as: UTF8.self) + "\n"
    }

    public static func encode(_ plan: Plan) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(plan)) ?? Data("{}".utf8)
    }

    public static func decode(_ data: Data) throws -> Plan {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(Plan.self, from: data)
    }
}
