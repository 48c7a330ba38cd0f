import AWSClient
import BedrockConstraints
import BedrockEmulator
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Reconciler

/// A transport that counts what it sends, or fails every call.
final class CountingTransport: HTTPTransport {
    let inner: any HTTPTransport
    let fail: Bool
    private let count = Mutex(0)
    var requests: Int { count.withLock { $0 } }

    init(_ inner: any HTTPTransport, fail: Bool = false) {
        self.inner = inner
        self.fail = fail
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        count.withLock { $0 += 1 }
        if fail { throw TransportError.connection("connection refused") }
        return try await inner.send(request, timeout: timeout)
    }
}

/// Prices from the Price List API: the rows of a model in a region in one query of all its
/// pages, mapped to each model and term, kept in the cache, and a list that cannot be read said
/// once.
@Suite struct PriceListPriceBookTests {
    static var nova: String { FoundationModelCatalog.model(id: "amazon.nova-2-lite-v1:0")!.priceListModel! }
    static var products: [String] {
        // 150 rows of other models first, so that the model's rows are on the second page unless filtered.
        (0..<150).map {
            PriceListFixture.product("USE1-Other\($0)-ProvisionedThroughput-NoCommit-ModelUnits", usd: "1")
        } + [
            PriceListFixture.product("USE1-\(nova)-ProvisionedThroughput-NoCommit-ModelUnits", usd: "60.50"),
            PriceListFixture.product("USE1-\(nova)-ProvisionedThroughput-1month-ModelUnits", usd: "55.00"),
            PriceListFixture.product(
                "USW2-\(nova)-ProvisionedThroughput-NoCommit-ModelUnits", region: "us-west-2", usd: "61"),
        ]
    }

    static func book(
        products: [String] = products, cache: PriceCache? = nil, fail: Bool = false, denied: Bool = false
    ) throws -> (PriceListPriceBook, CountingTransport) {
        var settings = EmulatorSettings()
        settings.pricingAccessDenied = denied
        let clock = TestClock()
        let emulator = try Emulator(
            settings: settings, priceList: try EmulatorPriceList(data: PriceListFixture.file(products), source: "t"),
            clock: clock.clock)
        let transport = CountingTransport(EmulatorTransport(emulator), fail: fail)
        let client = PricingClient(
            service: ServiceClient(
                transport: transport,
                credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
                region: "us-east-1",
                endpoint: URL(string: "http://127.0.0.1:4566")!, signingName: "pricing", clock: clock.clock,
                retry: .none))
        return (PriceListPriceBook(client: client, cache: cache), transport)
    }

    static func key(_ term: CommitmentDuration?, custom: Bool = false, region: String = "us-east-1") -> PriceKey {
        PriceKey(region: region, baseModelId: "amazon.nova-2-lite-v1:0", custom: custom, term: term)
    }

    @Test func theRowsOfAModelAreFoundInOneQueryAndMappedToEachTerm() async throws {
        let (book, transport) = try Self.book()
        let answer = await book.prices([Self.key(nil), Self.key(.oneMonth), Self.key(.sixMonths)])
        #expect(answer.problem == nil && transport.requests == 1)
        guard case .priced(let none)? = answer.prices[Self.key(nil)],
            case .priced(let month)? = answer.prices[Self.key(.oneMonth)]
        else {
            Issue.record("unpriced: \(answer.prices)")
            return
        }
        #expect(none.perModelUnitHour == USD(text: "60.50") && month.perModelUnitHour == USD(text: "55.00"))
        #expect(none.source.usageType == "USE1-\(Self.nova)-ProvisionedThroughput-NoCommit-ModelUnits")
        #expect(none.source.publicationDate == "2026-11-01T00:00:00Z")
        guard case .unpublished(let why)? = answer.prices[Self.key(.sixMonths)] else {
            Issue.record("a six-month price out of nothing")
            return
        }
        #expect(why == "the Price List has no *-\(Self.nova)-ProvisionedThroughput-6months-ModelUnits row in us-east-1")
    }

    @Test func everyPageIsRead() async throws {
        let many = (0..<230).map {
            PriceListFixture.product(
                "USE1-\(Self.nova)-ProvisionedThroughput-NoCommit-ModelUnits", usd: "\($0)", sku: "S\($0)")
        }
        let (book, transport) = try Self.book(products: many)
        let rows = try await book.fetch(.init(region: "us-east-1", model: Self.nova))
        #expect(rows.count == 230 && transport.requests == 3)
    }

