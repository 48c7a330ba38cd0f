import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import PlanRendering
import TestSupport
import Testing

@testable import Reconciler

/// Prices from a fixed table of Price List rows, counting the keys asked.
struct FixedPriceBook: PriceBook {
    var rows: [PriceRow]
    var problem: String?

    func prices(_ keys: Set<PriceKey>) async -> PriceBookAnswer {
        guard problem == nil else { return PriceBookAnswer(prices: [:], problem: problem) }
        return PriceBookAnswer(
            prices: Dictionary(uniqueKeysWithValues: keys.map { ($0, PriceRow.lookup($0, in: rows)) }),
            publicationDate: rows.compactMap(\.publicationDate).max())
    }

    static func row(_ usageType: String, _ price: String, region: String = "us-east-1") -> PriceRow {
        PriceRow(
            usageType: usageType, regionCode: region, perModelUnitHour: USD(text: price)!, sku: "SKU",
            publicationDate: "2026-11-01T00:00:00Z")
    }
}

/// The money of a plan: units × hours × price, terms of one and six months, replacements, model
/// swaps, deletes, what has no price, negotiated prices and budgets.
@Suite struct CostCheckTests {
    /// Titan Text Express's rows, as the Price List names them (`PriceKey.priceListModel`).
    static var titan: String { FoundationModelCatalog.model(id: PlannerTests.fm)!.priceListModel! }
    static var rows: [PriceRow] {
        [
            FixedPriceBook.row("USE1-\(titan)-ProvisionedThroughput-NoCommit-ModelUnits", "20.50"),
            FixedPriceBook.row("USE1-\(titan)-ProvisionedThroughput-1month-ModelUnits", "18.40"),
            FixedPriceBook.row("USE1-\(titan)-ProvisionedThroughput-6months-ModelUnits", "14.80"),
            FixedPriceBook.row("USE1-\(titan)-ProvisionedThroughput-Custom-NoCommit-ModelUnits", "21.00"),
        ]
    }

    static func priced(
        _ plan: Plan, live: [LiveState.Throughput] = [], rows: [PriceRow] = rows, policy: CostPolicy = CostPolicy(),
        problem: String? = nil
    ) async -> Plan {
        var plan = plan
        await CostCheck(
            prices: FixedPriceBook(rows: rows, problem: problem), policy: policy, region: "us-east-1",
            now: PlannerTests.now, priceSource: "test"
        ).apply(to: &plan, live: LiveState(region: "us-east-1", throughputs: live))
        return plan
    }

    static func usd(_ text: String) -> USD { USD(text: text)! }

