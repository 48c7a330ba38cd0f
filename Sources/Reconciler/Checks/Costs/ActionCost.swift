import BedrockConstraints

/// What one throughput action costs: what runs before and after apply, priced, the difference
/// by the hour and the month, and the commitments it buys.
public struct ActionCost: Sendable, Hashable, Codable {
    /// One throughput, priced or not.
    public struct Capacity: Sendable, Hashable, Codable {
        public var modelId: String
        public var modelUnits: Int
        public var commitmentDuration: CommitmentDuration?
        public var price: ThroughputPrice?
        /// `modelUnits` × the price; nil when unpriced.
        public var hourly: USD?
        public var monthly: USD?
        /// Why there is no price ("no published price: …"); nil when priced.
        public var unpriced: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case modelId, modelUnits, commitmentDuration, price, hourly, monthly, unpriced
        }
    }

    public var before: [Capacity]
    public var after: [Capacity]
    /// After less before; nil when either side has an unpriced throughput.
    public var hourlyChange: USD?
    public var monthlyChange: USD?
    public var commitments: [CommitmentPurchase]

    enum CodingKeys: String, CodingKey, CaseIterable { case before, after, hourlyChange, monthlyChange, commitments }

    /// Whether the action changes what runs (a rename or a retag does not).
    public var changesCapacity: Bool { before != after }
    public var isPriced: Bool { hourlyChange != nil }
}