    @Test func theCacheAnswersUntilItIsADayOldAndKeepsEachEndpointApart() async throws {
        let file = URL(fileURLWithPath: TemporaryFiles.path("prices", suffix: ".json"))
        defer { try? FileManager.default.removeItem(at: file) }
        let clock = TestClock()
        let cache = PriceCache(file: file, clock: clock.clock)
        let (book, transport) = try Self.book(cache: cache)
        _ = await book.prices([Self.key(nil)])
        let (again, idle) = try Self.book(cache: cache)
        let cached = await again.prices([Self.key(nil), Self.key(.oneMonth)])
        #expect(transport.requests == 1 && idle.requests == 0, "the second plan asks nothing")
        #expect(cached.prices.count == 2)
        clock.advance(24 * 3600)
        _ = await again.prices([Self.key(nil)])
        #expect(idle.requests == 1, "a day-old entry is asked again")
        // A file that is not the cache's is taken as empty, and written afresh.
        try Data("not json".utf8).write(to: file)
        #expect(cache.rows("x") == nil)
        #expect(cache.store(["x": []]) == nil && cache.rows("x") == [])
    }

    @Test func aListThatCannotBeReadIsSaidOnceAndPricesNothing() async throws {
        let (denied, _) = try Self.book(denied: true)
        let answer = await denied.prices([Self.key(nil), Self.key(nil, region: "us-west-2")])
        #expect(answer.prices.isEmpty)
        #expect(answer.problem?.contains("GetProducts at http://127.0.0.1:4566") == true)
        #expect(answer.problem?.contains("AccessDeniedException") == true)
        let (unreachable, _) = try Self.book(fail: true)
        let offline = await unreachable.prices([Self.key(nil)])
        #expect(offline.prices.isEmpty && offline.problem?.contains("connection refused") == true)
    }

    @Test func aModelTheCatalogueHasNoNameForIsUnpublishedWithoutAQuery() async throws {
        let (book, transport) = try Self.book()
        let claude = PriceKey(
            region: "us-east-1", baseModelId: "anthropic.claude-3-haiku-20240307-v1:0", custom: false, term: nil)
        let answer = await book.prices([claude])
        #expect(transport.requests == 0)
        guard case .unpublished? = answer.prices[claude] else {
            Issue.record("\(answer.prices)")
            return
        }
    }

    @Test func usageTypesAreReadStrictly() {
        let row = ThroughputUsageType("USE1-Nova2.0Lite-ProvisionedThroughput-Custom-6months-ModelUnits")
        #expect(row?.regionPrefix == "USE1" && row?.model == "Nova2.0Lite" && row?.custom == true)
        #expect(
            row?.term == .sixMonths
                && row?.description == "USE1-Nova2.0Lite-ProvisionedThroughput-Custom-6months-ModelUnits")
        #expect(
            ThroughputUsageType("USW2-Llama3-1-70B-ProvisionedThroughput-NoCommit-ModelUnits")?.model == "Llama3-1-70B")
        #expect(ThroughputUsageType("USE1-Nova2.0Lite-ProvisionedThroughput-3months-ModelUnits") == nil)
        #expect(ThroughputUsageType("USE1-Nova2.0Lite-input-tokens") == nil)
        #expect(ThroughputUsageType("use1-X-ProvisionedThroughput-NoCommit-ModelUnits") == nil)
    }

    @Test func aServiceThatRefusesContainsIsAskedForTheRegionAndTheRowsFilteredHere() async throws {
        let page = try JSONSerialization.data(withJSONObject: [
            "FormatVersion": "aws_v1", "PriceList": Array(Self.products.suffix(3)),
        ])
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "InvalidParameterException", "Invalid filter type: CONTAINS"),
            ScriptedTransport.json(200, String(decoding: page, as: UTF8.self)),
        ])
        let book = PriceListPriceBook(
            client: PricingClient(service: Clients.service(transport, retry: .none)), cache: nil)
        let answer = await book.prices([Self.key(nil)])
        #expect(answer.problem == nil && transport.requests.count == 2)
        let filters = transport.requests.map { ($0.jsonBody?["Filters"] as? [[String: String]])?.count }
        #expect(filters == [2, 1], "CONTAINS first, then the region alone")
        guard case .priced(let price)? = answer.prices[Self.key(nil)] else {
            Issue.record("\(answer.prices)")
            return
        }
        #expect(price.perModelUnitHour == USD(text: "60.50"), "the us-west-2 row is filtered out here")
    }
}
