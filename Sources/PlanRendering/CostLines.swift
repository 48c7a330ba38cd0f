import AWSClient
import Reconciler

/// The money of a plan in words, for the text and Markdown renderers: each action's line, the
/// summary below the actions, and the warning a commitment or a delete of capacity earns.
struct CostLines: Sendable {
    var cost: PlanCost

    /// Whether the plan has anything priced or unpriced to say (it covers a throughput).
    static func shown(_ plan: Plan) -> CostLines? {
        guard let cost = plan.cost else { return nil }
        let covers = plan.actions.contains { $0.kind == .provisionedThroughput && $0.type != .conflict }
        return covers || cost.problem != nil ? CostLines(cost: cost) : nil
    }

    static func signed(_ amount: USD) -> String { amount.isNegative ? "\(amount)" : "+\(amount)" }

    /// `+$181.50/hour, +$132,495.00/month (3 units × $60.50, Price List USE1-…)`, or why unpriced.
    static func action(_ action: PlanAction) -> [String] {
        guard let cost = action.cost else { return [] }
        var lines: [String] = []
        if let hourly = cost.hourlyChange, let monthly = cost.monthlyChange {
            let verb = hourly.isNegative ? " saved" : ""
            let prices = (cost.after.isEmpty ? cost.before : cost.after).compactMap { item in
                item.price.map { "\(item.modelUnits) × \($0.perModelUnitHour.unitPrice) a unit-hour, \($0.source)" }
            }
            lines.append(
                "cost: \(signed(hourly))/hour, \(signed(monthly))/month\(verb)"
                    + (prices.isEmpty ? "" : " (\(prices.joined(separator: "; ")))"))
        } else {
            let reasons = (cost.before + cost.after).compactMap(\.unpriced)
            lines.append("cost: \(reasons.first ?? "unpriced")")
        }
        for commitment in cost.commitments { lines.append(Self.commitment(commitment)) }
        return lines
    }

    static func commitment(_ commitment: CommitmentPurchase) -> String {
        let amount = commitment.amount.map { "commits \($0)" } ?? "commits an unpriced amount"
        return "\(amount) for \(commitment.commitmentDuration.rawValue) (\(commitment.modelUnits) unit"
            + "\(commitment.modelUnits == 1 ? "" : "s") × \(commitment.hours) hours) until \(commitment.endDay); "
            + "it cannot be cancelled or deleted before then"
    }

    func rate(_ rate: PlanCost.RunRate) -> String { "\(rate.hourly)/hour, \(rate.monthly)/month" }

    /// What the prices leave out, and where they come from.
    var basis: String {
        var text = "USD at list prices from \(cost.priceSource)"
        if let date = cost.publicationDate { text += ", published \(date.prefix(10))" }
        return text + "; without discounts, taxes or on-demand token charges"
    }

    /// The summary below the actions, one line an item.
    var summary: [String] {
        var lines = ["Cost (\(basis)):"]
        if let problem = cost.problem { lines.append("  unpriced: \(problem)") }
        lines.append("  run rate before apply: \(rate(cost.runRateBefore))")
        let change = cost.runRateChange
        lines.append("  run rate after apply:  \(rate(cost.runRateAfter)), \(Self.signed(change.monthly))/month")
        if !cost.unpriced.isEmpty {
            let count = Set(cost.unpriced.map(\.actionId)).count
            lines.append(
                "  left out of the run rates: \(count) throughput\(count == 1 ? "" : "s") without a price (below)")
        }
        if !cost.commitments.isEmpty {
            lines.append("  commitments this apply buys: \(cost.commitmentTotal), none of it cancellable")
            for commitment in cost.commitments {
                lines.append("    \(commitment.actionId): \(Self.commitment(commitment))")
            }
        }
        for item in cost.unpriced { lines.append("  \(item.actionId) (\(item.modelId)): \(item.reason)") }
        if let budget = cost.budget {
            if let monthly = budget.monthly {
                lines.append("  budget: \(monthly) a month (\(budget.monthlySource ?? "?"))")
            }
            if let commitments = budget.commitments {
                lines.append("  budget: \(commitments) of commitments an apply (\(budget.commitmentsSource ?? "?"))")
            }
            for refusal in cost.refusals { lines.append("  refused: \(refusal)") }
        }
        return lines
    }

    /// The warnings a reviewer must not miss: commitments bought, capacity deleted.
    static func warnings(_ plan: Plan) -> [String] {
        guard let cost = plan.cost else { return [] }
        var found: [String] = []
        if !cost.commitments.isEmpty {
            let ends = cost.commitments.map(\.endDay).max() ?? "?"
            let amount =
                cost.commitments.contains { $0.amount == nil }
                ? "\(cost.commitmentTotal) and an unpriced amount" : "\(cost.commitmentTotal)"
            found.append(
                "This plan commits \(amount) until \(ends); it cannot be cancelled or deleted before then ("
                    + cost.commitments.map { "`\($0.actionId)`: \($0.commitmentDuration.rawValue) until \($0.endDay)" }
                    .joined(separator: ", ") + ").")
        }
        let ending = plan.actions.filter { action in
            guard let change = action.cost, action.blocked == nil else { return false }
            return change.after.count < change.before.count
        }
        if !ending.isEmpty {
            let saved = ending.compactMap { $0.cost?.monthlyChange }.reduce(USD.zero, +)
            found.append(
                "This plan deletes capacity: " + ending.map { "`\($0.id)`" }.joined(separator: ", ")
                    + (saved.isNegative ? " (\(saved)/month)." : "."))
        }
        return found
    }
}
