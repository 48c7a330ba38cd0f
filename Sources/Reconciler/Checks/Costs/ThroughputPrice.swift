/// The price of one model unit for an hour, and where it came from.
public struct ThroughputPrice: Sendable, Hashable, Codable {
    public var perModelUnitHour: USD
    public var source: PriceSource

    public init(perModelUnitHour: USD, source: PriceSource) {
        self.perModelUnitHour = perModelUnitHour
        self.source = source
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case perModelUnitHour, source }
}

/// Where a price came from: a row of AWS's Price List (its usage type, SKU and publication
/// date), or the Stack's `spec.pricing` (a price the team negotiated).
public struct PriceSource: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Origin: String, Sendable, Hashable, Codable, CaseIterable {
        case priceList = "price-list"
        case negotiated
    }

    public var origin: Origin
    public var usageType: String?
    public var sku: String?
    /// When AWS published the list the row is from (ISO 8601), as the row says.
    public var publicationDate: String?
    /// How the row was chosen when it is not the key's own (a custom model priced as its base).
    public var note: String?

    public init(
        origin: Origin, usageType: String? = nil, sku: String? = nil, publicationDate: String? = nil,
        note: String? = nil
    ) {
        self.origin = origin
        self.usageType = usageType
        self.sku = sku
        self.publicationDate = publicationDate
        self.note = note
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case origin, usageType, sku, publicationDate, note }

    public var description: String {
        switch origin {
        case .negotiated: return "the Stack's spec.pricing"
        case .priceList:
            let date = publicationDate.map { ", published \($0.prefix(10))" } ?? ""
            return "Price List \(usageType ?? "?")\(date)\(note.map { "; \($0)" } ?? "")"
        }
    }
}
