import AWSClient
import BedrockConstraints
import Foundation

/// Prices from AWS's Price List Query API: for each model and region a plan needs, one paged
/// GetProducts of service code `AmazonBedrock` with `regionCode` TERM_MATCH and `usagetype`
/// CONTAINS `-<Model>-ProvisionedThroughput-` (every term's rows, base and custom, at once),
/// kept in the on-disk cache. A list that cannot be read is said once; what the cache holds is
/// still used.
public struct PriceListPriceBook: PriceBook {
    public var client: PricingClient
    public var cache: PriceCache?

    public static let serviceCode = "AmazonBedrock"

    public init(client: PricingClient, cache: PriceCache?) {
        self.client = client
        self.cache = cache
    }

    struct Query: Hashable, Sendable {
        var region: String
        var model: String
    }

    /// A query's rows, or why they could not be read.
    struct Fetched: Sendable {
        var query: Query
        var rows: [PriceRow]?
        var failure: String?
    }

    /// The endpoint and the query, so that one endpoint's rows (the sandbox's) are never taken
    /// for another's.
    func cacheKey(_ query: Query) -> String {
        "\(client.service.endpoint.absoluteString) \(query.region) \(query.model)"
    }

    public func prices(_ keys: Set<PriceKey>) async -> PriceBookAnswer {
        var rows: [Query: [PriceRow]] = [:]
        var missing: [Query] = []
        for query in Set(keys.compactMap { key in key.priceListModel.map { Query(region: key.region, model: $0) } }) {
            if let kept = cache?.rows(cacheKey(query)) { rows[query] = kept } else { missing.append(query) }
        }
        var problem: String?
        var fetched: [String: [PriceRow]] = [:]
        // Each child answers with a value of its own (not a tuple holding a Result: the release
        // build of Swift 6.3.1 crashed copying that tuple out of the group).
        await withTaskGroup(of: Fetched.self) { group in
            for query in missing {
                group.addTask {
                    do {
                        return Fetched(query: query, rows: try await fetch(query), failure: nil)
                    } catch {
                        return Fetched(query: query, rows: nil, failure: "\(error)")
                    }
                }
            }
            for await answer in group {
                if let found = answer.rows {
                    rows[answer.query] = found
                    fetched[cacheKey(answer.query)] = found
                } else {
                    problem =
                        problem
                        ?? "the Price List API (GetProducts at \(client.service.endpoint.absoluteString)) could "
                        + "not be read: \(answer.failure ?? "no answer")"
                }
            }
        }
        var warnings: [String] = []
        if let cache, let error = cache.store(fetched) {
            warnings.append(
                "the price cache \(cache.file.path) could not be written (\(error)); prices are asked again next time")
        }
        var prices: [PriceKey: PriceLookup] = [:]
        for key in keys {
            guard let model = key.priceListModel else {
                prices[key] = PriceRow.lookup(key, in: [])
                continue
            }
            guard let found = rows[Query(region: key.region, model: model)] else { continue }
            prices[key] = PriceRow.lookup(key, in: found)
        }
        let dates = prices.values.compactMap { lookup -> String? in
            if case .priced(let price) = lookup { return price.source.publicationDate }
            return nil
        }
        return PriceBookAnswer(prices: prices, problem: problem, publicationDate: dates.max(), warnings: warnings)
    }

    /// Every Provisioned Throughput row of a model in a region. A service that refuses CONTAINS
    /// is asked for the region's rows and they are filtered here.
    func fetch(_ query: Query) async throws -> [PriceRow] {
        let fragment = ThroughputUsageType.fragment(model: query.model)
        let region = Pricing.Filter.termMatch("regionCode", query.region)
        var documents: [String] = []
        do {
            for try await document in client.getProducts(
                serviceCode: Self.serviceCode,
                filters: [region, Pricing.Filter(.contains, field: "usagetype", value: fragment)])
            {
                documents.append(document)
            }
        } catch let error as AWSServiceError
            where error.kind == .validation || error.code == "InvalidParameterException"
        {
            documents = []
            for try await document in client.getProducts(serviceCode: Self.serviceCode, filters: [region]) {
                documents.append(document)
            }
        }
        return try documents.compactMap { document in
            let product: PriceListProduct
            do { product = try PriceListProduct(document: document) } catch {
                throw ResponseDecodingError(
                    operation: "GetProducts", underlying: "a PriceList entry is not a product document: \(error)",
                    body: String(document.prefix(200)))
            }
            guard let row = PriceRow(product), row.usageType.contains(fragment), row.regionCode == query.region
            else { return nil }
            return row
        }
    }
}
