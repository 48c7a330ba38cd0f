import AWSClient
import BedrockConstraints
import BedrockEmulator
import Foundation
import TestSupport
import Testing

/// The emulator's shipped price list (`Data/price-list.json`) is what `scripts/make-price-list.py`
/// makes of `price-list.about.json`, and each row is a Provisioned Throughput usage type of a model
/// the catalogue names that way, sold in the row's region, published with a source or marked a
/// placeholder.
@Suite struct ShippedPriceListTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = root.appendingPathComponent("Sources/BedrockEmulator/Data")

    struct About: Decodable {
        struct Source: Decodable {
            var id: String
            var url: String
        }
        struct Row: Decodable {
            var usageType: String
            var usd: String?
            var status: String
            var source: String?
        }
        var sources: [Source]
        var rows: [Row]
    }

    static func about() throws -> About {
        try JSONDecoder().decode(
            About.self, from: Data(contentsOf: data.appendingPathComponent("price-list.about.json")))
    }

    @Test func theShippedListIsWhatTheScriptMakesOfTheAboutFile() throws {
        let made = TemporaryFiles.path("price-list", suffix: ".json")
        defer { try? FileManager.default.removeItem(atPath: made) }
        _ = try Python.run(
            "import runpy, sys; sys.argv = ['make', sys.stdin.read()]; "
                + "runpy.run_path('\(Self.root.path)/scripts/make-price-list.py', run_name='__main__')",
            input: Data(made.utf8))
        let shipped = try Data(contentsOf: Self.data.appendingPathComponent("price-list.json"))
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: made)) == shipped,
            "run scripts/make-price-list.py after editing price-list.about.json")
    }

    @Test func everyRowIsAModelsProvisionedThroughputWhereItIsSoldAndSaysWhereItsPriceIsFrom() throws {
        let about = try Self.about()
        let sources = Set(about.sources.map(\.id))
        let prefixes = ["USE1": "us-east-1", "USW2": "us-west-2"]
        for row in about.rows {
            let usage = try #require(ThroughputUsageType(row.usageType), "\(row.usageType)")
            let models = FoundationModelCatalog.all.filter { $0.priceListModel == usage.model }
            #expect(!models.isEmpty, "no catalogue model is named \(usage.model) in the Price List")
            let region = try #require(prefixes[usage.regionPrefix], "\(row.usageType)")
            #expect(
                models.contains { $0.provisionedRegions.contains(region) }, "\(row.usageType): not sold in \(region)")
            switch row.status {
            case "published":
                #expect(row.usd.flatMap(PriceListProduct.decimal) != nil && row.source.map(sources.contains) == true)
            case "placeholder": #expect(row.usd == nil && row.source == nil, "\(row.usageType)")
            default: Issue.record("\(row.usageType): status \(row.status)")
            }
        }
        #expect(Set(about.rows.map(\.usageType)).count == about.rows.count, "a usage type listed twice")
        // The figures the issue names where AWS publishes them.
        let published = Dictionary(
            uniqueKeysWithValues: about.rows.compactMap { row in row.usd.map { (row.usageType, $0) } })
        #expect(published["USE1-Nova2.0Lite-ProvisionedThroughput-NoCommit-ModelUnits"] == "60.50")
        #expect(published["USE1-Nova2.0Lite-ProvisionedThroughput-1month-ModelUnits"] == "55.00")
        #expect(published["USW2-Llama3-1-70B-ProvisionedThroughput-NoCommit-ModelUnits"] == "24.00")
        #expect(
            !about.rows.contains { $0.usageType.contains("Claude") }, "Claude's Provisioned Throughput is not listed")
    }

    @Test func theEmulatorServesEveryRowAsAPriceListProduct() throws {
        let shipped = try Data(contentsOf: Self.data.appendingPathComponent("price-list.json"))
        let answer = try JSONDecoder().decode(Pricing.GetProductsResponse.self, from: shipped)
        let products = try (answer.priceList ?? []).map(PriceListProduct.init(document:))
        #expect(products.count == (try Self.about()).rows.count)
        for product in products {
            #expect(product.usdPrices.count == 1 && product.usdPrices[0].unit == "hour", "\(product.usageType ?? "")")
            #expect(product.publicationDate != nil && product.product.sku != nil)
        }
    }
}
