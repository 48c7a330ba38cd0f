import Foundation
import TestSupport
import Testing

@testable import CLI

/// What a plan costs, through the command line: prices and commitments in every format, budgets
/// that refuse (exit 1 with --detailed-exitcode, and apply) or let through, a negotiated price,
/// a Price List that refuses, `get`'s price per hour and `cost`.
@Suite(.serialized) struct CostCommandTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples").path

    static let throughput = """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: lite}
        spec: {modelId: amazon.titan-text-lite-v1:0:4k, modelUnits: 2, commitmentDuration: OneMonth, tags: {team: ml}}
        ---
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: express}
        spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 1, tags: {team: search}}

        """

    static func stack(_ spec: String) -> String {
        "apiVersion: bedrockctl/v1\nkind: Stack\nmetadata: {name: priced}\nspec:\n" + spec
    }

    static func setUp(_ files: [String: String] = [:]) throws -> (manifests: String, sandbox: String) {
        let root = try ValidateCommandTests.folder(files.merging(["priced/pt.yaml": throughput]) { a, _ in a })
        return (root + "/priced", root + "/sandbox")
    }

    @Test func thePlanOfTheExamplesShowsEveryPriceTheCommitmentsAndTheRunRate() async throws {
        let sandbox = try ValidateCommandTests.folder([:]) + "/sandbox"
        let text = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, Self.examples])
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("cost: +$18.40/hour, +$13,432.00/month"), "\(text.out)")
        #expect(text.out.contains("cost: +$5.10/hour, +$3,723.00/month"))
        #expect(text.out.contains("no published price: the Price List has no *-TitanEmbeddingsG1-Text-"))
        #expect(text.out.contains("it cannot be cancelled or deleted before then"))
        #expect(text.out.contains("run rate after apply:  $23.50/hour, $17,155.00/month"))
        #expect(!text.out.contains("$0.00/hour, +") && !text.out.contains("commits $0.00"))
        let markdown = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, Self.examples, "--format", "markdown",
        ])
        let warning = try #require(markdown.out.range(of: "> [!WARNING]\n> **This plan commits $"))
        #expect(warning.lowerBound < (markdown.out.range(of: "Stack: ")?.lowerBound ?? markdown.out.startIndex))
        let table = try #require(markdown.out.range(of: "| run rate after apply (priced throughputs) | $23.50 |"))
        #expect(table.lowerBound < (markdown.out.range(of: "<details")?.lowerBound ?? markdown.out.startIndex))
        let json = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, Self.examples, "--format", "json"])
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let cost = try #require(plan["cost"] as? [String: Any])
        #expect(((cost["runRateAfter"] as? [String: Any])?["hourly"] as? NSNumber)?.doubleValue == 23.5)
        let commitments = try #require(cost["commitments"] as? [[String: Any]])
        #expect(commitments.count == 2 && commitments.allSatisfy { $0["amount"] != nil && $0["ends"] != nil })
        #expect((cost["unpriced"] as? [[String: Any]])?.count == 1)
        let schema = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: Self.examples + "/../schemas/plan-v1.schema.json")))
        let input = try JSONSerialization.data(withJSONObject: ["schema": schema, "plan": json.out])
        let out = try Python.run(
            """
            import json, sys, jsonschema
            data = json.load(sys.stdin)
            for error in jsonschema.Draft202012Validator(data["schema"]).iter_errors(json.loads(data["plan"])):
                print(error.message, list(error.absolute_path))
            """, input: input, requiring: ["jsonschema"])
        #expect(out.isEmpty, "\(String(decoding: out, as: UTF8.self))")
    }

    @Test func aBudgetBelowThePlanRefusesItAndApplyAndOneAboveLetsItThrough() async throws {
        let (manifests, sandbox) = try Self.setUp()
        // 2 × $6.40 + $20.50 = $33.30 an hour, $24,309.00 a month.
        let over = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--detailed-exitcode", "--max-monthly-cost", "20000",
        ])
        #expect(over.code == 1, "\(over.out)\(over.err)")
        #expect(
            over.out.contains(
                "refused: the stack's run rate after apply, $24,309.00 a month, is over its budget of $20,000.00 a "
                    + "month (--max-monthly-cost)"), "\(over.out)")
        let applied = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, manifests, "--auto-approve", "--max-monthly-cost", "20000",
        ])
        #expect(applied.code == 1 && applied.out.contains("skipped"), "\(applied.out)\(applied.err)")
        let under = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--detailed-exitcode", "--max-monthly-cost", "25000",
        ])
        #expect(under.code == 2, "\(under.out)\(under.err)")
        let bad = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--max-monthly-cost", "1e4"])
        #expect(bad.code == 64, "\(bad.err)")
    }

    @Test func theStacksBudgetAndNegotiatedPriceAreItsOwnAndNamedWhereTheyAre() async throws {
        let spec =
            "  budget: {commitments: 9000}\n  pricing:\n"
            + "    - {modelId: amazon.titan-text-lite-v1, commitmentDuration: OneMonth, perModelUnitHour: 5.00}\n"
        let (manifests, sandbox) = try Self.setUp(["priced/stack.yaml": Self.stack(spec)])
        let plan = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--detailed-exitcode"])
        // 2 units × $5.00 × 720 to 744 hours: $7,200.00 to $7,440.00, under 9,000.
        #expect(plan.code == 2, "\(plan.out)\(plan.err)")
        #expect(plan.out.contains("2 × $5.00 a unit-hour, the Stack's spec.pricing"), "\(plan.out)")
        let tight = Self.stack(spec.replacingOccurrences(of: "9000", with: "7000"))
        try tight.write(toFile: manifests + "/stack.yaml", atomically: true, encoding: .utf8)
        let refused = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--detailed-exitcode"])
        #expect(refused.code == 1, "\(refused.out)")
        #expect(
            refused.out.contains("over the commitment budget of $7,000.00 (spec.budget.commitments at "),
            "\(refused.out)")
        try Self.stack("  budget: {monthly: -5}\n").write(
            toFile: manifests + "/stack.yaml", atomically: true, encoding: .utf8)
        let invalid = await ValidateCommandTests.run(["validate", manifests])
        #expect(invalid.code == 1)
        #expect(
            invalid.err.contains("stack.yaml:5:21: error: spec.budget.monthly: expected an amount of US dollars"),
            "\(invalid.err)")
    }

    @Test func anUnpricedThroughputUnderABudgetIsRefusedUnlessAllowed() async throws {
        let claude = """
            apiVersion: bedrockctl/v1
            kind: ProvisionedThroughput
            metadata: {name: claude}
            spec: {modelId: anthropic.claude-3-haiku-20240307-v1:0:48k, modelUnits: 1}

            """
        let (manifests, sandbox) = try Self.setUp(["priced/claude.yaml": claude])
        let refused = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--detailed-exitcode", "--max-monthly-cost", "100000",
        ])
        #expect(refused.code == 1, "\(refused.out)")
        #expect(refused.out.contains("cannot be checked: ProvisionedThroughput/claude has no price"), "\(refused.out)")
        #expect(refused.out.contains("cost: no published price: bedrockctl's catalogue knows no Price List row"))
        let allowed = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--detailed-exitcode", "--max-monthly-cost", "100000",
            "--allow-unpriced",
        ])
        #expect(allowed.code == 2, "\(allowed.out)")
    }

    @Test func aPriceListThatRefusesLeavesThePlanWorkingAndUnpriced() async throws {
        let (manifests, _) = try Self.setUp()
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--provision-seconds", "0"], log: manifests + ".log")
        defer { QuotaCommandTests.stop(emulator) }
        try await QuotaCommandTests.post(endpoint, "/_emulator/settings", #"{"pricingAccessDenied": true}"#)
        let flags = ["--endpoint-url", endpoint, "--region", "us-east-1"]
        let plan = try await BedrockctlProcess.run(["plan", manifests, "--detailed-exitcode"] + flags)
        #expect(plan.status == 2, "\(plan.output)")
        #expect(plan.output.contains("  unpriced: the Price List API (GetProducts at \(endpoint)) could not be read"))
        #expect(plan.output.contains("AccessDeniedException"), "\(plan.output)")
        let applied = try await BedrockctlProcess.run(
            ["apply", manifests, "--auto-approve", "--poll-seconds", "0.1"] + flags)
        #expect(applied.status == 0 && applied.output.contains("Apply: 2 succeeded"), "\(applied.output)")
    }

    @Test func getShowsThePricePerHourAndCostTotalsByStackAndByTag() async throws {
        let (manifests, sandbox) = try Self.setUp()
        let applied = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"])
        #expect(applied.code == 0, "\(applied.out)\(applied.err)")
        let get = await ValidateCommandTests.run(["get", "throughputs", "--sandbox", sandbox])
        #expect(get.out.contains("PER HOUR") && get.out.contains("$12.80") && get.out.contains("$20.50"), "\(get.out)")
        #expect(get.out.contains("left"), "the commitment's remaining amount: \(get.out)")
        let byStack = await ValidateCommandTests.run(["cost", "--sandbox", sandbox])
        #expect(byStack.code == 0, "\(byStack.err)")
        #expect(byStack.out.contains("priced") && byStack.out.contains("$33.30") && byStack.out.contains("$24,309.00"))
        let byTeam = await ValidateCommandTests.run(["cost", "--sandbox", sandbox, "--by", "team", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(byTeam.out.utf8)) as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(groups.compactMap { $0["name"] as? String } == ["ml", "search"])
        #expect((groups.first?["hourly"] as? NSNumber)?.doubleValue == 12.8)
        let scoped = await ValidateCommandTests.run(["cost", "--sandbox", sandbox, manifests])
        #expect(scoped.code == 0 && scoped.out.contains("priced"), "\(scoped.out)\(scoped.err)")
    }

    @Test func theEmulatorServesASavedPriceList() async throws {
        let (manifests, _) = try Self.setUp()
        let saved = manifests + "/../saved.json"
        try PriceListFixture.file([
            PriceListFixture.product("USE1-TitanTextG1-Express-ProvisionedThroughput-NoCommit-ModelUnits", usd: "30.00")
        ]).write(to: URL(fileURLWithPath: saved))
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--price-list", saved], log: manifests + ".log")
        defer { QuotaCommandTests.stop(emulator) }
        let plan = try await BedrockctlProcess.run([
            "plan", manifests, "--endpoint-url", endpoint, "--region", "us-east-1",
        ])
        #expect(plan.output.contains("cost: +$30.00/hour"), "\(plan.output)")
        #expect(plan.output.contains("the Price List has no *-TitanTextG1-Lite-"), "\(plan.output)")
        let broken = try await BedrockctlProcess.run(["emulator", "--price-list", manifests + "/pt.yaml"])
        #expect(broken.status == 1 && broken.output.contains("pt.yaml: not a price list"), "\(broken.output)")
    }
}
