import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import Testing
import YAML

@testable import Reconciler

/// The planner's rules, a row each: desired state, live state, and the plan it must give.
@Suite struct PlannerTests {
    static let now = Date(timeIntervalSince1970: 1_795_568_523)
    static let source = Mark(file: "m.yaml", line: 1, column: 1)
    static let fm = "amazon.titan-text-express-v1:0:8k"
    static let fmArn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k"
    static let custom =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts"
    static let custom2 =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/p8w2n5v7c3xa"

    static func pt(
        _ name: String, modelName: String? = nil, model: String = fm, units: Int = 1,
        commitment: CommitmentDuration? = nil,
        tags: [String: String] = [:], replacement: ReplacementStrategy = .destroyBeforeCreate
    ) -> ManifestResource {
        .provisionedThroughput(
            ProvisionedThroughputSpec(
                name: name, provisionedModelName: modelName, modelId: model, modelUnits: units,
                commitmentDuration: commitment, tags: tags, replacement: replacement, source: source))
    }

    static func live(
        _ name: String, owner: String? = "prod", as ownedName: String? = nil, model: String = fmArn, units: Int = 1,
        status: Bedrock.ProvisionedModelStatus = .inService,
        commitment: CommitmentDuration? = nil, expires: Date? = nil, tags: [String: String] = [:], id: String? = nil
    ) -> LiveState.Throughput {
        var all = tags
        if let owner {
            all[OwnershipTags.stackKey] = owner
            all[OwnershipTags.nameKey] = ownedName ?? name
        }
        let resource = id ?? String(repeating: "a", count: 12 - min(12, name.count)) + name.prefix(12)
        return LiveState.Throughput(
            arn: "arn:aws:bedrock:us-east-1:000000000000:provisioned-model/\(resource)",
            name: name, modelArn: model, desiredModelArn: model, foundationModelArn: fmArn, modelUnits: units,
            status: status,
            commitmentDuration: commitment, commitmentExpirationTime: expires,
            creationTime: now.addingTimeInterval(-86400), tags: all)
    }

    static func plan(
        _ desired: [ManifestResource], _ throughputs: [LiveState.Throughput] = [], jobs: [LiveState.ImportJob] = [],
        models: [LiveState.ImportedModel] = [], options: PlanOptions = PlanOptions()
    ) -> Plan {
        Planner(stack: "prod", options: options, now: now).plan(
            desired,
            live: LiveState(region: "us-east-1", throughputs: throughputs, importJobs: jobs, importedModels: models))
    }

    static func action(_ plan: Plan, _ id: String) -> PlanAction? { plan.actions.first { $0.id == id } }

