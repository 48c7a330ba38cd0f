import BedrockConstraints
import Foundation
import Manifest

/// What a live throughput costs as it runs (`get`, `cost`): its hourly and monthly price, and
/// what remains of its commitment (units × price × the hours until it ends).
public struct RunningCost: Sendable, Hashable, Codable {
    public var arn: String
    public var name: String
    public var stack: String?
    public var tags: [String: String]
    public var modelId: String
    public var modelUnits: Int
    public var commitmentDuration: CommitmentDuration?
    public var hourly: USD?
    public var monthly: USD?
    public var commitmentRemaining: USD?
    public var commitmentEnds: String?
    /// Why there is no price; nil when priced.
    public var unpriced: String?

    /// The running cost of every throughput of `live`, and the price list's problem, if any.
    public static func of(
        _ live: LiveState, prices: (any PriceBook)?, policy: CostPolicy = CostPolicy(), now: Date, priceSource: String
    ) async -> (costs: [RunningCost], problem: String?) {
        let check = CostCheck(prices: prices, policy: policy, region: live.region, now: now, priceSource: priceSource)
        let capacities = live.throughputs.map(ThroughputCapacity.init)
        let keys = Set(capacities.compactMap { $0.key(region: live.region) })
        let answer =
            await prices?.prices(Set(keys.filter { check.negotiated($0) == nil }))
            ?? PriceBookAnswer(prices: [:], problem: "no Price List client")
        let costs = zip(live.throughputs, capacities).map { throughput, capacity in
            let item = check.capacity(capacity, answer)
            var remaining: USD?
            if let ends = throughput.commitmentExpirationTime, ends > now, let price = item.price {
                remaining =
                    price.perModelUnitHour * (throughput.modelUnits * CommitmentPurchase.hours(from: now, to: ends))
            }
            return RunningCost(
                arn: throughput.arn, name: throughput.name, stack: throughput.tags[OwnershipTags.stackKey],
                tags: throughput.tags, modelId: throughput.modelArn, modelUnits: throughput.modelUnits,
                commitmentDuration: throughput.commitmentDuration, hourly: item.hourly, monthly: item.monthly,
                commitmentRemaining: remaining,
                commitmentEnds: throughput.commitmentExpirationTime.map { ISO8601DateFormatter().string(from: $0) },
                unpriced: item.unpriced)
        }
        return (costs, answer.problem)
    }
}
