import BedrockConstraints
import Foundation
import Manifest

extension Planner {
    static func id(_ name: String) -> String { actionId(.provisionedThroughput, name) }

    func planThroughput(_ pt: ProvisionedThroughputSpec, live: LiveState, into draft: inout Draft) {
        let id = Self.id(pt.name)
        let desiredTags = pt.tags.merging(ownershipTags(pt.name)) { _, ours in ours }
        let claimed = live.throughputs.filter { owned($0.tags, name: pt.name) }
        // A create-before-destroy under way: the new throughput, under its temporary name.
        let temporaryName = Self.temporaryName(pt.provisionedModelName)
        let next = claimed.first { $0.name == temporaryName }
        let mine = claimed.filter { $0.arn != next?.arn }
        if mine.count > 1 {
            draft.actions.append(
                PlanAction(
                    id: id, kind: .provisionedThroughput, name: pt.name, type: .conflict,
                    reason:
                        "\(mine.count) live throughputs claim to be \(pt.name) in "
                        + "stack \(stack): \(mine.map(\.arn).joined(separator: ", ")); remove the extra ownership "
                        + "tags by hand"
                ))
            return
        }
        if let old = mine.first, let next {
            draft.actions.append(resumeReplacement(pt, old: old, next: next, desiredTags: desiredTags))
            return
        }
        guard let current = mine.first ?? next else {
            if let squatter = live.throughputs.first(where: {
                $0.name == pt.provisionedModelName && $0.tags[OwnershipTags.stackKey] != stack
            }) {
                let owner = squatter.tags[OwnershipTags.stackKey]
                guard options.adopt, owner == nil else {
                    let why = owner.map { "is managed by stack \($0)" } ?? "is not managed by bedrockctl"
                    draft.actions.append(
                        PlanAction(
                            id: id, kind: .provisionedThroughput, name: pt.name, type: .conflict,
                            reason:
                                "a throughput named \(pt.provisionedModelName) exists (\(squatter.arn)) "
                                + "but \(why)\(owner == nil ? "; adopt it with --adopt" : "")",
                            liveArn: squatter.arn))
                    return
                }
                var adopted = squatter
                adopted.tags = adopted.tags.filter { !$0.key.hasPrefix(OwnershipTags.prefix) }
                diffThroughput(pt, live: adopted, desiredTags: desiredTags, adopting: true, into: &draft)
                return
            }
            draft.actions.append(
                create(
                    pt, desiredTags: desiredTags, generation: "initial",
                    reason: "throughput \(pt.provisionedModelName) does not exist"))
            return
        }
        diffThroughput(pt, live: current, desiredTags: desiredTags, adopting: false, into: &draft)
    }

    /// The name a create-before-destroy gives the new throughput until the old one is gone: the
    /// final name (cut to fit) and `-bctl-next`, a valid ProvisionedModelName.
    public static func temporaryName(_ finalName: String) -> String {
        let suffix = "-bctl-next"
        var base = Substring(finalName.prefix(63 - suffix.count))
        while let last = base.last, last == "-" || last == "_" { base = base.dropLast() }
        return base + suffix
    }

    func create(
        _ pt: ProvisionedThroughputSpec, desiredTags: [String: String], generation: String, reason: String
    ) -> PlanAction {
        let token = Tokens.clientRequestToken(
            stack: stack, kind: .provisionedThroughput, name: pt.name, spec: Tokens.throughputSpec(pt),
            generation: generation)
        var changes = [
            FieldChange(field: "provisionedModelName", before: nil, after: pt.provisionedModelName),
            FieldChange(field: "modelId", before: nil, after: pt.modelId),
            FieldChange.number("modelUnits", before: nil, after: pt.modelUnits),
        ]
        if let c = pt.commitmentDuration {
            changes.append(FieldChange(field: "commitmentDuration", before: nil, after: c.rawValue))
        }
        changes += desiredTags.sorted { $0.key < $1.key }.map {
            FieldChange(field: "tags.\($0.key)", before: nil, after: $0.value)
        }
        changes.append(FieldChange(field: "provisionedModelArn", before: nil, after: nil, knownAfterApply: true))
        return PlanAction(
            id: Self.id(pt.name), kind: .provisionedThroughput, name: pt.name, type: .create, reason: reason,
            changes: changes,
            steps: [
                Step(
                    ThroughputStep.createThroughput(
                        name: pt.provisionedModelName, modelId: pt.modelId, modelUnits: pt.modelUnits,
                        commitmentDuration: pt.commitmentDuration, tags: desiredTags, token: token)),
                Step(ThroughputStep.waitForThroughput(name: pt.provisionedModelName)),
            ])
    }

