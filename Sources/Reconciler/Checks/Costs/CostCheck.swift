import BedrockConstraints
import Foundation
import Manifest

/// Prices a plan: each throughput action's capacity before and after apply (from the live state
/// and its steps), the stack's run rate before and after, the commitments it buys with their
/// amounts and end dates, and the budget. A throughput without a price is "no published price"
/// (or unpriced, with the Price List's problem), never $0. Over budget, or under a budget it
/// cannot check, the plan is refused as a blocked action is.
public struct CostCheck: Sendable {
    public var prices: (any PriceBook)?
    public var policy: CostPolicy
    public var region: String
    /// The plan's time (the service's clock): commitments begin and the remaining terms count from it.
    public var now: Date
    /// Where prices are asked, for the plan's cost summary.
    public var priceSource: String

    public init(prices: (any PriceBook)?, policy: CostPolicy, region: String, now: Date, priceSource: String) {
        self.prices = prices
        self.policy = policy
        self.region = region
        self.now = now
        self.priceSource = priceSource
    }

    public func apply(to plan: inout Plan, live: LiveState) async {
        let capacities = plan.actions.map { ThroughputCapacity.of($0, live: live) }
        let keys = Set(capacities.flatMap { $0.before + $0.after }.compactMap { $0.key(region: region) })
        let answer: PriceBookAnswer
        if let prices {
            answer = await prices.prices(Set(keys.filter { negotiated($0) == nil }))
        } else {
            answer = PriceBookAnswer(prices: [:], problem: "no Price List client")
        }
        var cost = PlanCost(
            priceSource: priceSource, publicationDate: answer.publicationDate,
            problem: answer.problem.map { "\($0); the plan is unpriced" },
            runRateBefore: .init(hourly: .zero), runRateAfter: .init(hourly: .zero), commitments: [],
            commitmentTotal: .zero, unpriced: [], budget: nil, refusals: [])
        var before = USD.zero
        var after = USD.zero
        var buys = false
        var unpricedAfter = false
        var unpricedCommitment = false
        for (index, (was, will)) in capacities.enumerated() {
            let id = plan.actions[index].id
            let priced = (was.map { capacity($0, answer) }, will.map { capacity($0, answer) })
            for item in priced.0 + priced.1 where item.unpriced != nil {
                let entry = PlanCost.Unpriced(actionId: id, modelId: item.modelId, reason: item.unpriced!)
                if !cost.unpriced.contains(entry) { cost.unpriced.append(entry) }
            }
            before = priced.0.compactMap(\.hourly).reduce(before, +)
            after = priced.1.compactMap(\.hourly).reduce(after, +)
            unpricedAfter = unpricedAfter || priced.1.contains { $0.unpriced != nil }
            var commitments: [CommitmentPurchase] = []
            for (capacity, item) in zip(will, priced.1) where capacity.bought {
                buys = true
                guard let term = capacity.commitment else { continue }
                let ends = CommitmentPurchase.end(of: term, from: now)
                let hours = CommitmentPurchase.hours(from: now, to: ends)
                unpricedCommitment = unpricedCommitment || item.price == nil
                commitments.append(
                    CommitmentPurchase(
                        actionId: id, modelId: capacity.modelId, modelUnits: capacity.modelUnits,
                        commitmentDuration: term, hours: hours,
                        amount: item.price.map { $0.perModelUnitHour * (capacity.modelUnits * hours) },
                        ends: ISO8601DateFormatter().string(from: ends)))
            }
            cost.commitments += commitments
            guard Self.differ(was, will) else { continue }
            let complete = (priced.0 + priced.1).allSatisfy { $0.hourly != nil }
            let change =
                complete
                ? priced.1.compactMap(\.hourly).reduce(.zero, +) - priced.0.compactMap(\.hourly).reduce(.zero, +) : nil
            plan.actions[index].cost = ActionCost(
                before: priced.0, after: priced.1, hourlyChange: change,
                monthlyChange: change.map { $0 * USD.hoursPerMonth }, commitments: commitments)
        }
        cost.runRateBefore = .init(hourly: before)
        cost.runRateAfter = .init(hourly: after)
        cost.commitmentTotal = cost.commitments.compactMap(\.amount).reduce(.zero, +)
        if policy.hasBudget {
            cost.budget = PlanCost.Budget(
                monthly: policy.monthly.map { USD($0.amount) }, monthlySource: policy.monthly?.source,
                commitments: policy.commitments.map { USD($0.amount) }, commitmentsSource: policy.commitments?.source,
                allowUnpriced: policy.allowUnpriced)
            cost.refusals = refusals(
                cost, buys: buys, unpricedAfter: unpricedAfter, unpricedCommitment: unpricedCommitment)
        }
        plan.cost = cost
        plan.warnings += answer.warnings
    }

