import Foundation

/// JSON as AWS's rest-json services write it: timestamps in ISO 8601, with or without fractions
/// of a second (and epoch seconds, which some services send).
enum JSONCoding {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            if let seconds = try? container.decode(Double.self) {
                // Epoch seconds from outside: a value that is not finite or lies past the year
                // 5000 is refused rather than carried into date arithmetic.
                guard seconds.isFinite, abs(seconds) < 1e11 else {
                    throw DecodingError.dataCorruptedError(
                        in: container, debugDescription: "not a plausible epoch timestamp: \(seconds)")
                }
                return Date(timeIntervalSince1970: seconds)
            }
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an ISO 8601 timestamp: \(text)")
            }
            return date
        }
        return decoder
    }()

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }()

    static func parseDate(_ text: String) -> Date? { ISO8601.parse(text) }

    static func formatDate(_ date: Date) -> String { ISO8601.format(date) }
}