    func diffThroughput(
        _ pt: ProvisionedThroughputSpec, live: LiveState.Throughput, desiredTags: [String: String], adopting: Bool,
        into draft: inout Draft
    ) {
        let id = Self.id(pt.name)
        // The new throughput of a create-before-destroy whose old one is gone: it is finished by a
        // rename, after waiting for it if it is still being created.
        let resuming = live.name == Self.temporaryName(pt.provisionedModelName) && live.name != pt.provisionedModelName
        let settling = live.status == .creating || live.status == .updating
        // Creating or updating: apply waits for it rather than start another.
        let waitForSettling = PlanAction(
            id: id, kind: .provisionedThroughput, name: pt.name, type: .wait,
            reason:
                "\(live.name) is \(live.status); apply waits for it rather than start another (plan "
                + "again once it is InService)",
            liveArn: live.arn, steps: [Step(ThroughputStep.waitForThroughput(name: live.name))])
        if settling && !resuming {
            draft.actions.append(waitForSettling)
            return
        }
        var replaceReasons: [FieldChange] = []
        if live.modelUnits != pt.modelUnits {
            replaceReasons.append(
                FieldChange.number("modelUnits", before: live.modelUnits, after: pt.modelUnits, forcesReplacement: true)
            )
        }
        if live.commitmentDuration != pt.commitmentDuration {
            replaceReasons.append(
                FieldChange(
                    field: "commitmentDuration", before: live.commitmentDuration?.rawValue,
                    after: pt.commitmentDuration?.rawValue, forcesReplacement: true))
        }
        let modelSame = Self.modelMatches(pt.modelId, liveArn: live.modelArn)
        var modelUpdate: String?
        if modelSame == false {
            if Self.canUpdateModel(from: live.modelArn, to: pt.modelId) {
                modelUpdate = pt.modelId
            } else {
                replaceReasons.append(
                    FieldChange(
                        field: "modelId", before: Self.shown(live.modelArn, like: pt.modelId), after: pt.modelId,
                        forcesReplacement: true))
            }
        } else if modelSame == nil {
            draft.warnings.append(
                "\(id): modelId \(pt.modelId) is a custom model name, which bedrockctl cannot compare with the "
                    + "live model \(live.modelArn); use the model's ARN to have model changes planned"
            )
        }
        if settling && !replaceReasons.isEmpty {
            draft.actions.append(waitForSettling)
            return
        }
        if live.status == .failed || !replaceReasons.isEmpty {
            if pt.replacement == .createBeforeDestroy && !resuming && live.status != .failed {
                var action = createBeforeDestroy(
                    pt, old: live, desiredTags: desiredTags,
                    reason: "replace: \(replaceReasons.map(\.field).joined(separator: " and ")) cannot change in place")
                action.changes =
                    replacementChanges(pt, live: live, desiredTags: desiredTags, forced: replaceReasons)
                    + [
                        FieldChange(
                            field: "temporaryProvisionedModelName", before: nil,
                            after: Self.temporaryName(pt.provisionedModelName))
                    ]
                draft.actions.append(action)
                return
            }
            let reason =
                live.status == .failed
                ? "\(live.name) is Failed"
                : "\(replaceReasons.map(\.field).joined(separator: " and ")) cannot change in place"
            var action = create(pt, desiredTags: desiredTags, generation: live.arn, reason: "replace: \(reason)")
            action.type = .replace
            action.liveArn = live.arn
            action.changes = replacementChanges(pt, live: live, desiredTags: desiredTags, forced: replaceReasons)
            action.reason +=
                "; the old throughput is deleted first and the new one created after: no capacity in between "
                + "(typically 15-30 minutes on the real service), and the ARN changes"
                + (live.status == .failed ? "" : " (spec.replacement: CreateBeforeDestroy keeps capacity up)")
            action.steps.insert(Step(ThroughputStep.deleteThroughput(target: live.arn)), at: 0)
            action.blocked = blockForDestroying(
                live, verb: "replace", allowed: options.allowReplace || live.status == .failed, flag: "--allow-replace"
            )
            draft.actions.append(action)
            return
        }
        var steps: [Step] = settling ? [Step(ThroughputStep.waitForThroughput(name: live.name))] : []
        var changes: [FieldChange] = []
        let rename = live.name != pt.provisionedModelName ? pt.provisionedModelName : nil
        if let rename { changes.append(FieldChange(field: "provisionedModelName", before: live.name, after: rename)) }
        if let modelUpdate {
            changes.append(
                FieldChange(field: "modelId", before: Self.shown(live.modelArn, like: modelUpdate), after: modelUpdate))
        }
        if rename != nil || modelUpdate != nil {
            steps.append(
                Step(ThroughputStep.updateThroughput(target: live.arn, newName: rename, newModelId: modelUpdate)))
            steps.append(Step(ThroughputStep.waitForThroughput(name: rename ?? live.name)))
        }
        let tagging = tagSteps(arn: live.arn, live: live.tags, desired: desiredTags)
        steps += tagging.steps
        changes += tagging.changes
        let type: PlanAction.ActionType =
            steps.contains { if case .updateThroughput? = $0.as(ThroughputStep.self) { true } else { false } }
            ? .update : (tagging.steps.isEmpty ? .noop : .tag)
        let reason: String
        switch type {
        case .update where resuming:
            reason = "finish the create-before-destroy: rename \(live.name) to \(pt.provisionedModelName) in place"
        case .update:
            reason = [rename.map { "rename to \($0) in place" }, modelUpdate.map { "change model to \($0) in place" }]
                .compactMap { $0 }.joined(separator: "; ")
        case .tag: reason = adopting ? "adopt into stack \(stack)" : "tags differ"
        default: reason = "up to date"
        }
        draft.actions.append(
            PlanAction(
                id: id, kind: .provisionedThroughput, name: pt.name, type: type, reason: reason, changes: changes,
                liveArn: live.arn, steps: steps))
    }

