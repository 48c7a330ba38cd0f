import Testing
@testable import Reconciler

/// `Plan.restricted(to:)`, the core of `--target`.
@Suite struct PlanTargetTests {
    @Test func aTargetBringsWhatItDependsOn() {
        let a = PlanAction(id: "ProvisionedThroughput/a", kind: .provisionedThroughput, name: "a", type: .update, reason: "r",
                           dependsOn: ["ProvisionedThroughput/b"])
        let b = PlanAction(id: "ProvisionedThroughput/b", kind: .provisionedThroughput, name: "b", type: .update, reason: "r",
                           dependsOn: ["ProvisionedThroughput/b#temporary-name"])
        let tmp = PlanAction(id: "ProvisionedThroughput/b#temporary-name", kind: .provisionedThroughput, name: "b", type: .update, reason: "r")
        let c = PlanAction(id: "ProvisionedThroughput/c", kind: .provisionedThroughput, name: "c", type: .conflict, reason: "r")
        let plan = Plan(stack: "s", region: "r", manifestDigest: "m", liveStateDigest: "l", options: PlanOptions(), actions: [tmp, b, a, c], warnings: [])
        let partial = plan.restricted(to: ["ProvisionedThroughput/a"])
        #expect(partial.actions.map(\.id) == ["ProvisionedThroughput/b#temporary-name", "ProvisionedThroughput/b", "ProvisionedThroughput/a"])
        #expect(partial.isApplicable && !plan.isApplicable)
        #expect(partial.targets == ["ProvisionedThroughput/a"])
    }
}
