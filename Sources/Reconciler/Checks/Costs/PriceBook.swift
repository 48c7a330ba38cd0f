/// Where a plan's prices come from: asked once for every key a plan needs.
public protocol PriceBook: Sendable {
    func prices(_ keys: Set<PriceKey>) async -> PriceBookAnswer
}

/// A price, or why there is none.
public enum PriceLookup: Sendable, Hashable {
    case priced(ThroughputPrice)
    /// AWS publishes no price for it (Claude's Provisioned Throughput, a model the Price List
    /// does not list in the region); never taken as $0.
    case unpublished(String)
}

/// The prices found, by key; a key missing from `prices` could not be looked up, and `problem`
/// says why (the Price List API unreachable or denied), once.
public struct PriceBookAnswer: Sendable {
    public var prices: [PriceKey: PriceLookup]
    public var problem: String?
    /// When the newest of the rows used was published, for the plan's header.
    public var publicationDate: String?
    /// What went wrong beside the prices (the cache could not be written).
    public var warnings: [String]

    public init(
        prices: [PriceKey: PriceLookup], problem: String? = nil, publicationDate: String? = nil,
        warnings: [String] = []
    ) {
        self.prices = prices
        self.problem = problem
        self.publicationDate = publicationDate
        self.warnings = warnings
    }
}
