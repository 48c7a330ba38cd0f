import BedrockConstraints
import Foundation
import Manifest
import Testing

@testable import Reconciler

/// `spec.replacement`: create-before-destroy keeps capacity up; destroy-before-create says so.
@Suite struct ReplacementPlannerTests {
    static let cbd = ReplacementStrategy.createBeforeDestroy

    @Test func createBeforeDestroyCreatesUnderATemporaryNameWaitsDeletesThenRenames() throws {
        let old = PlannerTests.live("bot", units: 1, id: "oooooooooooo")
        let plan = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 2, replacement: Self.cbd)], [old],
            options: PlanOptions(allowReplace: true))
        let action = try #require(PlannerTests.action(plan, "ProvisionedThroughput/bot"))
        #expect(action.type == .replace && action.blocked == nil)
        #expect(action.liveArn == old.arn)
        guard action.steps.count == 5,
            case .createThroughput("bot-bctl-next", PlannerTests.fm, 2, nil, let tags, let token)? = action.steps[0].as(
                ThroughputStep.self)
        else {
            Issue.record("\(action.steps)")
            return
        }
        #expect(tags["bedrockctl:name"] == "bot" && token.hasPrefix("bctl-"))
        #expect(
            Array(action.steps.dropFirst()) == [
                Step(ThroughputStep.waitForThroughput(name: "bot-bctl-next")),
                Step(ThroughputStep.deleteThroughput(target: old.arn)),
                Step(ThroughputStep.updateThroughput(target: "bot-bctl-next", newName: "bot", newModelId: nil)),
                Step(ThroughputStep.waitForThroughput(name: "bot")),
            ])
        #expect(action.reason.contains("bot-bctl-next is created and must be InService before bot is deleted"))
        #expect(action.reason.contains("both are billed in between (1 + 2 model units"))
        #expect(action.reason.contains("the ARN changes"))
        #expect(
            action.changes.contains(
                FieldChange(field: "temporaryProvisionedModelName", before: nil, after: "bot-bctl-next")))
        #expect(action.changes.contains(FieldChange.number("modelUnits", before: 1, after: 2, forcesReplacement: true)))
    }

    @Test func destroyBeforeCreateStaysTheDefaultAndStatesTheGap() throws {
        let plan = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 2)], [PlannerTests.live("bot")], options: PlanOptions(allowReplace: true))
        let action = try #require(PlannerTests.action(plan, "ProvisionedThroughput/bot"))
        #expect(action.steps.first == Step(ThroughputStep.deleteThroughput(target: PlannerTests.live("bot").arn)))
        #expect(action.reason.contains("no capacity in between"))
        #expect(action.reason.contains("spec.replacement: CreateBeforeDestroy keeps capacity up"))
    }

    @Test func theSameGatesApply() throws {
        let committed = PlannerTests.live(
            "bot", commitment: .oneMonth, expires: PlannerTests.now.addingTimeInterval(86_400 * 3))
        let blocked = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 2, replacement: Self.cbd)], [committed],
            options: PlanOptions(allowReplace: true))
        #expect(blocked.actions[0].blocked?.contains("committed") == true)
        let unflagged = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 2, replacement: Self.cbd)], [PlannerTests.live("bot")])
        #expect(unflagged.actions[0].blocked == "to replace bot, run with --allow-replace")
    }

    @Test func bothAliveResumesWaitDeleteRename() throws {
        let old = PlannerTests.live("bot", id: "oooooooooooo")
        let next = PlannerTests.live("bot-bctl-next", as: "bot", units: 2, status: .creating, id: "nnnnnnnnnnnn")
        let plan = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 2, replacement: Self.cbd)], [old, next],
            options: PlanOptions(allowReplace: true))
        #expect(plan.actions.count == 1, "the new throughput is not a second claimant: \(plan.actions.map(\.reason))")
        let action = plan.actions[0]
        #expect(action.type == .replace && action.blocked == nil && action.liveArn == next.arn)
        #expect(
            action.steps == [
                Step(ThroughputStep.waitForThroughput(name: "bot-bctl-next")),
                Step(ThroughputStep.deleteThroughput(target: old.arn)),
                Step(ThroughputStep.updateThroughput(target: next.arn, newName: "bot", newModelId: nil)),
                Step(ThroughputStep.waitForThroughput(name: "bot")),
            ])
        #expect(action.reason.hasPrefix("finish an unfinished create-before-destroy"))
    }

    @Test func aStaleNewThroughputIsDeletedAndTheReplacementStartsAgain() throws {
        let old = PlannerTests.live("bot", id: "oooooooooooo")
        let next = PlannerTests.live("bot-bctl-next", as: "bot", units: 2, id: "nnnnnnnnnnnn")
        let plan = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 3, replacement: Self.cbd)], [old, next],
            options: PlanOptions(allowReplace: true))
        let action = plan.actions[0]
        #expect(action.steps.first == Step(ThroughputStep.deleteThroughput(target: next.arn)))
        #expect(
            action.steps.dropFirst().first.map {
                if case .createThroughput("bot-bctl-next", _, 3, _, _, _)? = $0.as(ThroughputStep.self) {
                    true
                } else {
                    false
                }
            } == true)
        #expect(action.changes.first == FieldChange(field: "unfinishedReplacementArn", before: next.arn, after: nil))
        let creating = PlannerTests.live("bot-bctl-next", as: "bot", units: 2, status: .creating, id: "nnnnnnnnnnnn")
        let waiting = PlannerTests.plan(
            [PlannerTests.pt("bot", units: 3, replacement: Self.cbd)], [old, creating],
            options: PlanOptions(allowReplace: true))
        #expect(waiting.actions.map(\.type) == [.wait])
    }

    @Test func onlyTheNewOneLeftIsRenamedAfterItsWait() throws {
        let next = PlannerTests.live("bot-bctl-next", as: "bot", units: 2, status: .creating, id: "nnnnnnnnnnnn")
        let plan = PlannerTests.plan([PlannerTests.pt("bot", units: 2, replacement: Self.cbd)], [next])
        let action = plan.actions[0]
        #expect(action.type == .update && action.blocked == nil)
        #expect(
            action.steps == [
                Step(ThroughputStep.waitForThroughput(name: "bot-bctl-next")),
                Step(ThroughputStep.updateThroughput(target: next.arn, newName: "bot", newModelId: nil)),
                Step(ThroughputStep.waitForThroughput(name: "bot")),
            ])
        #expect(action.reason == "finish the create-before-destroy: rename bot-bctl-next to bot in place")
    }

    @Test func temporaryNamesFitTheServicesPattern() {
        #expect(Planner.temporaryName("bot") == "bot-bctl-next")
        let long = String(repeating: "a", count: 52) + "-b" + String(repeating: "c", count: 9)
        let temporary = Planner.temporaryName(long)
        #expect(temporary.count <= 63 && !temporary.contains("--"), "\(temporary)")
        #expect(StringConstraint.provisionedModelName.check(temporary) == nil)
        #expect(
            StringConstraint.provisionedModelName.check(Planner.temporaryName(String(repeating: "x", count: 63))) == nil
        )
    }
}
