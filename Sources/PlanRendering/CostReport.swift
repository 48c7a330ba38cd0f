import AWSClient
import Foundation
import Reconciler

/// What runs costs (`bedrockctl cost`): the live throughputs' run rate summed by stack, or by the
/// value of a tag, with what remains of their commitments and how many have no price.
public struct CostReport: Sendable, Encodable {
    public struct Group: Sendable, Hashable, Encodable {
        public var name: String
        public var throughputs: Int
        public var hourly: USD
        public var monthly: USD
        public var commitmentRemaining: USD
        /// Throughputs of the group without a price, left out of its sums.
        public var unpriced: Int
    }

    public var groupedBy: String
    public var groups: [Group]
    public var total: Group
    public var priceSource: String
    public var problem: String?
    public var throughputs: [RunningCost]

    /// Sums `costs` by stack (`tag` nil) or by the value of `tag`; a throughput without one is
    /// in the group "(no stack)" or "(no TAG)".
    public init(_ costs: [RunningCost], by tag: String?, priceSource: String, problem: String?) {
        func sum(_ name: String, _ items: [RunningCost]) -> Group {
            let hourly = items.compactMap(\.hourly).reduce(USD.zero, +)
            return Group(
                name: name, throughputs: items.count, hourly: hourly, monthly: hourly * USD.hoursPerMonth,
                commitmentRemaining: items.compactMap(\.commitmentRemaining).reduce(USD.zero, +),
                unpriced: items.count { $0.hourly == nil })
        }
        let key: (RunningCost) -> String = { item in
            if let tag { return item.tags[tag] ?? "(no \(tag))" }
            return item.stack ?? "(no stack)"
        }
        let grouped = Dictionary(grouping: costs, by: key)
        groupedBy = tag.map { "tag \($0)" } ?? "stack"
        groups = grouped.keys.sorted().map { sum($0, grouped[$0]!) }
        total = sum("total", costs)
        self.priceSource = priceSource
        self.problem = problem
        throughputs = costs.sorted { $0.name < $1.name }
    }

    public func text() -> String {
        var out = ""
        if let problem { out += "warning: prices unavailable: \(DisplayText.escaped(problem))\n" }
        guard !throughputs.isEmpty else { return out + "No Provisioned Throughputs.\n" }
        let header = [groupedBy.uppercased(), "THROUGHPUTS", "PER HOUR", "PER MONTH", "COMMITMENT LEFT", "UNPRICED"]
        let rows = (groups + [total]).map { group in
            [
                group.name, String(group.throughputs), group.hourly.description, group.monthly.description,
                group.commitmentRemaining.description, String(group.unpriced),
            ].map(DisplayText.escaped)
        }
        out += LiveTable.table(header, rows)
        out +=
            "\nUSD at list prices from \(DisplayText.escaped(priceSource)), 730 hours a month; unpriced "
            + "throughputs are left out of the sums.\n"
        for item in throughputs where item.unpriced != nil {
            out += "  \(DisplayText.escaped(item.name)): \(DisplayText.escaped(item.unpriced!))\n"
        }
        return out
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
