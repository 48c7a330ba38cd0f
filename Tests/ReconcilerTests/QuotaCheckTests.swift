import BedrockConstraints
import Foundation
import Manifest
import Testing

@testable import Reconciler

/// The quota arithmetic of a plan: in use, plus what it creates, less what it deletes first.
@Suite struct QuotaCheckTests {
    static let base = "L-FE44174A"
    static let custom = "L-BE77399C"
    /// Model units per provisioned model for Amazon Titan Text G1 - Express 8K, as AWS publishes it.
    static let titan = "L-8129BF10"

    static func checked(
        _ plan: Plan, live: [LiveState.Throughput], _ values: [String: Double], ignore: Bool = false
    ) -> Plan {
        var plan = plan
        QuotaCheck(values: values, ignore: ignore).apply(
            to: &plan, live: LiveState(region: "us-east-1", throughputs: live))
        return plan
    }

    @Test func noCommitmentUnitsInUseAndCreatedAreAddedUp() {
        let inUse = PlannerTests.live("old", owner: "other", units: 1)
        let plan = PlannerTests.plan([PlannerTests.pt("a", units: 2), PlannerTests.pt("b", units: 1)], [inUse])
        let blocked = Self.checked(plan, live: [inUse], [Self.base: 3])
        #expect(
            blocked.actions.filter { $0.type == .create }.allSatisfy {
                $0.blocked
                    == "needs 4 no-commitment model units across base models (L-FE44174A); quota 3, in use 1: "
                    + "request an increase with `bedrockctl quotas --request`"
            })
        #expect(!blocked.isApplicable)
        #expect(Self.checked(plan, live: [inUse], [Self.base: 4]).isApplicable)
        let ignored = Self.checked(plan, live: [inUse], [Self.base: 3], ignore: true)
        #expect(ignored.isApplicable && ignored.warnings.count == 2)
        #expect(ignored.warnings[0].hasSuffix("(--ignore-quotas: apply will try anyway)"))
    }

    @Test func commitmentsAreCheckedPerThroughputAgainstTheirModel() {
        let plan = PlannerTests.plan([
            PlannerTests.pt("a", units: 3, commitment: .oneMonth),
            PlannerTests.pt("b", units: 2, commitment: .sixMonths),
        ])
        let checked = Self.checked(plan, live: [], [Self.titan: 2, Self.base: 0])
        #expect(
            checked.actions.first { $0.name == "a" }?.blocked?.hasPrefix(
                "needs 3 model units per provisioned model for Amazon Titan Text G1 - Express 8K (L-8129BF10); "
                    + "quota 2: request an increase with `bedrockctl quotas --request`"
            ) == true)
        #expect(
            checked.actions.first { $0.name == "b" }?.blocked == nil,
            "committed units do not count against no-commitment quotas")
    }

    @Test func customModelsCountAgainstTheirOwnQuota() {
        let plan = PlannerTests.plan([PlannerTests.pt("ft", model: PlannerTests.custom, units: 2)])
        #expect(
            Self.checked(plan, live: [], [Self.custom: 1, Self.base: 100, Self.titan: 2]).actions[0].blocked?.contains(
                "across custom models (L-BE77399C)") == true)
        #expect(Self.checked(plan, live: [], [Self.custom: 2, Self.base: 0, Self.titan: 2]).isApplicable)
    }

    @Test func aReplacementFreesTheOldUnitsFirstUnlessItCreatesBeforeDestroying() {
        let old = PlannerTests.live("bot", units: 2)
        let options = PlanOptions(allowReplace: true)
        let destroyFirst = PlannerTests.plan([PlannerTests.pt("bot", units: 3)], [old], options: options)
        #expect(
            Self.checked(destroyFirst, live: [old], [Self.base: 3]).isApplicable, "2 in use - 2 deleted + 3 created = 3"
        )
        let createFirst = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 3, replacement: .createBeforeDestroy)], [old], options: options)
        #expect(
            Self.checked(createFirst, live: [old], [Self.base: 3]).actions[0].blocked
                == "needs 5 no-commitment model units across base models (L-FE44174A); quota 3, in use 2: "
                + "request an increase with `bedrockctl quotas --request`",
            "both throughputs exist at the peak")
        #expect(Self.checked(createFirst, live: [old], [Self.base: 5]).isApplicable)
    }

    @Test func prunesComeFirstAndFreeTheirUnits() {
        let gone = PlannerTests.live("gone", units: 2)
        let pruned = PlannerTests.plan([PlannerTests.pt("new", units: 2)], [gone], options: PlanOptions(prune: true))
        #expect(Self.checked(pruned, live: [gone], [Self.base: 2]).isApplicable)
        let kept = PlannerTests.plan([PlannerTests.pt("new", units: 2)], [gone])
        #expect(
            !Self.checked(kept, live: [gone], [Self.base: 2]).isApplicable, "without --prune the old units stay in use")
    }

    @Test func aQuotaServiceQuotasDoesNotListIsNotCheckedAndSaysSo() {
        let plan = PlannerTests.plan([PlannerTests.pt("a", units: 3, commitment: .oneMonth)])
        let checked = Self.checked(plan, live: [], [Self.base: 0])
        #expect(checked.isApplicable)
        #expect(
            checked.warnings == [
                "Service Quotas lists no Model units per provisioned model for Amazon Titan Text G1 - Express 8K "
                    + "(L-8129BF10); that quota is not checked"
            ])
    }

    /// The invented codes of before (`L-B1F12687`, FNV of the model id) are what a real account
    /// never lists: a committed throughput whose real quota is 0 must be blocked by the real code.
    @Test func aCommittedThroughputIsCheckedAgainstTheQuotaAWSPublishes() {
        let plan = PlannerTests.plan([PlannerTests.pt("a", units: 1, commitment: .oneMonth)])
        let checked = Self.checked(plan, live: [], ["L-8129BF10": 0, "L-B1F12687": 100])
        #expect(
            checked.actions[0].blocked
                == "needs 1 model units per provisioned model for Amazon Titan Text G1 - Express 8K (L-8129BF10); "
                + "quota 0: request an increase with `bedrockctl quotas --request`")
    }

    /// An account may list a quota under a code of its own: the name finds it all the same.
    @Test func aQuotaIsFoundByItsNameWhateverItsCode() {
        let plan = PlannerTests.plan([PlannerTests.pt("a", units: 2, commitment: .oneMonth)])
        let account = AccountQuotas(listed: [
            .init(
                code: "L-00000001", name: "Model units per provisioned model for Amazon Titan Text G1 - Express 8K",
                value: 1)
        ])
        var checked = plan
        QuotaCheck(account: account).apply(to: &checked, live: LiveState(region: "us-east-1"))
        #expect(checked.actions[0].blocked?.contains("Express 8K (L-00000001); quota 1") == true, "\(checked.actions)")
        #expect(checked.warnings.isEmpty)
    }

    /// A no-commitment throughput of a custom model counts against its pool and against its base
    /// model's per-model quota, as users report both had to be raised.
    @Test func aNoCommitmentCustomThroughputNeedsItsBasesPerModelQuotaToo() {
        let plan = PlannerTests.plan([PlannerTests.pt("ft", model: PlannerTests.custom, units: 1)])
        let checked = Self.checked(plan, live: [], [Self.custom: 2, Self.titan: 0])
        #expect(checked.actions[0].blocked?.contains("Express 8K (L-8129BF10); quota 0") == true)
    }

    /// What `bedrockctl quotas` shows: what the plan needs of each quota, what is in use, the
    /// account's value and the shortfall.
    @Test func theUsageRowsSayWhatThePlanNeedsAndWhatIsShort() {
        let inUse = PlannerTests.live("old", owner: "other", units: 1)
        let plan = PlannerTests.plan(
            [PlannerTests.pt("a", units: 2), PlannerTests.pt("b", units: 3, commitment: .oneMonth)], [inUse])
        let rows = QuotaCheck(values: [Self.base: 2, Self.titan: 1]).usage(
            of: plan, live: LiveState(region: "us-east-1", throughputs: [inUse]))
        let base = rows.first { $0.quota.role == .noCommitmentBase }
        #expect(base?.inUse == 1 && base?.needed == 3 && base?.shortfall == 1)
        let titan = rows.first { $0.quota.code == Self.titan }
        #expect(titan?.needed == 3 && titan?.shortfall == 2)
    }
}
