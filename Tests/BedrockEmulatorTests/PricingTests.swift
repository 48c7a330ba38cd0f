import AWSClient
import BedrockEmulator
import Foundation
import TestSupport
import Testing

/// The Price List Query API as the emulator serves it: filters, pages, services and attribute
/// values, as boto3's `pricing` client reads them, and the refusals AWS would give.
@Suite struct PricingTests {
    static let products =
        (0..<150).map {
            PriceListFixture.product("USE1-Model\($0)-ProvisionedThroughput-NoCommit-ModelUnits", usd: "\($0).5")
        }
        + [
            PriceListFixture.product(
                "USW2-Model1-ProvisionedThroughput-NoCommit-ModelUnits", region: "us-west-2", usd: "9"),
            PriceListFixture.product("USE1-Model1-input-tokens", usd: "0.001", unit: "1K tokens"),
        ]

    static func emulator(
        _ products: [String] = products, settings: EmulatorSettings = EmulatorSettings()
    ) throws
        -> (Emulator, TestClock)
    {
        let clock = TestClock()
        let list = try EmulatorPriceList(data: PriceListFixture.file(products), source: "test")
        return (try Emulator(settings: settings, priceList: list, clock: clock.clock), clock)
    }

    static func caller(_ emulator: Emulator, _ clock: TestClock, region: String = "us-east-1") -> JSON11Caller {
        JSON11Caller(
            emulator: emulator, clock: clock, region: region, service: "pricing", targetPrefix: "AWSPriceListService.")
    }

    @Test func getProductsMatchesEveryFilterAndPagesAHundredAtATime() async throws {
        let (emulator, clock) = try Self.emulator()
        let caller = Self.caller(emulator, clock)
        let region = ["Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-east-1"]
        let first = try await caller.call(
            ["ServiceCode": "AmazonBedrock", "Filters": [region]], operation: "GetProducts")
        #expect(first.status == 200 && first.json["FormatVersion"] as? String == "aws_v1")
        #expect((first.json["PriceList"] as? [String])?.count == 100)
        let token = try #require(first.json["NextToken"] as? String)
        let second = try await caller.call(
            ["ServiceCode": "AmazonBedrock", "Filters": [region], "NextToken": token], operation: "GetProducts")
        #expect((second.json["PriceList"] as? [String])?.count == 51 && second.json["NextToken"] == nil)
        let contains = try await caller.call(
            [
                "ServiceCode": "AmazonBedrock",
                "Filters": [
                    region, ["Type": "CONTAINS", "Field": "usagetype", "Value": "-Model1-ProvisionedThroughput-"],
                ],
            ], operation: "GetProducts")
        let found = try #require(contains.json["PriceList"] as? [String])
        #expect(found.count == 1 && found[0].contains("USE1-Model1-ProvisionedThroughput-NoCommit-ModelUnits"))
        #expect(found[0] == Self.products[1], "the document is served as it is in the list")
        let anyOf = try await caller.call(
            [
                "ServiceCode": "AmazonBedrock",
                "Filters": [["Type": "ANY_OF", "Field": "regionCode", "Value": "us-west-2, eu-west-1"]],
            ], operation: "GetProducts")
        #expect((anyOf.json["PriceList"] as? [String])?.count == 1)
        let noneOf = try await caller.call(
            [
                "ServiceCode": "AmazonBedrock",
                "Filters": [["Type": "NONE_OF", "Field": "regionCode", "Value": "us-east-1"]],
            ],
            operation: "GetProducts")
        #expect((noneOf.json["PriceList"] as? [String])?.count == 1)
        let other = try await caller.call(["ServiceCode": "AmazonEC2"], operation: "GetProducts")
        #expect((other.json["PriceList"] as? [String])?.isEmpty == true)
    }