    /// Why a delete or replace must not run: an unexpired commitment, or a missing flag.
    func blockForDestroying(_ live: LiveState.Throughput, verb: String, allowed: Bool, flag: String) -> String? {
        if let expiry = live.commitmentExpirationTime, expiry > now {
            return "\(live.name) is committed (\(live.commitmentDuration?.rawValue ?? "commitment")) "
                + "\(CommitmentExpiry.describe(expiry, now: now)); it cannot "
                + "be \(verb == "replace" ? "replaced" : "deleted") before then"
        }
        return allowed ? nil : "to \(verb) \(live.name), run with \(flag)"
    }

    func planThroughputPrune(desired: Set<String>, live: LiveState, into draft: inout Draft) {
        for t in live.throughputs where t.tags[OwnershipTags.stackKey] == stack {
            guard let name = t.tags[OwnershipTags.nameKey], !desired.contains(name) else { continue }
            var changes = [
                FieldChange(field: "provisionedModelName", before: t.name, after: nil),
                FieldChange(field: "modelArn", before: t.modelArn, after: nil),
                FieldChange.number("modelUnits", before: t.modelUnits, after: nil),
            ]
            if let commitment = t.commitmentDuration {
                let until = t.commitmentExpirationTime.map { " until \(ISO8601DateFormatter().string(from: $0))" } ?? ""
                changes.append(
                    FieldChange(field: "commitmentDuration", before: commitment.rawValue + until, after: nil))
            }
            changes.append(FieldChange(field: "provisionedModelArn", before: t.arn, after: nil))
            draft.actions.append(
                pruneAction(
                    kind: .provisionedThroughput, name: name, changes: changes, liveArn: t.arn,
                    steps: [Step(ThroughputStep.deleteThroughput(target: t.arn))],
                    blocked: blockForDestroying(t, verb: "delete", allowed: true, flag: "--prune")))
        }
    }

    /// Whether `desired` names the model `liveArn` runs: true, false, or nil when a custom model
    /// name cannot be compared.
    static func modelMatches(_ desired: String, liveArn: String) -> Bool? {
        if desired.hasPrefix("arn:") { return desired == liveArn }
        if desired.contains(".") { return BedrockARN(liveArn)?.foundationModelId == desired }
        return nil
    }

    /// The service allows a model change only on a custom model, to its base model or another
    /// custom model of the same base.
    static func canUpdateModel(from liveArn: String, to desired: String) -> Bool {
        guard let base = customBase(liveArn) else { return false }
        if let otherBase = customBase(desired) { return otherBase == base }
        let desiredId = desired.hasPrefix("arn:") ? BedrockARN(desired)?.foundationModelId ?? "" : desired
        return desiredId == base
    }

    /// The live model as the manifest names its own: a foundation model's id when the manifest
    /// gives an id (not an ARN), so that a diff compares like with like; else the ARN.
    static func shown(_ liveArn: String, like desired: String) -> String {
        guard !desired.hasPrefix("arn:"), let id = BedrockARN(liveArn)?.foundationModelId else { return liveArn }
        return id
    }

    /// The base model of a custom model's ARN.
    static func customBase(_ arn: String) -> String? { BedrockARN(arn)?.customModelBase }
}
