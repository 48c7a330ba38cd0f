import AWSClient
import BedrockConstraints

/// A Provisioned Throughput row of the Price List, as bedrockctl keeps it: its usage type, the
/// price of a model unit for an hour, and the row's SKU and publication date.
public struct PriceRow: Sendable, Hashable, Codable {
    public var usageType: String
    public var regionCode: String
    public var perModelUnitHour: USD
    public var sku: String?
    public var publicationDate: String?

    public init(usageType: String, regionCode: String, perModelUnitHour: USD, sku: String?, publicationDate: String?) {
        self.usageType = usageType
        self.regionCode = regionCode
        self.perModelUnitHour = perModelUnitHour
        self.sku = sku
        self.publicationDate = publicationDate
    }

    /// The row a product holds, if it is a Provisioned Throughput model-unit row priced by the
    /// hour in US dollars.
    public init?(_ product: PriceListProduct) {
        guard let usageType = product.usageType, ThroughputUsageType(usageType) != nil,
            let region = product.regionCode,
            let hourly = product.usdPrices.first(where: { ["hour", "hours", "hrs"].contains($0.unit.lowercased()) })
        else { return nil }
        self.init(
            usageType: usageType, regionCode: region, perModelUnitHour: USD(hourly.amount), sku: product.product.sku,
            publicationDate: product.publicationDate)
    }

    public var parsed: ThroughputUsageType? { ThroughputUsageType(usageType) }

    /// The price of `key` among `rows` (the rows of its model in its region): its own row; for a
    /// custom model without a row of its own, its base's; else why there is none.
    public static func lookup(_ key: PriceKey, in rows: [PriceRow]) -> PriceLookup {
        guard let model = key.priceListModel else {
            return .unpublished(
                "bedrockctl's catalogue knows no Price List row for \(key.baseModelId) (AWS does not list "
                    + "every model's Provisioned Throughput)")
        }
        let mine = rows.filter { $0.regionCode == key.region && $0.parsed?.model == model }
        func row(custom: Bool) -> PriceRow? {
            mine.first { $0.parsed?.custom == custom && $0.parsed?.term == key.term }
        }
        if let own = row(custom: key.custom) { return .priced(own.price(note: nil)) }
        if key.custom, let base = row(custom: false) {
            return .priced(base.price(note: "priced as its base model: the list has no Custom row"))
        }
        let pattern =
            "*-\(model)\(ThroughputUsageType.marker)\(key.custom ? "[Custom-]" : "")"
            + "\(ThroughputUsageType.termText(key.term))-ModelUnits"
        return .unpublished("the Price List has no \(pattern) row in \(key.region)")
    }

    func price(note: String?) -> ThroughputPrice {
        ThroughputPrice(
            perModelUnitHour: perModelUnitHour,
            source: PriceSource(
                origin: .priceList, usageType: usageType, sku: sku, publicationDate: publicationDate, note: note))
    }
}
