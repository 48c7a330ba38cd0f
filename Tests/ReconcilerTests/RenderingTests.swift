import Foundation
import Manifest
import PlanRendering
import Testing

@testable import Reconciler

@Suite struct RenderingTests {
    static func mixedPlan(creates: Int = 1) -> Plan {
        let committed = PlannerTests.live(
            "money", commitment: .oneMonth, expires: PlannerTests.now.addingTimeInterval(86400))
        return PlannerTests.plan(
            (0..<creates).map { PlannerTests.pt("new-\($0)") } + [
                PlannerTests.pt("money", units: 2, commitment: .oneMonth),
                PlannerTests.pt("renamed", modelName: "renamed-v2"),
            ],
            [committed, PlannerTests.live("renamed", id: "rrrrrrrrrrrr"), PlannerTests.live("gone")],
            options: PlanOptions(prune: true, allowReplace: true))
    }

    @Test func textShowsSymbolsDiffsAndASummary() {
        let text = TextRenderer(color: false).render(Self.mixedPlan())
        #expect(text.contains("+   ProvisionedThroughput/new-0 will be created"))
        #expect(text.contains("!   ProvisionedThroughput/money must be replaced"))
        #expect(text.contains("blocked: money is committed (OneMonth) until"))
        #expect(text.contains("~ modelUnits: 1 -> 2 # forces replacement"), "numbers are numbers")
        #expect(text.contains("~   ProvisionedThroughput/renamed will be updated in place"))
        #expect(text.contains("-   ProvisionedThroughput/gone will be deleted"))
        #expect(text.contains("+ provisionedModelArn = (known after apply)"))
        #expect(
            text.hasSuffix(
                "Plan: 1 to create, 1 to update in place, 1 to replace, 0 to retag, 1 to delete. 1 blocked: "
                    + "apply will refuse.\n"
            ))
        #expect(!text.contains("\u{1B}["))
        #expect(TextRenderer(color: true).render(Self.mixedPlan()).contains("\u{1B}[32m"))
    }

    @Test func numbersAreNumbersInJSON() throws {
        let json = try JSONSerialization.jsonObject(with: JSONRenderer.encode(Self.mixedPlan())) as? [String: Any]
        let actions = try #require(json?["actions"] as? [[String: Any]])
        let units = actions.flatMap { ($0["changes"] as? [[String: Any]]) ?? [] }.filter {
            $0["field"] as? String == "modelUnits"
        }
        #expect(!units.isEmpty)
        for change in units {
            for key in ["before", "after"] where change[key] != nil {
                #expect(change[key] is NSNumber && !(change[key] is String))
            }
        }
    }

    @Test func jsonRoundTrips() throws {
        let plan = Self.mixedPlan()
        let decoded = try JSONRenderer.decode(JSONRenderer.encode(plan))
        #expect(decoded == plan)
        #expect(JSONRenderer.render(plan).contains("\"formatVersion\" : 1"))
    }

    @Test func markdownPutsBlockedAndDestructiveFirst() {
        let markdown = MarkdownRenderer().render(Self.mixedPlan())
        #expect(
            markdown.hasPrefix(
                "### bedrockctl plan: stack `prod` in `us-east-1`\n\nStack: `prod`<br>\nTarget: `region us-east-1`\n\n"
                    + "**Plan: 1 to create"), "\(markdown.prefix(300))")
        #expect(
            markdown.contains(
                "> [!CAUTION]\n> 1 action is blocked; apply will refuse this plan:\n> - "
                    + "`ProvisionedThroughput/money`: money is committed"
            ))
        #expect(markdown.contains("> [!WARNING]\n> Destructive: `ProvisionedThroughput/gone` (delete)"))
        let money = markdown.range(of: "<code>ProvisionedThroughput/money</code>")!.lowerBound
        let gone = markdown.range(of: "<code>ProvisionedThroughput/gone</code>")!.lowerBound
        let new = markdown.range(of: "<code>ProvisionedThroughput/new-0</code>")!.lowerBound
        #expect(money < gone && gone < new)
    }

    @Test func markdownHasACountsTableOneSymbolPerActionAndCollapsesLongDiffs() {
        let markdown = MarkdownRenderer().render(Self.mixedPlan())
        #expect(
            markdown.contains(
                "| ➕ create | 🔄 update | ♻️ replace | 🗑️ delete | 🛑 blocked |\n"
                    + "| ---: | ---: | ---: | ---: | ---: |\n| 1 | 1 | 1 | 1 | 1 |"
            ),
            "\(markdown.prefix(600))")
        for doubled in ["➕ +", "🔄 ~", "♻️ -/+", "🗑️ -", "🛑 !"] { #expect(!markdown.contains(doubled)) }
        #expect(markdown.contains("<details open><summary>➕ <code>ProvisionedThroughput/new-0</code>"))
        let many = PlannerTests.plan([
            PlannerTests.pt("tagged", tags: Dictionary(uniqueKeysWithValues: (0..<20).map { ("k\($0)", "v") }))
        ])
        #expect(
            MarkdownRenderer().render(many).contains("<details><summary>➕ <code>ProvisionedThroughput/tagged</code>"),
            "a diff of more than 12 lines starts collapsed")
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
        #expect(
            TextRenderer(color: false).render(plan)
                == "Stack prod\nTarget: region us-east-1\n\nNo changes. The account matches the manifests.\n")
        #expect(MarkdownRenderer().render(plan).hasSuffix("**No changes.** The account matches the manifests.\n"))
    }
}

