import Foundation
import Reconciler
import TestSupport
import Testing

@testable import CLI

/// A saved plan is applied only as bedrockctl made it, whatever the file is called, against the
/// target it records.
@Suite(.serialized) struct SavedPlanTests {
    static func edit(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        var plan = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        change(&plan)
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: path))
    }

    /// The case: a create step changed to another name, model and a six-month commitment.
    static func commitToSixMonths(_ plan: inout [String: Any]) {
        var actions = plan["actions"] as? [[String: Any]] ?? []
        var steps = actions[0]["steps"] as? [[String: Any]] ?? []
        var create = steps[0]["createThroughput"] as? [String: Any] ?? [:]
        create["name"] = "someone-elses"
        create["modelId"] = "amazon.titan-text-lite-v1:0:4k"
        create["commitmentDuration"] = "SixMonths"
        steps[0]["createThroughput"] = create
        actions[0]["steps"] = steps
        plan["actions"] = actions
    }

    @Test func aPlanEditedByHandIsRefusedEvenWithItsDigestRedone() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let file = sandbox + "-edited.json"
        let saved = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", file])
        #expect(saved.code == 0, "\(saved.err)")
        try Self.edit(file, Self.commitToSixMonths)
        let edited = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, file, "--auto-approve"])
        #expect(edited.code == 1, "\(edited.out)")
        #expect(
            edited.err.contains("the saved plan's actions were edited since `bedrockctl plan` wrote it")
                && edited.err.contains("actionsDigest; ProvisionedThroughput/cli-bot's steps differ)"),
            "\(edited.err)")
        // An editor who recomputes the digest is refused too: the actions are not what is planned now.
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let decoded = try JSONDecoder().decode(PlanProbe.self, from: data)
        try Self.edit(file) { $0["actionsDigest"] = decoded.digest }
        let redone = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, file, "--auto-approve"])
        #expect(redone.code == 1, "\(redone.out)")
        #expect(
            redone.err.contains(
                "are not what the same manifests and live state plan now (ProvisionedThroughput/cli-bot's steps differ)"
            ),
            "\(redone.err)")
        let none = await ValidateCommandTests.run(["get", "throughputs", "--sandbox", sandbox])
        #expect(none.out == "No resources.\n", "nothing was created: \(none.out)")
    }

    @Test func aSavedPlanIsKnownByItsContentAndAppliedWhereItWasMade() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let file = sandbox + "-scratch.plan"
        let saved = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", file])
        #expect(saved.err.contains("apply it with: bedrockctl apply \(file)"), "\(saved.err)")
        // No --sandbox: the file says where it was made.
        let applied = await ValidateCommandTests.run(["apply", file, "--auto-approve"])
        #expect(applied.code == 0 && applied.out.contains("Apply: 1 succeeded"), "\(applied.out)\(applied.err)")
        let elsewhere = await ValidateCommandTests.run([
            "apply", file, "--auto-approve", "--sandbox", sandbox + "-other",
        ])
        #expect(elsewhere.code == 1 && elsewhere.err.contains("the saved plan was made against"), "\(elsewhere.err)")
    }
}

/// The digest a plan file's actions hash to, as bedrockctl computes it.
struct PlanProbe: Decodable {
    var digest: String

    init(from decoder: Decoder) throws {
        digest = Plan.digest(of: try Plan(from: decoder).actions)
    }
}

/// Staleness is scoped to what the plan rests on: the stack's own resources and the names it wants.
extension SavedPlanTests {
    @Test func anotherStacksApplyLeavesASavedPlanApplicableAndAChangeToItsOwnNamesWhat() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let first = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"])
        #expect(first.code == 0, "\(first.out)\(first.err)")
        let other = try ValidateCommandTests.folder([
            "stack-b/bot.yaml": PlanApplyCommandTests.manifest.replacingOccurrences(of: "cli-bot", with: "other-bot")
        ])
        let file = sandbox + "-scoped.json"
        let edited = manifests + "/bot.yaml"
        let text = try String(contentsOfFile: edited, encoding: .utf8)
        try text.replacingOccurrences(of: "team: ml", with: "team: search").write(
            toFile: edited, atomically: true, encoding: .utf8)
        let saved = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", file])
        #expect(saved.code == 0, "\(saved.out)\(saved.err)")
        // Another stack's apply in the same account changes the account, not what this plan touches.
        let elsewhere = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, other + "/stack-b", "--auto-approve",
        ])
        #expect(elsewhere.code == 0, "\(elsewhere.out)\(elsewhere.err)")
        let applied = await ValidateCommandTests.run(["apply", file, "--auto-approve"])
        #expect(applied.code == 0, "\(applied.out)\(applied.err)")
        // A change to the stack's own throughput stales the next saved plan, and the refusal names it.
        try text.write(toFile: edited, atomically: true, encoding: .utf8)
        let again = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", file])
        #expect(again.code == 0, "\(again.out)\(again.err)")
        let released = await ValidateCommandTests.run([
            "release", "ProvisionedThroughput/cli-bot", "--stack", "stack-a", "--sandbox", sandbox, "--auto-approve",
        ])
        #expect(released.code == 0, "\(released.err)")
        let stale = await ValidateCommandTests.run(["apply", file, "--auto-approve"])
        #expect(stale.code == 1, "\(stale.out)")
        #expect(
            stale.err.contains("what it rests on in the account changed since it was made (throughput cli-bot (arn:")
                && stale.err.contains(":provisioned-model/") && stale.err.contains(") changed)"),
            "\(stale.err)")
    }
}
