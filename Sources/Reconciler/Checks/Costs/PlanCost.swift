/// What a plan costs, below its actions: the stack's run rate before and after apply (the
/// throughputs the plan covers), the commitments it buys, what has no price, where the prices
/// came from, and the budget it was checked against.
public struct PlanCost: Sendable, Hashable, Codable {
    /// An amount by the hour and by the month (730 hours).
    public struct RunRate: Sendable, Hashable, Codable {
        public var hourly: USD
        public var monthly: USD

        public init(hourly: USD) {
            self.hourly = hourly
            self.monthly = hourly * USD.hoursPerMonth
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case hourly, monthly }
    }

    /// A throughput without a price, and why.
    public struct Unpriced: Sendable, Hashable, Codable {
        public var actionId: String
        public var modelId: String
        public var reason: String

        enum CodingKeys: String, CodingKey, CaseIterable { case actionId, modelId, reason }
    }

    /// The budget the plan was checked against, and where each limit came from.
    public struct Budget: Sendable, Hashable, Codable {
        public var monthly: USD?
        public var monthlySource: String?
        public var commitments: USD?
        public var commitmentsSource: String?
        public var allowUnpriced: Bool

        enum CodingKeys: String, CodingKey, CaseIterable {
            case monthly, monthlySource, commitments, commitmentsSource, allowUnpriced
        }
    }

    public var currency = "USD"
    /// Where the prices were asked (the Price List API's endpoint).
    public var priceSource: String
    /// When AWS published the newest row used.
    public var publicationDate: String?
    /// Why the plan is unpriced or partly so, said once (the Price List API unreachable or denied).
    public var problem: String?
    /// Of the priced throughputs only: a lower bound when `unpriced` is not empty.
    public var runRateBefore: RunRate
    public var runRateAfter: RunRate
    public var commitments: [CommitmentPurchase]
    /// The sum of the priced commitments.
    public var commitmentTotal: USD
    public var unpriced: [Unpriced]
    public var budget: Budget?
    /// Why apply would refuse the plan for its cost: over budget, or a budget it cannot check.
    public var refusals: [String]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case currency, priceSource, publicationDate, problem, runRateBefore, runRateAfter, commitments
        case commitmentTotal, unpriced, budget, refusals
    }

    public var runRateChange: RunRate { RunRate(hourly: runRateAfter.hourly - runRateBefore.hourly) }
    /// Whether every throughput the plan covers has a price.
    public var isComplete: Bool { unpriced.isEmpty && problem == nil }
}