/// The rule for generated plans: every value a step carries (what the executor will send) is in
/// the rendered changes, in every format; nothing apply does is hidden from the reviewer.
@Suite struct NothingHiddenTests {
    /// A plan with a create, a rename in place, a replacement that renames and retags, a prune of a
    /// committed throughput, a tag change, an import job with VPC, KMS key and tags, and a prune
    /// of an imported model.
    static var plan: Plan {
        let job = ModelImportJobSpec(
            name: "llama", importedModelName: "llama-ft", roleArn: "arn:aws:iam::000000000000:role/r",
            s3Uri: "s3://b/m/", importedModelKmsKeyId: "alias/models",
            vpcConfig: .init(subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-9"]),
            jobTags: ["cost": "ml-7"], importedModelTags: ["env": "prod"], source: PlannerTests.source)
        let old = ImportPlannerTests.liveModel("old-ft", owner: "old")
        return PlannerTests.plan(
            [
                PlannerTests.pt("new", modelName: "new-prod", units: 3, commitment: .sixMonths, tags: ["team": "a"]),
                PlannerTests.pt("renamed", modelName: "renamed-v2"),
                PlannerTests.pt("bigger", modelName: "bigger-v2", units: 4, tags: ["team": "b"]),
                PlannerTests.pt("retag", tags: ["team": "c"]),
                .modelImportJob(job),
            ],
            [
                PlannerTests.live("renamed", id: "rrrrrrrrrrrr"),
                PlannerTests.live("bigger", units: 2, id: "bbbbbbbbbbbb"),
                PlannerTests.live("retag", tags: ["team": "x", "stale": "y"]),
                PlannerTests.live(
                    "gone", model: PlannerTests.fmArn, units: 5, commitment: .oneMonth,
                    expires: PlannerTests.now.addingTimeInterval(-60)),
            ],
            models: [old], options: PlanOptions(prune: true, allowReplace: true))
    }

    /// What a step sends, but its idempotency token (shown in JSON) and the ARNs it targets
    /// (shown as the action's live ARN).
    static func values(_ step: Step) -> [String] {
        func pairs(_ tags: [String: String]) -> [String] { tags.flatMap { [$0.key, $0.value] } }
        switch step.call {
        case let call as ThroughputStep:
            switch call {
            case .createThroughput(let name, let modelId, let units, let commitment, let tags, _):
                return [name, modelId, String(units)] + (commitment.map { [$0.rawValue] } ?? []) + pairs(tags)
            case .updateThroughput(_, let name, let model): return [name, model].compactMap { $0 }
            case .deleteThroughput: return []
            case .waitForThroughput(let name): return [name]
            }
        case let call as TagStep:
            switch call {
            case .tag(_, let tags): return pairs(tags)
            case .untag(_, let keys): return keys
            }
        case let call as ImportStep:
            switch call {
            case .createImportJob(
                let jobName, let model, let role, let uri, let kms, let subnets, let groups, let jobTags, let modelTags,
                _
            ):
                return [jobName, model, role, uri] + (kms.map { [$0] } ?? []) + (subnets ?? []) + (groups ?? [])
                    + pairs(jobTags) + pairs(modelTags)
            case .waitForImportJob(let jobName): return [jobName]
            case .deleteImportedModel: return []
            }
        case let call as DeploymentStep:
            switch call {
            case .createDeployment(let name, let model, let description, let tags, _):
                return [name, model] + (description.map { [$0] } ?? []) + pairs(tags)
            case .updateDeployment(_, let model): return [model]
            case .waitForDeployment(let name): return [name]
            case .deleteDeployment: return []
            }
        case let call as InferenceProfileStep:
            switch call {
            case .createInferenceProfile(let name, let source, let description, let tags, _):
                return [name, source] + (description.map { [$0] } ?? []) + pairs(tags)
            case .deleteInferenceProfile: return []
            }
        default:
            Issue.record("the test does not know the values of \(step)")
            return []
        }
    }

    @Test func everyValueAStepCarriesIsRendered() {
        let plan = Self.plan
        #expect(plan.actions.count { !$0.steps.isEmpty } >= 7)
        for action in plan.actions where !action.steps.isEmpty {
            var alone = plan
            alone.actions = [action]
            let renders = [
                ("text", TextRenderer(color: false).render(alone)), ("markdown", MarkdownRenderer().render(alone)),
                ("json", JSONRenderer.render(alone)),
            ]
            for value in action.steps.flatMap(Self.values) {
                for (format, text) in renders {
                    #expect(text.contains(value), "\(action.id): \(value) is not in the \(format) plan")
                }
            }
        }
    }

    @Test func aReplacementShowsItsRenameItsTagsAndTheGap() throws {
        let action = try #require(PlannerTests.action(Self.plan, "ProvisionedThroughput/bigger"))
        #expect(action.type == .replace)
        #expect(
            action.changes.contains(FieldChange(field: "provisionedModelName", before: "bigger", after: "bigger-v2")))
        #expect(action.changes.contains(FieldChange(field: "tags.team", before: nil, after: "b")))
        #expect(action.changes.contains(.number("modelUnits", before: 2, after: 4, forcesReplacement: true)))
        #expect(
            action.changes.contains(FieldChange(field: "modelId", before: PlannerTests.fm, after: PlannerTests.fm)),
            "an unchanged value the create sends is listed too")
        #expect(action.reason.contains("no capacity in between"))
    }

    @Test func aDeleteShowsWhatIsDeleted() throws {
        let action = try #require(PlannerTests.action(Self.plan, "ProvisionedThroughput/gone"))
        #expect(action.type == .delete)
        #expect(
            action.changes.map(\.field) == [
                "provisionedModelName", "modelArn", "modelUnits", "commitmentDuration", "provisionedModelArn",
            ])
        #expect(
            action.changes.first { $0.field == "commitmentDuration" }?.before?.hasPrefix("OneMonth until 2026-") == true
        )
    }
}
