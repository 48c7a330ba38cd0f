import Manifest

/// What a plan may cost and the prices that replace the list's: the Stack's `spec.budget` and
/// `spec.pricing`, `--max-monthly-cost` (which replaces the monthly budget) and `--allow-unpriced`.
public struct CostPolicy: Sendable, Hashable {
    /// An amount of US dollars and the field or flag it came from, as the Stack's.
    public typealias Limit = StackCostPolicy.Limit

    public var monthly: Limit?
    public var commitments: Limit?
    public var negotiated: [StackCostPolicy.NegotiatedPrice]
    /// A budget is checked even when some throughputs have no price (they are left out).
    public var allowUnpriced: Bool

    public init(
        monthly: Limit? = nil, commitments: Limit? = nil, negotiated: [StackCostPolicy.NegotiatedPrice] = [],
        allowUnpriced: Bool = false
    ) {
        self.monthly = monthly
        self.commitments = commitments
        self.negotiated = negotiated
        self.allowUnpriced = allowUnpriced
    }

    /// The Stack's policy, with the command line's monthly limit in place of its own.
    public init(stack: StackCostPolicy?, maxMonthlyCost: USD?, allowUnpriced: Bool) {
        self.init(
            monthly: maxMonthlyCost.map { Limit(amount: $0.amount, source: "--max-monthly-cost") } ?? stack?.monthly,
            commitments: stack?.commitments,
            negotiated: stack?.pricing ?? [], allowUnpriced: allowUnpriced)
    }

    var hasBudget: Bool { monthly != nil || commitments != nil }
}