    @Test func aCreateCostsItsUnitsTimesThePriceByTheHourAndThe730HourMonth() async throws {
        let plan = await Self.priced(PlannerTests.plan([PlannerTests.pt("a", units: 3)]))
        let cost = try #require(plan.actions[0].cost)
        #expect(cost.hourlyChange == Self.usd("61.50") && cost.monthlyChange == Self.usd("44895"))
        #expect(
            cost.after.first?.price?.source.usageType == "USE1-\(Self.titan)-ProvisionedThroughput-NoCommit-ModelUnits")
        #expect(plan.cost?.runRateBefore.hourly == .zero && plan.cost?.runRateAfter.monthly == Self.usd("44895"))
        #expect(plan.cost?.commitments.isEmpty == true && plan.cost?.isComplete == true)
    }

    @Test func aCommitmentIsTheWholeTermsAmountAndEndsOnTheSameDayMonthsLater() async throws {
        let plan = await Self.priced(
            PlannerTests.plan([
                PlannerTests.pt("one", units: 2, commitment: .oneMonth),
                PlannerTests.pt("six", units: 1, commitment: .sixMonths),
            ]))
        let commitments = try #require(plan.cost?.commitments)
        #expect(commitments.count == 2)
        // PlannerTests.now is 2026-11-25T01:02:03Z: one month is 30 days (720 hours), six months 181 days.
        let one = try #require(commitments.first { $0.commitmentDuration == .oneMonth })
        #expect(one.hours == 720 && one.amount == Self.usd("18.40") * (2 * 720) && one.endDay == "2026-12-25")
        let six = try #require(commitments.first { $0.commitmentDuration == .sixMonths })
        #expect(six.hours == 181 * 24 && six.amount == Self.usd("14.80") * (181 * 24) && six.endDay == "2027-05-25")
        #expect(!one.cancellable && !six.cancellable)
        #expect(plan.cost?.commitmentTotal == one.amount! + six.amount!)
    }

    @Test func aReplacementShowsTheDifferenceAndADeleteWhatItSaves() async throws {
        let old = PlannerTests.live("r", units: 1)
        let gone = PlannerTests.live("gone", units: 2, id: "gggggggggggg")
        let plan = await Self.priced(
            PlannerTests.plan(
                [PlannerTests.pt("r", units: 3)], [old, gone], options: PlanOptions(prune: true, allowReplace: true)),
            live: [old, gone])
        let replace = try #require(PlannerTests.action(plan, "ProvisionedThroughput/r")?.cost)
        #expect(replace.hourlyChange == Self.usd("41.00"), "3 units less 1, at $20.50")
        let delete = try #require(PlannerTests.action(plan, "ProvisionedThroughput/gone")?.cost)
        #expect(delete.hourlyChange == (USD.zero - Self.usd("41.00")) && delete.after.isEmpty)
        #expect(plan.cost?.runRateBefore.hourly == Self.usd("61.50"))
        #expect(plan.cost?.runRateAfter.hourly == Self.usd("61.50"))
    }

    @Test func aModelSwapOfACustomModelIsPricedByItsOwnRowAndARenameOrRetagShowsNothing() async throws {
        let live = PlannerTests.live("ft", model: PlannerTests.custom, units: 1)
        let swap = await Self.priced(
            PlannerTests.plan([PlannerTests.pt("ft", model: PlannerTests.fm)], [live]), live: [live])
        let cost = try #require(swap.actions[0].cost)
        #expect(cost.before.first?.hourly == Self.usd("21.00") && cost.after.first?.hourly == Self.usd("20.50"))
        #expect(cost.hourlyChange == (USD.zero - Self.usd("0.50")))
        let steady = PlannerTests.live("t", units: 1)
        let renamed = await Self.priced(
            PlannerTests.plan([PlannerTests.pt("t", modelName: "t2", tags: ["x": "y"])], [steady]), live: [steady])
        #expect(renamed.actions[0].type == .update && renamed.actions[0].cost == nil)
        #expect(renamed.cost?.runRateBefore.hourly == Self.usd("20.50"), "what runs still counts")
    }

    @Test func aCustomModelWithoutACustomRowTakesItsBasesAndSaysSo() async throws {
        let plan = await Self.priced(
            PlannerTests.plan([PlannerTests.pt("ft", model: PlannerTests.custom, commitment: .oneMonth)]))
        let price = try #require(plan.actions[0].cost?.after.first?.price)
        #expect(price.perModelUnitHour == Self.usd("18.40"))
        #expect(price.source.note == "priced as its base model: the list has no Custom row")
    }

    @Test func aModelWithoutAPublishedPriceIsNeverZero() async throws {
        let claude = "anthropic.claude-3-haiku-20240307-v1:0:48k"
        let plan = await Self.priced(
            PlannerTests.plan([PlannerTests.pt("c", model: claude, commitment: .sixMonths), PlannerTests.pt("t")]))
        let cost = try #require(plan.actions.first { $0.name == "c" }?.cost)
        #expect(cost.hourlyChange == nil && cost.after.first?.hourly == nil)
        #expect(cost.after.first?.unpriced?.hasPrefix("no published price: ") == true)
        #expect(cost.commitments.first?.amount == nil)
        #expect(plan.cost?.unpriced.map(\.actionId) == ["ProvisionedThroughput/c"])
        #expect(plan.cost?.runRateAfter.hourly == Self.usd("20.50"), "the priced one alone")
        let text = TextRenderer(color: false).render(plan)
        #expect(text.contains("no published price") && !text.contains("commits $0.00"))
    }

    @Test func aPriceListThatCannotBeReadLeavesThePlanUnpricedAndSaysSoOnce() async throws {
        let plan = await Self.priced(
            PlannerTests.plan([PlannerTests.pt("a"), PlannerTests.pt("b")]), problem: "GetProducts: AccessDenied")
        #expect(plan.cost?.problem?.hasPrefix("GetProducts: AccessDenied") == true)
        #expect(plan.cost?.unpriced.allSatisfy { $0.reason.hasPrefix("unpriced: GetProducts: AccessDenied") } == true)
        #expect(plan.isApplicable, "no budget: an unpriced plan still applies")
    }

    @Test func aNegotiatedPriceReplacesTheListPrice() async throws {
        let negotiated = StackCostPolicy.NegotiatedPrice(
            modelId: "amazon.titan-text-express-v1", commitmentDuration: .oneMonth, perModelUnitHour: 12,
            source: "spec.pricing[0].perModelUnitHour at stack.yaml:9:25")
        let plan = await Self.priced(
            PlannerTests.plan([PlannerTests.pt("a", commitment: .oneMonth), PlannerTests.pt("b")]),
            policy: CostPolicy(negotiated: [negotiated]))
        let a = try #require(plan.actions.first { $0.name == "a" }?.cost?.after.first?.price)
        #expect(a.perModelUnitHour == Self.usd("12") && a.source.origin == .negotiated)
        let b = try #require(plan.actions.first { $0.name == "b" }?.cost?.after.first?.price)
        #expect(b.perModelUnitHour == Self.usd("20.50"), "another term keeps the list price")
    }

    @Test func aBudgetBelowTheRunRateOrTheCommitmentsRefusesThePlanAndOneAboveLetsItThrough() async throws {
        let plan = PlannerTests.plan([PlannerTests.pt("a", units: 2, commitment: .oneMonth)])
        let limit = { (amount: String) in
            CostPolicy.Limit(amount: Self.usd(amount).amount, source: "--max-monthly-cost")
        }
        let over = await Self.priced(plan, policy: CostPolicy(monthly: limit("20000")))
        #expect(!over.isApplicable)
        #expect(
            over.refusals == [
                "cost: the stack's run rate after apply, $26,864.00 a month, is over its budget of $20,000.00 a month "
                    + "(--max-monthly-cost)"
            ])
        #expect(await Self.priced(plan, policy: CostPolicy(monthly: limit("30000"))).isApplicable)
        let committed = await Self.priced(plan, policy: CostPolicy(commitments: limit("25000")))
        #expect(committed.refusals.first?.contains("the plan commits $26,496.00, over the commitment budget") == true)
        #expect(await Self.priced(plan, policy: CostPolicy(commitments: limit("27000"))).isApplicable)
    }

    @Test func anUnpricedActionUnderABudgetIsRefusedUnlessAllowed() async throws {
        let plan = PlannerTests.plan([PlannerTests.pt("c", model: "anthropic.claude-3-haiku-20240307-v1:0:48k")])
        let limit = CostPolicy.Limit(amount: 100000, source: "spec.budget.monthly at s.yaml:6:14")
        let refused = await Self.priced(plan, policy: CostPolicy(monthly: limit))
        #expect(refused.refusals.first?.contains("cannot be checked: ProvisionedThroughput/c has no price") == true)
        #expect(await Self.priced(plan, policy: CostPolicy(monthly: limit, allowUnpriced: true)).isApplicable)
    }

    @Test func aPlanThatBuysNothingIsNotRefusedByItsBudget() async throws {
        let live = PlannerTests.live("a", units: 5)
        let plan = await Self.priced(
            PlannerTests.plan([PlannerTests.pt("a", units: 5)], [live]), live: [live],
            policy: CostPolicy(monthly: .init(amount: 10, source: "--max-monthly-cost")))
        #expect(plan.isApplicable && plan.cost?.runRateAfter.hourly == Self.usd("102.50"))
    }

    @Test func dollarsAreShownToTheCentWithSeparatorsAndUnitPricesKeepTheirDigits() {
        #expect(Self.usd("1234567.891").description == "$1,234,567.89")
        #expect((USD.zero - Self.usd("12")).description == "-$12.00")
        #expect(Self.usd("0.0035").unitPrice == "$0.0035" && Self.usd("60.5").unitPrice == "$60.50")
        #expect(USD(text: "1e3") == nil && USD(text: "-4") == nil && USD(text: "4.") == nil)
    }

    /// A priced plan with every cost field (a budget refused, a negotiated price, an unpriced
    /// throughput, commitments, a delete) validates against the plan's schema.
    @Test func aPricedPlanValidatesAgainstTheSchema() async throws {
        let gone = PlannerTests.live("gone", units: 2, id: "gggggggggggg")
        let negotiated = StackCostPolicy.NegotiatedPrice(
            modelId: "amazon.titan-text-express-v1", commitmentDuration: .sixMonths, perModelUnitHour: 10,
            source: "spec.pricing[0].perModelUnitHour at s.yaml:9:25")
        let plan = await Self.priced(
            PlannerTests.plan(
                [
                    PlannerTests.pt("a", commitment: .oneMonth), PlannerTests.pt("b", commitment: .sixMonths),
                    PlannerTests.pt("c", model: "anthropic.claude-3-haiku-20240307-v1:0:48k"),
                ], [gone], options: PlanOptions(prune: true)),
            live: [gone],
            policy: CostPolicy(
                monthly: .init(amount: 10, source: "--max-monthly-cost"),
                commitments: .init(amount: 10, source: "spec.budget.commitments at s.yaml:6:18"),
                negotiated: [negotiated]))
        #expect(plan.cost?.refusals.count == 2 && plan.cost?.budget != nil)
        let input = try JSONSerialization.data(withJSONObject: [
            "schema": try PlanSchemaTests.schema(), "plan": String(decoding: JSONRenderer.encode(plan), as: UTF8.self),
        ])
        let out = try Python.run(
            """
            import json, sys, jsonschema
            data = json.load(sys.stdin)
            for error in jsonschema.Draft202012Validator(data["schema"]).iter_errors(json.loads(data["plan"])):
                print(error.message, list(error.absolute_path))
            """, input: input, requiring: ["jsonschema"])
        #expect(out.isEmpty, "\(String(decoding: out, as: UTF8.self))")
        // A saved plan reads back with its cost.
        #expect(try JSONRenderer.decode(JSONRenderer.encode(plan)).cost == plan.cost)
    }
}
