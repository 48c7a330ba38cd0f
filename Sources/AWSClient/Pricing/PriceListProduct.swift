import Foundation

/// One product of a GetProducts answer, the JSON document each `PriceList` entry holds: the
/// product (its SKU and attributes: `usagetype`, `regionCode`, …), its on-demand terms and their
/// price dimensions, and when the list was published.
public struct PriceListProduct: Decodable, Sendable, Hashable {
    public struct Product: Decodable, Sendable, Hashable {
        public var sku: String?
        public var productFamily: String?
        public var attributes: [String: String]
    }

    public struct Term: Decodable, Sendable, Hashable {
        public var sku: String?
        public var offerTermCode: String?
        public var effectiveDate: String?
        public var priceDimensions: [String: PriceDimension]
    }

    public struct PriceDimension: Decodable, Sendable, Hashable {
        public var rateCode: String?
        public var unit: String?
        public var description: String?
        public var beginRange: String?
        public var endRange: String?
        /// Prices by currency code, each a decimal string (`"60.5000000000"`).
        public var pricePerUnit: [String: String]
    }

    public struct Terms: Decodable, Sendable, Hashable {
        public var onDemand: [String: Term]?
        enum CodingKeys: String, CodingKey { case onDemand = "OnDemand" }
    }

    public var product: Product
    public var serviceCode: String?
    public var terms: Terms?
    public var version: String?
    public var publicationDate: String?

    /// A product as a `PriceList` entry holds it, a JSON document in a string.
    public init(document: String) throws {
        self = try JSONDecoder().decode(PriceListProduct.self, from: Data(document.utf8))
    }

    public var usageType: String? { product.attributes["usagetype"] }
    public var regionCode: String? { product.attributes["regionCode"] }

    /// Its on-demand prices in US dollars: one a price dimension, with its unit.
    public var usdPrices: [(unit: String, amount: Decimal, rateCode: String?)] {
        (terms?.onDemand ?? [:]).sorted { $0.key < $1.key }.flatMap { _, term in
            term.priceDimensions.sorted { $0.key < $1.key }.compactMap { _, dimension in
                guard let text = dimension.pricePerUnit["USD"], let amount = Self.decimal(text) else { return nil }
                return (dimension.unit ?? "", amount, dimension.rateCode)
            }
        }
    }

    /// A decimal string as the Price List writes one (digits, one '.', no exponent), read
    /// exactly; nil for anything else.
    public static func decimal(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), text.count <= 40
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