    @Test func createsWhatIsMissingWithADeterministicToken() throws {
        let plan = Self.plan([Self.pt("bot", modelName: "bot-prod", tags: ["team": "ml"])])
        let action = try #require(Self.action(plan, "ProvisionedThroughput/bot"))
        #expect(action.type == .create)
        guard
            case .createThroughput(let name, let model, let units, nil, let tags, let token)? = action.steps.first?.as(
                ThroughputStep.self)
        else {
            Issue.record("no create step")
            return
        }
        #expect(name == "bot-prod" && model == Self.fm && units == 1)
        #expect(tags == ["team": "ml", "bedrockctl:stack": "prod", "bedrockctl:name": "bot"])
        #expect(token.hasPrefix("bctl-") && token.count == 53)
        #expect(
            token
                == Self.plan([Self.pt("bot", modelName: "bot-prod", tags: ["team": "ml"])]).actions[0].steps.first.map {
                    if case .createThroughput(_, _, _, _, _, let t)? = $0.as(ThroughputStep.self) { t } else { "" }
                })
        #expect(
            action.changes.last
                == FieldChange(field: "provisionedModelArn", before: nil, after: nil, knownAfterApply: true))
        #expect(plan.hasChanges)
    }

    @Test func matchingLiveStateIsNoChange() {
        let plan = Self.plan([Self.pt("bot", tags: ["team": "ml"])], [Self.live("bot", tags: ["team": "ml"])])
        #expect(plan.actions.map(\.type) == [.noop])
        #expect(!plan.hasChanges)
    }

    @Test func aNewProvisionedModelNameIsARenameInPlace() throws {
        let live = Self.live("bot-old", as: "bot")
        let plan = Self.plan([Self.pt("bot", modelName: "bot-new")], [live])
        let action = try #require(Self.action(plan, "ProvisionedThroughput/bot"))
        #expect(action.type == .update)
        #expect(
            action.steps.first
                == Step(ThroughputStep.updateThroughput(target: live.arn, newName: "bot-new", newModelId: nil)))
        #expect(action.changes == [FieldChange(field: "provisionedModelName", before: "bot-old", after: "bot-new")])
    }

    @Test func modelChangesTheServiceAllowsAreInPlaceOthersReplace() throws {
        let onCustom = Self.live("c", model: Self.custom)
        let toSameBase = Self.plan([Self.pt("c", model: Self.custom2)], [onCustom])
        #expect(toSameBase.actions[0].type == .update)
        #expect(
            toSameBase.actions[0].steps.first
                == Step(ThroughputStep.updateThroughput(target: onCustom.arn, newName: nil, newModelId: Self.custom2)))
        let toBase = Self.plan([Self.pt("c", model: Self.fm)], [onCustom])
        #expect(toBase.actions[0].type == .update)
        let fromFoundation = Self.plan([Self.pt("f", model: Self.custom)], [Self.live("f")])
        #expect(fromFoundation.actions[0].type == .replace)
        #expect(fromFoundation.actions[0].blocked == "to replace f, run with --allow-replace")
    }

    @Test func unitsOrCommitmentChangesReplaceAndNeedAllowReplace() throws {
        let live = Self.live("r")
        let blocked = Self.plan([Self.pt("r", units: 2)], [live])
        let action = try #require(blocked.actions.first)
        #expect(action.type == .replace && action.blocked != nil)
        #expect(action.changes.first == .number("modelUnits", before: 1, after: 2, forcesReplacement: true))
        #expect(action.steps.first == Step(ThroughputStep.deleteThroughput(target: live.arn)))
        let allowed = Self.plan([Self.pt("r", units: 2)], [live], options: PlanOptions(allowReplace: true))
        #expect(allowed.actions[0].blocked == nil)
        guard
            case .createThroughput(_, _, _, _, _, let replacementToken)? = allowed.actions[0].steps[1].as(
                ThroughputStep.self),
            case .createThroughput(_, _, _, _, _, let originalToken)? = Self.plan([Self.pt("r", units: 2)]).actions[0]
                .steps[0].as(ThroughputStep.self)
        else {
            Issue.record("steps")
            return
        }
        #expect(replacementToken != originalToken, "a replacement's create must not replay the original create")
    }

    @Test func commitmentsBlockDestructionEvenWhenAllowed() throws {
        let committed = Self.live("money", commitment: .sixMonths, expires: Self.now.addingTimeInterval(86400 * 30))
        let replace = Self.plan(
            [Self.pt("money", units: 3, commitment: .sixMonths)], [committed],
            options: PlanOptions(prune: true, allowReplace: true))
        #expect(replace.actions[0].blocked?.contains("is committed (SixMonths) until") == true)
        let delete = Self.plan([], [committed], options: PlanOptions(prune: true))
        #expect(
            delete.actions[0].type == .delete
                && delete.actions[0].blocked?.contains("cannot be deleted before then") == true)
        let expired = Self.live("money", commitment: .sixMonths, expires: Self.now.addingTimeInterval(-1))
        #expect(Self.plan([], [expired], options: PlanOptions(prune: true)).actions[0].blocked == nil)
    }

    @Test func tagDriftIsRetagged() throws {
        let live = Self.live("t", tags: ["team": "old", "stray": "x"])
        let plan = Self.plan([Self.pt("t", tags: ["team": "new", "env": "prod"])], [live])
        let action = try #require(plan.actions.first)
        #expect(action.type == .tag)
        #expect(
            action.steps == [
                Step(TagStep.tag(arn: live.arn, tags: ["team": "new", "env": "prod"])),
                Step(TagStep.untag(arn: live.arn, keys: ["stray"])),
            ])
    }

    @Test func failedIsReplacedAndSettlingIsWaitedFor() {
        let failed = Self.plan([Self.pt("f")], [Self.live("f", status: .failed)])
        #expect(failed.actions[0].type == .replace && failed.actions[0].blocked == nil)
        let creating = Self.plan([Self.pt("c", units: 5)], [Self.live("c", status: .creating)])
        #expect(
            creating.actions[0].type == .wait
                && creating.actions[0].steps == [Step(ThroughputStep.waitForThroughput(name: "c"))])
        #expect(!creating.hasChanges)
    }

    @Test func unownedNamesConflictUnlessAdopted() throws {
        let squatter = Self.live("bot", owner: nil, tags: ["team": "ml"])
        let plan = Self.plan([Self.pt("bot", tags: ["team": "ml"])], [squatter])
        #expect(plan.actions[0].type == .conflict)
        #expect(plan.actions[0].reason.contains("adopt it with --adopt"))
        let adopted = Self.plan([Self.pt("bot", tags: ["team": "ml"])], [squatter], options: PlanOptions(adopt: true))
        #expect(adopted.actions[0].type == .tag)
        #expect(
            adopted.actions[0].steps == [
                Step(TagStep.tag(arn: squatter.arn, tags: ["bedrockctl:stack": "prod", "bedrockctl:name": "bot"]))
            ])
        let otherStack = Self.plan(
            [Self.pt("bot")], [Self.live("bot", owner: "staging")], options: PlanOptions(adopt: true))
        #expect(
            otherStack.actions[0].type == .conflict && otherStack.actions[0].reason.contains("managed by stack staging")
        )
    }

    @Test func ownedButGoneIsPrunedOnlyWithPrune() {
        let gone = Self.live("gone")
        #expect(Self.plan([], [gone]).actions.map(\.type) == [.wouldPrune])
        #expect(!Self.plan([], [gone]).hasChanges)
        let pruned = Self.plan([Self.pt("new")], [gone], options: PlanOptions(prune: true))
        #expect(pruned.actions.map(\.id) == ["ProvisionedThroughput/gone", "ProvisionedThroughput/new"])
        #expect(
            Self.action(pruned, "ProvisionedThroughput/new")?.dependsOn == ["ProvisionedThroughput/gone"],
            "deletes free quota before creates")
        #expect(Self.plan([], [Self.live("someone-else", owner: nil)]).actions.isEmpty)
    }

    @Test func aNameSwapGoesThroughATemporaryName() throws {
        let a = Self.live("x", as: "a", id: "aaaaaaaaaaaa")
        let b = Self.live("y", as: "b", id: "bbbbbbbbbbbb")
        let plan = Self.plan([Self.pt("a", modelName: "y"), Self.pt("b", modelName: "x")], [a, b])
        #expect(
            plan.actions.map(\.id) == [
                "ProvisionedThroughput/a#temporary-name", "ProvisionedThroughput/b", "ProvisionedThroughput/a",
            ])
        guard
            case .updateThroughput(let target, let temporary?, nil)? = plan.actions[0].steps[0].as(ThroughputStep.self)
        else {
            Issue.record("no temporary rename")
            return
        }
        #expect(target == a.arn && temporary.hasPrefix("bctl-tmp-"))
        #expect(plan.actions[1].dependsOn == ["ProvisionedThroughput/a#temporary-name"])
        #expect(plan.actions[2].dependsOn == ["ProvisionedThroughput/b", "ProvisionedThroughput/a#temporary-name"])
        #expect(!plan.isBlocked)
    }

    @Test func aNameFreedByARenameIsTakenAfterIt() {
        let old = Self.live("shared", as: "old")
        let plan = Self.plan([Self.pt("old", modelName: "old-renamed"), Self.pt("new", modelName: "shared")], [old])
        #expect(plan.actions.map(\.id) == ["ProvisionedThroughput/old", "ProvisionedThroughput/new"])
        #expect(Self.action(plan, "ProvisionedThroughput/new")?.dependsOn == ["ProvisionedThroughput/old"])
        let kept = Self.plan([Self.pt("new", modelName: "shared")], [Self.live("shared", as: "old")])
        #expect(
            Self.action(kept, "ProvisionedThroughput/new")?.blocked?.contains("which keeps it (would-prune)") == true)
    }

    @Test func theSamePlanComesFromTheSameInputs() {
        let desired = [Self.pt("a"), Self.pt("b", units: 2)]
        let live = [Self.live("b"), Self.live("c")]
        #expect(Self.plan(desired, live) == Self.plan(desired, live))
        #expect(Self.plan(desired, live).liveStateDigest != Self.plan(desired, [Self.live("b")]).liveStateDigest)
    }
}

extension PlannerTests {
    /// A model change compares like with like: the live foundation model as an id when the
    /// manifest names one by id, the ARN when it names an ARN.
    @Test func aModelChangeShowsTheLiveModelAsTheManifestNamesModels() throws {
        let live = Self.live("m", model: "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0:8k")
        let byId = Self.plan([Self.pt("m", model: "amazon.titan-embed-text-v1:2:8k")], [live])
        let change = try #require(byId.actions[0].changes.first { $0.field == "modelId" })
        #expect(change.before == "amazon.titan-embed-text-v2:0:8k" && change.after == "amazon.titan-embed-text-v1:2:8k")
        let arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v1:2:8k"
        let byArn = Self.plan([Self.pt("m", model: arn)], [live])
        #expect(byArn.actions[0].changes.first { $0.field == "modelId" }?.before == live.modelArn)
    }
}
