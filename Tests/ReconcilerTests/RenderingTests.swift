import Foundation
import PlanRendering
import Testing
@testable import Reconciler

@Suite struct RenderingTests {
    static func mixedPlan(creates: Int = 1) -> Plan {
        let committed = PlannerTests.live("money", commitment: "OneMonth", expires: PlannerTests.now.addingTimeInterval(86400))
        return PlannerTests.plan((0..<creates).map { PlannerTests.pt("new-\($0)") } + [PlannerTests.pt("money", units: 2, commitment: .oneMonth),
                                  PlannerTests.pt("renamed", modelName: "renamed-v2")],
                                 [committed, PlannerTests.live("renamed", id: "rrrrrrrrrrrr"), PlannerTests.live("gone")], options: PlanOptions(prune: true, allowReplace: true))
    }

    @Test func textShowsSymbolsDiffsAndASummary() {
        let text = TextRenderer(color: false).render(Self.mixedPlan())
        #expect(text.contains("+   ProvisionedThroughput/new-0 will be created"))
        #expect(text.contains("!   ProvisionedThroughput/money must be replaced"))
        #expect(text.contains("blocked: money is committed (OneMonth) until"))
        #expect(text.contains("~ modelUnits: \"1\" -> \"2\" # forces replacement"))
        #expect(text.contains("~   ProvisionedThroughput/renamed will be updated in place"))
        #expect(text.contains("-   ProvisionedThroughput/gone will be deleted"))
        #expect(text.contains("+ provisionedModelArn = (known after apply)"))
        #expect(text.hasSuffix("Plan: 1 to create, 1 to update in place, 1 to replace, 0 to retag, 1 to delete. 1 blocked: apply will refuse.\n"))
        #expect(!text.contains("\u{1B}["))
        #expect(TextRenderer(color: true).render(Self.mixedPlan()).contains("\u{1B}[32m"))
    }

    @Test func jsonRoundTrips() throws {
        let plan = Self.mixedPlan()
        let decoded = try JSONRenderer.decode(JSONRenderer.encode(plan))
        #expect(decoded == plan)
        #expect(JSONRenderer.render(plan).contains("\"formatVersion\" : 1"))
    }

    @Test func markdownPutsBlockedAndDestructiveFirst() {
        let markdown = MarkdownRenderer().render(Self.mixedPlan())
        #expect(markdown.hasPrefix("### bedrockctl plan: stack `prod` in `us-east-1`\n\n**Plan: 1 to create"))
        #expect(markdown.contains("> [!CAUTION]\n> 1 action is blocked; apply will refuse this plan:\n> - `ProvisionedThroughput/money`: money is committed"))
        #expect(markdown.contains("> [!WARNING]\n> Destructive: `ProvisionedThroughput/gone` (delete)"))
        let money = markdown.range(of: "<code>ProvisionedThroughput/money</code>")!.lowerBound
        let gone = markdown.range(of: "<code>ProvisionedThroughput/gone</code>")!.lowerBound
        let new = markdown.range(of: "<code>ProvisionedThroughput/new-0</code>")!.lowerBound
        #expect(money < gone && gone < new)
    }

    @Test func markdownStaysUnderGitHubsLimit() {
        let huge = Self.mixedPlan(creates: 1500)
        let markdown = MarkdownRenderer().render(huge)
        #expect(markdown.count < MarkdownRenderer.githubLimit)
        #expect(markdown.contains("more actions left out to stay under GitHub's comment limit"))
        #expect(markdown.contains("<code>ProvisionedThroughput/money</code>"), "blocked actions are never the ones cut")
        #expect(markdown.hasSuffix("for the whole plan._\n"))
    }

    @Test func noChanges() {
        let plan = PlannerTests.plan([PlannerTests.pt("a")], [PlannerTests.live("a")])
        #expect(TextRenderer(color: false).render(plan) == "Stack prod in us-east-1\n\nNo changes. The account matches the manifests.\n")
        #expect(MarkdownRenderer().render(plan).hasSuffix("**No changes.** The account matches the manifests.\n"))
    }
}
