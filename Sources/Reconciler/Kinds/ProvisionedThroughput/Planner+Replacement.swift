import Foundation
import Manifest

/// Replacing a Provisioned Throughput: what the new one gets, and create-before-destroy, which
/// keeps capacity up by creating the new throughput under a temporary name first.
extension Planner {
    /// Everything the new throughput gets that differs from the old one, not only what forced the
    /// replacement: a rename or a tag change inside a replacement is shown too. Unchanged values
    /// are listed as well (before equals after): the create sends all of them.
    func replacementChanges(
        _ pt: ProvisionedThroughputSpec, live: LiveState.Throughput, desiredTags: [String: String],
        forced: [FieldChange]
    ) -> [FieldChange] {
        var shown = forced
        let fields = Set(forced.map(\.field))
        if !fields.contains("modelId") {
            // The same model, named by id in the manifest and by ARN in the account, is no change.
            let same = Self.modelMatches(pt.modelId, liveArn: live.modelArn) == true
            shown.append(FieldChange(field: "modelId", before: same ? pt.modelId : live.modelArn, after: pt.modelId))
        }
        shown.append(FieldChange(field: "provisionedModelName", before: live.name, after: pt.provisionedModelName))
        if !fields.contains("modelUnits") {
            shown.append(FieldChange.number("modelUnits", before: live.modelUnits, after: pt.modelUnits))
        }
        let commitment = pt.commitmentDuration
        if !fields.contains("commitmentDuration"), live.commitmentDuration != nil || commitment != nil {
            shown.append(
                FieldChange(
                    field: "commitmentDuration", before: live.commitmentDuration?.rawValue, after: commitment?.rawValue)
            )
        }
        let keys = Set(live.tags.keys).union(desiredTags.keys).sorted()
        shown += keys.map { FieldChange(field: "tags.\($0)", before: live.tags[$0], after: desiredTags[$0]) }
        return shown + [FieldChange(field: "provisionedModelArn", before: live.arn, after: nil, knownAfterApply: true)]
    }

    /// Create the new throughput under the temporary name, wait until it is InService, delete
    /// the old one, rename the new one to its final name (in place), and wait for it.
    func createBeforeDestroy(
        _ pt: ProvisionedThroughputSpec, old: LiveState.Throughput, desiredTags: [String: String],
        reason: String
    ) -> PlanAction {
        let temporary = Self.temporaryName(pt.provisionedModelName)
        var spec = pt
        spec.provisionedModelName = temporary
        let token = Tokens.clientRequestToken(
            stack: stack, kind: .provisionedThroughput, name: pt.name,
            spec: Tokens.throughputSpec(spec), generation: old.arn)
        let steps: [Step] = [
            Step(
                ThroughputStep.createThroughput(
                    name: temporary, modelId: pt.modelId, modelUnits: pt.modelUnits,
                    commitmentDuration: pt.commitmentDuration, tags: desiredTags, token: token)),
            Step(ThroughputStep.waitForThroughput(name: temporary)),
            Step(ThroughputStep.deleteThroughput(target: old.arn)),
            Step(ThroughputStep.updateThroughput(target: temporary, newName: pt.provisionedModelName, newModelId: nil)),
            Step(ThroughputStep.waitForThroughput(name: pt.provisionedModelName)),
        ]
        return PlanAction(
            id: Self.id(pt.name), kind: .provisionedThroughput, name: pt.name, type: .replace,
            reason: reason + "; " + Self.createBeforeDestroyStory(old: old, temporary: temporary, pt: pt),
            blocked: blockForDestroying(old, verb: "replace", allowed: options.allowReplace, flag: "--allow-replace"),
            liveArn: old.arn, steps: steps)
    }

    /// What happens between the steps, for the plan's reader.
    static func createBeforeDestroyStory(
        old: LiveState.Throughput, temporary: String, pt: ProvisionedThroughputSpec
    ) -> String {
        "create before destroy: \(temporary) is created and must be InService before \(old.name) is deleted, so "
            + "capacity "
            + "never drops; both are billed in between (\(old.modelUnits) + \(pt.modelUnits) model units, both counted "
            + "against the quota); then \(temporary) is renamed to \(pt.provisionedModelName) in place; the ARN changes"
    }

    /// A create-before-destroy that stopped with both throughputs alive (a kill, a timeout): the
    /// new one is waited for, the old one deleted and the new one renamed. A new one that no longer
    /// matches the manifest, or failed, is deleted and the replacement starts again.
    func resumeReplacement(
        _ pt: ProvisionedThroughputSpec, old: LiveState.Throughput, next: LiveState.Throughput,
        desiredTags: [String: String]
    ) -> PlanAction {
        let id = Self.id(pt.name)
        let matches =
            next.modelUnits == pt.modelUnits && next.commitmentDuration == pt.commitmentDuration
            && Self.modelMatches(pt.modelId, liveArn: next.modelArn) != false
        let settling = next.status == .creating || next.status == .updating
        let blocked = blockForDestroying(old, verb: "replace", allowed: options.allowReplace, flag: "--allow-replace")
        if !matches && settling {
            return PlanAction(
                id: id, kind: .provisionedThroughput, name: pt.name, type: .wait,
                reason: "\(next.name), the new throughput of an unfinished replacement, is \(next.status) and no "
                    + "longer matches the manifest; apply waits for it (plan again once it is InService)",
                liveArn: next.arn, steps: [Step(ThroughputStep.waitForThroughput(name: next.name))])
        }
        if !matches || next.status == .failed {
            let why = next.status == .failed ? "is Failed" : "no longer matches the manifest"
            var action = createBeforeDestroy(
                pt, old: old, desiredTags: desiredTags,
                reason: "replace: \(next.name), the new throughput of an unfinished replacement, "
                    + "\(why); it is deleted and the replacement starts again")
            action.steps.insert(Step(ThroughputStep.deleteThroughput(target: next.arn)), at: 0)
            action.changes =
                [FieldChange(field: "unfinishedReplacementArn", before: next.arn, after: nil)]
                + replacementChanges(pt, live: old, desiredTags: desiredTags, forced: [])
                + [
                    FieldChange(
                        field: "temporaryProvisionedModelName", before: nil,
                        after: Self.temporaryName(pt.provisionedModelName))
                ]
            action.blocked = blocked
            return action
        }
        let tagging = tagSteps(arn: next.arn, live: next.tags, desired: desiredTags)
        let steps: [Step] =
            [
                Step(ThroughputStep.waitForThroughput(name: next.name)),
                Step(ThroughputStep.deleteThroughput(target: old.arn)),
                Step(
                    ThroughputStep.updateThroughput(target: next.arn, newName: pt.provisionedModelName, newModelId: nil)
                ),
                Step(ThroughputStep.waitForThroughput(name: pt.provisionedModelName)),
            ] + tagging.steps
        let changes =
            [
                FieldChange(field: "provisionedModelArn", before: old.arn, after: next.arn),
                FieldChange(field: "provisionedModelName", before: next.name, after: pt.provisionedModelName),
            ] + tagging.changes
        return PlanAction(
            id: id, kind: .provisionedThroughput, name: pt.name, type: .replace,
            reason: "finish an unfinished create-before-destroy: \(next.name) (\(next.status)) is waited for, "
                + "\(old.name) is deleted, then \(next.name) is renamed to \(pt.provisionedModelName) in place; "
                + "both are billed until \(old.name) is gone",
            changes: changes, blocked: blocked, liveArn: next.arn, steps: steps)
    }
}
