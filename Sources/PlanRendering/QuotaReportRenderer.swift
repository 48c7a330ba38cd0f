import AWSClient
import BedrockConstraints
import Foundation
import Reconciler

/// `bedrockctl quotas` as text or JSON: a row a quota, then what to do about a shortfall.
public enum QuotaReportRenderer {
    public static func text(_ report: QuotaReport, paths: [String]) -> String {
        let scope = report.stack.map { "stack \($0)" } ?? "the account"
        var out = "Amazon Bedrock quotas in \(report.region) for \(scope):\n"
        guard !report.rows.isEmpty else {
            out += report.warnings.isEmpty ? "No quota is touched.\n" : "Quotas not checked.\n"
            for warning in report.warnings { out += "warning: \(warning)\n" }
            return out
        }
        let header = ["QUOTA", "CODE", "NEEDED", "IN USE", "APPLIED", "AWS DEFAULT", "ADJUSTABLE", "SHORTFALL"]
        let cells = report.rows.map { row -> [String] in
            [
                row.usage.quota.name, row.usage.code ?? "-", String(row.usage.needed), String(row.usage.inUse),
                row.usage.listed.map { number($0.value) } ?? "not listed", row.defaultValue.map(number) ?? "-",
                row.adjustable ? "yes" : "no", row.usage.shortfall.map(number) ?? "unchecked",
            ].map(DisplayText.escaped)
        }
        out += LiveTable.table(header, cells)
        let short = report.shortfalls
        if short.isEmpty {
            out += "No quota falls short of what the plan needs.\n"
        } else {
            let target = paths.isEmpty ? "" : " " + paths.joined(separator: " ")
            out +=
                "\(short.count) quota\(short.count == 1 ? " falls" : "s fall") short: "
                + "`bedrockctl quotas --request\(target)` asks AWS for what the plan needs.\n"
        }
        for warning in report.warnings { out += "warning: \(warning)\n" }
        return out
    }

    public static func filed(_ filed: [QuotaReport.Filed]) -> String {
        guard !filed.isEmpty else { return "Nothing to request: no quota falls short.\n" }
        return filed.map { item in
            let label = item.row.usage.label
            if let refusal = item.refusal {
                let open = item.change.map { " (request \($0.id ?? "-"), \($0.status?.rawValue ?? "-"))" } ?? ""
                return "not requested: \(label): \(refusal)\(open)"
            }
            let change = item.change
            return "requested: \(label) to \(number(change?.desiredValue ?? 0)): request \(change?.id ?? "-"), "
                + "status \(change?.status?.rawValue ?? "-"), case \(change?.caseId ?? "none")"
        }.joined(separator: "\n") + "\n"
    }

    public static func requests(_ all: [(row: QuotaReport.Row, changes: [ServiceQuotas.RequestedChange])]) -> String {
        guard !all.isEmpty else { return "No quota increase requests.\n" }
        let header = ["QUOTA", "CODE", "REQUEST", "DESIRED", "STATUS", "CASE", "CREATED"]
        let cells = all.flatMap { entry in
            entry.changes.map { change -> [String] in
                [
                    entry.row.usage.quota.name, change.quotaCode ?? "-", change.id ?? "-",
                    number(change.desiredValue ?? 0), change.status?.rawValue ?? "-", change.caseId ?? "-",
                    change.created.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: $0)) } ?? "-",
                ].map(DisplayText.escaped)
            }
        }
        return LiveTable.table(header, cells)
    }

    /// The report as JSON: one object a quota.
    public static func json(_ report: QuotaReport) -> String {
        let rows: [[String: Any]] = report.rows.map { row in
            var object: [String: Any] = [
                "name": row.usage.quota.name, "needed": row.usage.needed, "inUse": row.usage.inUse,
                "adjustable": row.adjustable,
            ]
            object["code"] = row.usage.code
            object["applied"] = row.usage.listed?.value
            object["awsDefault"] = row.defaultValue
            object["shortfall"] = row.usage.shortfall
            return object
        }
        var top: [String: Any] = ["region": report.region, "quotas": rows, "warnings": report.warnings]
        top["stack"] = report.stack
        let data =
            (try? JSONSerialization.data(withJSONObject: top, options: [.prettyPrinted, .sortedKeys]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
