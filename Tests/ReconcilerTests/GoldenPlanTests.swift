import Foundation
import Manifest
import PlanRendering
import Testing

@testable import Reconciler

/// The text, Markdown and JSON plans of one mixed change set, byte for byte, against the files in
/// Golden/. After an intended change of the output, regenerate them with
/// `UPDATE_GOLDEN=1 swift test --filter GoldenPlanTests` and review the diff.
@Suite struct GoldenPlanTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Create; rename in place; replacement with a rename (destroy before create); replacement
    /// create-before-destroy; retag; delete; would-prune; blocked (a commitment); conflict.
    static var mixed: Plan {
        let committed = PlannerTests.live(
            "money", commitment: .oneMonth, expires: PlannerTests.now.addingTimeInterval(86_400 * 12),
            id: "mmmmmmmmmmmm")
        let foreign = PlannerTests.live("taken", owner: "other-team", id: "tttttttttttt")
        let desired = [
            PlannerTests.pt("new", modelName: "new-prod", units: 2, commitment: .sixMonths, tags: ["team": "a"]),
            PlannerTests.pt("renamed", modelName: "renamed-v2"),
            PlannerTests.pt("bigger", modelName: "bigger-v2", units: 4, tags: ["team": "b"]),
            PlannerTests.pt("steady", units: 3, tags: ["team": "c"], replacement: .createBeforeDestroy),
            PlannerTests.pt("retag", tags: ["team": "d"]),
            PlannerTests.pt("money", units: 2, commitment: .oneMonth),
            PlannerTests.pt("taken"),
        ]
        let live = [
            PlannerTests.live("renamed", id: "rrrrrrrrrrrr"), PlannerTests.live("bigger", units: 2, id: "bbbbbbbbbbbb"),
            PlannerTests.live("steady", units: 1, tags: ["team": "c"], id: "ssssssssssss"),
            PlannerTests.live("retag", tags: ["team": "x", "stale": "y"], id: "gggggggggggg"), committed, foreign,
            PlannerTests.live("gone", units: 5, id: "dddddddddddd"),
        ]
        var plan = PlannerTests.plan(desired, live, options: PlanOptions(prune: true, allowReplace: true))
        let kept = PlannerTests.plan([], [PlannerTests.live("kept", units: 1, id: "kkkkkkkkkkkk")])
        plan.actions += kept.actions.filter { $0.type == .wouldPrune }
        plan.target = PlanTarget(
            region: "us-east-1", endpoint: "https://bedrock.us-east-1.amazonaws.com", sandbox: nil,
            account: "111122223333", principal: "arn:aws:sts::111122223333:assumed-role/ci/run-42")
        plan.stackSource = StackSource(.manifest, path: "/repo/stacks/prod/stack.yaml:1")
        plan.manifestPaths = ["/repo/stacks/prod"]
        plan.manifestFiles = [
            ManifestFileDigest(path: "/repo/stacks/prod/throughputs.yaml", bytes: Array("golden".utf8))
        ]
        plan.toolVersion = "0.0.0-golden"
        return plan
    }

    static func check(_ rendered: String, against name: String) throws {
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(rendered.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        guard rendered != expected else { return }
        let got = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
        Issue.record(
            """
            \(name) differs from Golden/\(name) at line \(line + 1):
              expected: \(line < want.count ? String(want[line]) : "(end)")
              rendered: \(line < got.count ? String(got[line]) : "(end)")
            If the change is intended: UPDATE_GOLDEN=1 swift test --filter GoldenPlanTests
            """)
    }

    @Test func theMixedPlanCoversEveryKindOfAction() {
        let types = Set(Self.mixed.actions.map(\.type))
        #expect(types == [.create, .update, .replace, .tag, .delete, .wouldPrune, .conflict])
        #expect(Self.mixed.actions.contains { $0.blocked != nil })
        #expect(
            Self.mixed.actions.contains {
                $0.steps.contains(Step(ThroughputStep.waitForThroughput(name: "steady-bctl-next")))
            })
    }

    @Test func text() throws { try Self.check(TextRenderer(color: false).render(Self.mixed), against: "mixed.txt") }
    @Test func markdown() throws { try Self.check(MarkdownRenderer().render(Self.mixed), against: "mixed.md") }
    @Test func json() throws { try Self.check(JSONRenderer.render(Self.mixed), against: "mixed.json") }

    @Test func deploymentsAndProfiles() throws {
        let plan = DeploymentAndProfileTests.namedPlan
        try Self.check(TextRenderer(color: false).render(plan), against: "named.txt")
        try Self.check(MarkdownRenderer().render(plan), against: "named.md")
        try Self.check(JSONRenderer.render(plan), against: "named.json")
    }

    @Test func partial() throws {
        let partial = Self.mixed.restricted(to: ["ProvisionedThroughput/new", "ProvisionedThroughput/steady"])
        try Self.check(TextRenderer(color: false).render(partial), against: "partial.txt")
        try Self.check(MarkdownRenderer().render(partial), against: "partial.md")
        try Self.check(JSONRenderer.render(partial), against: "partial.json")
    }
}
