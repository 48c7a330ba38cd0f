import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import Reconciler

/// What `bedrockctl get` shows of the live account: one row a resource, as a table or as JSON.
public struct LiveTable: Sendable {
    public typealias Row = LiveRow

    public var rows: [Row]
    /// For "(N days)" after a commitment's expiry.
    public var now: Date

    /// The kinds `get` shows, by the name it takes on the command line: every unit's (`LiveRow.kinds`).
    public struct Kind: RawRepresentable, Sendable, Hashable {
        public var rawValue: String

        public init?(rawValue: String) {
            guard LiveRow.kinds.contains(rawValue) else { return nil }
            self.rawValue = rawValue
        }

        public static var allCases: [Kind] { LiveRow.kinds.compactMap(Kind.init(rawValue:)) }
    }

    public init(_ live: LiveState, kinds: [Kind] = Kind.allCases, stack: String? = nil, now: Date) {
        self.now = now
        var rows = LiveRow.rows(live, kinds: Set(kinds.map(\.rawValue)))
        if let stack { rows = rows.filter { $0.stack == stack } }
        self.rows = rows.sorted { ($0.kind, $0.name) < ($1.kind, $1.name) }
    }

    public func text() -> String {
        guard !rows.isEmpty else { return "No resources.\n" }
        let priced = rows.contains { $0.hourly != nil || $0.unpriced != nil }
        let header =
            ["KIND", "NAME", "STATUS", "MODEL", "UNITS", "COMMITMENT"] + (priced ? ["PER HOUR"] : [])
            + ["STACK", "MANIFEST NAME"]
        let cells = rows.map { row -> [String] in
            var commitment = row.commitment ?? "-"
            if let expiry = row.commitmentExpiration {
                commitment += " " + CommitmentExpiry.describe(expiry, now: now)
            }
            if let remaining = row.commitmentRemaining { commitment += ", \(remaining) left" }
            let price = row.hourly.map(\.description) ?? (row.unpriced == nil ? "-" : "no price")
            return
                ([row.kind, row.name, row.status, row.model, row.modelUnits.map(String.init) ?? "-", commitment]
                + (priced ? [price] : []) + [row.stack ?? "-", row.manifestName ?? "-"]).map(DisplayText.escaped)
        }
        return Self.table(header, cells)
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: (try? encoder.encode(rows)) ?? Data("[]".utf8), as: UTF8.self) + "\n"
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        return ([header] + rows).map { row in
            row.enumerated().map {
                $0.offset == row.count - 1
                    ? $0.element
                    : $0.element.padding(
                        toLength: widths[$0.offset], withPad: " ",
                        startingAt: 0)
            }
            .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// Foundation models and how they can be used.
    public static func foundationModels(_ models: [Bedrock.FoundationModel]) -> String {
        let rows = models.sorted { $0.modelId < $1.modelId }.map { m -> [String] in
            let types = m.inferenceTypesSupported ?? []
            return [
                m.modelId, m.modelName ?? "-", m.providerName ?? "-", types.contains("ON_DEMAND") ? "yes" : "no",
                types.contains("PROVISIONED") ? "yes" : "no",
            ].map(DisplayText.escaped)
        }
        return table(["MODEL ID", "NAME", "PROVIDER", "ON DEMAND", "PROVISIONED"], rows)
    }
}
