import Testing

@testable import Reconciler

/// `Plan.restricted(to:)`, the core of `--target`.
@Suite struct PlanTargetTests {
    @Test func aTargetBringsWhatItDependsOn() {
        let a = PlanAction(
            id: "ProvisionedThroughput/a", kind: .provisionedThroughput, name: "a", type: .update, reason: "r",
            dependsOn: ["ProvisionedThroughput/b"])
        let b = PlanAction(
            id: "ProvisionedThroughput/b", kind: .provisionedThroughput, name: "b", type: .update, reason: "r",
            dependsOn: ["ProvisionedThroughput/b#temporary-name"])
        let tmp = PlanAction(
            id: "ProvisionedThroughput/b#temporary-name", kind: .provisionedThroughput, name: "b", type: .update,
            reason: "r")
        let c = PlanAction(
            id: "ProvisionedThroughput/c", kind: .provisionedThroughput, name: "c", type: .conflict, reason: "r")
        let plan = Plan(
            stack: "s", region: "r", manifestDigest: "m", liveStateDigest: "l", options: PlanOptions(),
            actions: [tmp, b, a, c], warnings: [])
        let partial = plan.restricted(to: ["ProvisionedThroughput/a"])
        #expect(
            partial.actions.map(\.id) == [
                "ProvisionedThroughput/b#temporary-name", "ProvisionedThroughput/b", "ProvisionedThroughput/a",
            ])
        #expect(partial.isApplicable && !plan.isApplicable)
        #expect(partial.targets == ["ProvisionedThroughput/a"])
    }

    @Test func aSavedPlanIsBoundToTheAccountRegionAndEndpoint() {
        let here = PlanTarget(
            region: "us-east-1", endpoint: "https://bedrock.us-east-1.amazonaws.com", sandbox: nil,
            account: "111111111111", principal: "arn:aws:sts::111111111111:assumed-role/ci/1")
        var otherRole = here
        otherRole.principal = "arn:aws:sts::111111111111:assumed-role/deploy/2"
        #expect(here.differences(from: otherRole).isEmpty, "another role of the same account may apply it")
        var otherAccount = here
        otherAccount.account = "222222222222"
        #expect(here.differences(from: otherAccount) == ["account 111111111111, not 222222222222"])
        var unknown = here
        unknown.account = nil
        #expect(here.differences(from: unknown).isEmpty, "an account STS could not name is not a difference")
        var sandbox = here
        sandbox.sandbox = "/tmp/s"
        sandbox.endpoint = nil
        #expect(here.differences(from: sandbox) == ["no sandbox, not sandbox /tmp/s"])
        var emulator = here
        emulator.endpoint = "http://127.0.0.1:4566"
        #expect(
            here.differences(from: emulator) == [
                "endpoint https://bedrock.us-east-1.amazonaws.com, not http://127.0.0.1:4566"
            ])
        var region = here
        region.region = "eu-west-1"
        #expect(here.differences(from: region) == ["region us-east-1, not eu-west-1"])

        var saved = Plan(
            stack: "s", region: "us-east-1", manifestDigest: "m", liveStateDigest: "l", options: PlanOptions(),
            actions: [], warnings: [])
        saved.target = here
        saved.actionsDigest = Plan.digest(of: [])
        saved.manifestFiles = [
            ManifestFileDigest(path: "/a.yaml", sha256: "1"), ManifestFileDigest(path: "/b.yaml", sha256: "2"),
        ]
        var fresh = saved
        #expect(SavedPlanCheck.refusal(saved: saved, fresh: fresh) == nil)
        fresh.target = otherAccount
        #expect(
            SavedPlanCheck.refusal(saved: saved, fresh: fresh)?.contains("(account 111111111111, not 222222222222)")
                == true)
        fresh.target = here
        fresh.manifestFiles = [
            ManifestFileDigest(path: "/a.yaml", sha256: "9"), ManifestFileDigest(path: "/c.yaml", sha256: "3"),
        ]
        #expect(
            SavedPlanCheck.refusal(saved: saved, fresh: fresh)?.contains(
                "(/a.yaml changed; /b.yaml is gone; /c.yaml is new)") == true)
    }
}