    /// Whether what runs changes: another model, unit count or term (a rename or retag does not).
    static func differ(_ was: [ThroughputCapacity], _ will: [ThroughputCapacity]) -> Bool {
        func shape(_ list: [ThroughputCapacity]) -> [String] {
            list.map { "\($0.modelId) \($0.modelUnits) \($0.commitment?.rawValue ?? "-")" }.sorted()
        }
        return shape(was) != shape(will) || will.contains(where: \.bought)
    }

    func refusals(_ cost: PlanCost, buys: Bool, unpricedAfter: Bool, unpricedCommitment: Bool) -> [String] {
        guard buys else { return [] }
        var found: [String] = []
        if let monthly = policy.monthly {
            let limit = (amount: USD(monthly.amount), source: monthly.source)
            if unpricedAfter && !policy.allowUnpriced {
                found.append(
                    "the budget of \(limit.amount) a month (\(limit.source)) cannot be checked: "
                        + "\(Self.names(cost.unpriced)) ha\(cost.unpriced.count == 1 ? "s" : "ve") no price; give "
                        + "one in the Stack's spec.pricing, or run with --allow-unpriced to leave "
                        + "\(cost.unpriced.count == 1 ? "it" : "them") out")
            } else if cost.runRateAfter.monthly > limit.amount && cost.runRateAfter.hourly > cost.runRateBefore.hourly {
                found.append(
                    "the stack's run rate after apply, \(cost.runRateAfter.monthly) a month, is over its budget of "
                        + "\(limit.amount) a month (\(limit.source))")
            }
        }
        if let commitments = policy.commitments {
            let limit = (amount: USD(commitments.amount), source: commitments.source)
            if unpricedCommitment && !policy.allowUnpriced {
                found.append(
                    "the commitment budget of \(limit.amount) (\(limit.source)) cannot be checked: a commitment "
                        + "the plan buys has no price; give one in the Stack's spec.pricing, or run with "
                        + "--allow-unpriced")
            } else if cost.commitmentTotal > limit.amount {
                found.append(
                    "the plan commits \(cost.commitmentTotal), over the commitment budget of \(limit.amount) "
                        + "(\(limit.source))")
            }
        }
        return found
    }

    static func names(_ unpriced: [PlanCost.Unpriced]) -> String {
        let ids = unpriced.map(\.actionId).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        return ids.joined(separator: ", ")
    }

    /// The Stack's negotiated price for `key`, if it names one.
    func negotiated(_ key: PriceKey) -> ThroughputPrice? {
        policy.negotiated.first { entry in
            let base = FoundationModelCatalog.model(id: entry.modelId)?.baseModelId ?? entry.modelId
            return base == key.baseModelId && entry.commitmentDuration == key.term
        }.map {
            ThroughputPrice(
                perModelUnitHour: USD($0.perModelUnitHour),
                source: PriceSource(origin: .negotiated, note: $0.source))
        }
    }

    func capacity(_ capacity: ThroughputCapacity, _ answer: PriceBookAnswer) -> ActionCost.Capacity {
        var item = ActionCost.Capacity(
            modelId: capacity.modelId, modelUnits: capacity.modelUnits, commitmentDuration: capacity.commitment)
        guard let key = capacity.key(region: region) else {
            item.unpriced =
                "no published price: a custom model named by name, whose base model is known only once it is read; "
                + "name it by ARN to have it priced"
            return item
        }
        let price: ThroughputPrice
        if let negotiated = negotiated(key) {
            price = negotiated
        } else {
            switch answer.prices[key] {
            case .priced(let listed)?: price = listed
            case .unpublished(let why)?:
                item.unpriced = "no published price: \(why)"
                return item
            case nil:
                item.unpriced = "unpriced: \(answer.problem ?? "the Price List was not asked")"
                return item
            }
        }
        item.price = price
        item.hourly = price.perModelUnitHour * capacity.modelUnits
        item.monthly = item.hourly.map { $0 * USD.hoursPerMonth }
        return item
    }
}