    @Test func badInputsAreRefusedAsThePriceListRefusesThem() async throws {
        let (emulator, clock) = try Self.emulator()
        let caller = Self.caller(emulator, clock)
        #expect(try await caller.call([:], operation: "GetProducts").code == "InvalidParameterException")
        #expect(
            try await caller.call(["ServiceCode": "AmazonBedrock", "NextToken": "nope"], operation: "GetProducts").code
                == "InvalidNextTokenException")
        #expect(
            try await caller.call(["ServiceCode": "AmazonBedrock", "MaxResults": 101], operation: "GetProducts").code
                == "InvalidParameterException")
        #expect(
            try await caller.call(
                ["ServiceCode": "AmazonBedrock", "Filters": [["Type": "LIKE", "Field": "x", "Value": "y"]]],
                operation: "GetProducts"
            ).code == "SerializationException")
        #expect(
            try await caller.call(
                ["ServiceCode": "AmazonBedrock", "FormatVersion": "aws_v2"], operation: "GetProducts"
            )
            .code == "InvalidParameterException")
        let elsewhere = try await Self.caller(emulator, clock, region: "us-west-2").call(
            ["ServiceCode": "AmazonBedrock"], operation: "GetProducts")
        #expect(elsewhere.code == "InvalidParameterException")
        #expect((elsewhere.json["message"] as? String)?.contains("us-east-1, eu-central-1, ap-south-1") == true)
        await emulator.updateSettings { $0.pricingAccessDenied = true }
        #expect(
            try await caller.call(["ServiceCode": "AmazonBedrock"], operation: "GetProducts").code
                == "AccessDeniedException")
    }

    @Test func aSavedPriceListThatIsNotOneIsRefusedSayingWhy() throws {
        func problem(_ text: String) -> String {
            do {
                _ = try EmulatorPriceList(data: Data(text.utf8), source: "saved.json")
                return "loaded"
            } catch { return "\(error)" }
        }
        #expect(problem("[]") == "saved.json: not a price list (it is not a JSON object)")
        #expect(problem("{}").hasPrefix("saved.json: not a price list (it has no PriceList array"))
        #expect(
            problem(#"{"PriceList": [3]}"#)
                == "saved.json: not a price list (PriceList[0] is neither a string nor an object)")
        #expect(
            problem(#"{"PriceList": ["{}"]}"#)
                == "saved.json: not a price list (PriceList[0] is not a product with attributes)")
        // Entries saved as objects (as some tools write them) are served as JSON text.
        #expect(
            problem(#"{"PriceList": [{"product": {"attributes": {}}, "serviceCode": "AmazonBedrock"}]}"#) == "loaded")
    }

    @Test func boto3ReadsEveryAnswer() async throws {
        // On the real clock: boto3 signs with the time of day.
        let emulator = try Emulator(
            priceList: try EmulatorPriceList(data: PriceListFixture.file(Self.products), source: "test"))
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = """
                import boto3, botocore, json, sys
                p = boto3.client('pricing', endpoint_url=sys.argv[1], region_name='us-east-1', \
                aws_access_key_id='test', aws_secret_access_key='test')
                out = {}
                pages = list(p.get_paginator('get_products').paginate(ServiceCode='AmazonBedrock', \
                Filters=[{'Type': 'TERM_MATCH', 'Field': 'regionCode', 'Value': 'us-east-1'}]))
                out['pages'] = len(pages)
                out['products'] = sum(len(page['PriceList']) for page in pages)
                doc = json.loads(pages[0]['PriceList'][0])
                term = list(doc['terms']['OnDemand'].values())[0]
                out['usd'] = list(term['priceDimensions'].values())[0]['pricePerUnit']['USD']
                out['services'] = [s['ServiceCode'] for s in p.describe_services()['Services']]
                names = p.describe_services(ServiceCode='AmazonBedrock')['Services'][0]['AttributeNames']
                out['attributes'] = 'usagetype' in names
                pager = p.get_paginator('get_attribute_values')
                pages = pager.paginate(ServiceCode='AmazonBedrock', AttributeName='regionCode')
                values = [v['Value'] for page in pages for v in page['AttributeValues']]
                out['regions'] = values
                try:
                    p.get_products(ServiceCode='AmazonBedrock', NextToken='bad')
                except botocore.exceptions.ClientError as e:
                    out['badToken'] = e.response['Error']['Code']
                print(json.dumps(out))
                """
            let out = try await Blocking.run {
                try Python.run("import sys; sys.argv.append('\(endpoint)')\n" + script, requiring: ["boto3"])
            }
            let json = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
            #expect(json["pages"] as? Int == 2 && json["products"] as? Int == 151)
            #expect(json["usd"] as? String == "0.5")
            #expect(json["services"] as? [String] == ["AmazonBedrock"] && json["attributes"] as? Bool == true)
            #expect(json["regions"] as? [String] == ["us-east-1", "us-west-2"])
            #expect(json["badToken"] as? String == "InvalidNextTokenException")
        }
    }
}
