import Foundation

/// Price List products in AWS's format (`GetProducts`' `PriceList` entries), for tests.
public enum PriceListFixture {
    /// One product document: a usage type priced by the hour in a region.
    public static func product(
        _ usageType: String, region: String = "us-east-1", usd: String, sku: String? = nil, unit: String = "hour",
        published: String = "2026-11-01T00:00:00Z"
    ) -> String {
        let code =
            sku ?? String(usageType.unicodeScalars.map { Character($0) }.filter(\.isLetter).prefix(14)).uppercased()
        let document: [String: Any] = [
            "product": [
                "productFamily": "Amazon Bedrock",
                "attributes": [
                    "regionCode": region, "servicecode": "AmazonBedrock", "usagetype": usageType,
                    "locationType": "AWS Region", "servicename": "Amazon Bedrock", "operation": "Usage",
                ],
                "sku": code,
            ],
            "serviceCode": "AmazonBedrock",
            "terms": [
                "OnDemand": [
                    "\(code).JRTCKXETXF": [
                        "priceDimensions": [
                            "\(code).JRTCKXETXF.6YS6EN2CT7": [
                                "unit": unit, "endRange": "Inf", "description": "\(usageType) per \(unit)",
                                "appliesTo": [String](), "rateCode": "\(code).JRTCKXETXF.6YS6EN2CT7",
                                "beginRange": "0", "pricePerUnit": ["USD": usd],
                            ]
                        ],
                        "sku": code, "effectiveDate": published, "offerTermCode": "JRTCKXETXF",
                        "termAttributes": [String: String](),
                    ]
                ]
            ],
            "version": "20261101000000", "publicationDate": published,
        ]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A saved `aws pricing get-products` answer of these products.
    public static func file(_ products: [String]) -> Data {
        try! JSONSerialization.data(withJSONObject: ["FormatVersion": "aws_v1", "PriceList": products])
    }
}
