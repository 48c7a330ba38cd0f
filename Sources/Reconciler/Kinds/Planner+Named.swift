import Foundation
import Manifest

extension Planner {
    /// Plans every resource of a `NamedResourceKind`: create, update in place, replace, tag, wait,
    /// adopt, conflict; then the stack's resources of that kind gone from the manifests.
    func planNamed<K: NamedResourceKind>(_ unit: K.Type, _ specs: [K.Spec], live: LiveState, into draft: inout Draft) {
        let all = K.live(in: live)
        for spec in specs { planNamed(unit, spec, all: all, into: &draft) }
        pruneNamed(unit, desired: Set(specs.map(K.name)), all: all, into: &draft)
    }

    private func planNamed<K: NamedResourceKind>(
        _ unit: K.Type, _ spec: K.Spec, all: [K.Live], into draft: inout Draft
    ) {
        let name = K.name(of: spec)
        let id = K.actionId(name)
        let desiredTags = K.tags(of: spec).merging(ownershipTags(name)) { _, ours in ours }
        func action(
            _ type: PlanAction.ActionType, _ reason: String, changes: [FieldChange] = [], blocked: String? = nil,
            liveArn: String? = nil, steps: [Step] = []
        ) {
            draft.actions.append(
                PlanAction(
                    id: id, kind: K.kind, name: name, type: type, reason: reason, changes: changes, blocked: blocked,
                    liveArn: liveArn, steps: steps))
        }
        let mine = all.filter { owned($0.tags, name: name) }
        if mine.count > 1 {
            action(
                .conflict,
                "\(mine.count) live \(K.noun)s claim to be \(name) in stack \(stack): "
                    + "\(mine.map(\.arn).joined(separator: ", ")); remove the extra ownership tags by hand")
            return
        }
        if let current = mine.first {
            let diffs = K.fields(of: spec, live: current).filter(\.differs)
            let replacing = diffs.filter { !$0.inPlace }
            if let why = K.failure(of: current) {
                let token = createToken(K.self, spec, generation: current.arn)
                action(
                    .replace, "\(K.noun) \(current.name) failed: \(why); it is replaced",
                    changes: fieldChanges(diffs, forcing: true), liveArn: current.arn,
                    steps: K.deleteSteps(current).map(Step.init)
                        + K.createSteps(spec, tags: desiredTags, token: token).map(Step.init))
                return
            }
            if let pending = K.pending(current) {
                action(
                    .wait, "\(K.noun) \(current.name) is \(pending.status); apply waits for it, then plan again",
                    liveArn: current.arn, steps: pending.steps.map(Step.init))
                return
            }
            if !replacing.isEmpty {
                let token = createToken(K.self, spec, generation: current.arn)
                let fields = replacing.map(\.field).joined(separator: ", ")
                action(
                    .replace, "\(fields) cannot change in place: the \(K.noun) is deleted and created again",
                    changes: fieldChanges(diffs, forcing: true),
                    blocked: options.allowReplace
                        ? nil
                        : "replacing \(K.noun) \(current.name) deletes it and gives the new one a new ARN; "
                            + "apply with --allow-replace to allow it",
                    liveArn: current.arn,
                    steps: K.deleteSteps(current).map(Step.init)
                        + K.createSteps(spec, tags: desiredTags, token: token).map(Step.init))
                return
            }
            let tagging = tagSteps(arn: current.arn, live: current.tags, desired: desiredTags)
            if !diffs.isEmpty {
                action(
                    .update, "\(diffs.map(\.field).joined(separator: ", ")) changed",
                    changes: fieldChanges(diffs, forcing: false) + tagging.changes, liveArn: current.arn,
                    steps: K.updateSteps(spec, live: current).map(Step.init) + tagging.steps)
            } else if !tagging.steps.isEmpty {
                action(
                    .tag, "tags of \(K.noun) \(current.name) differ", changes: tagging.changes, liveArn: current.arn,
                    steps: tagging.steps)
            } else {
                action(.noop, "\(K.noun) \(current.name) is as declared", liveArn: current.arn)
            }
            return
        }
        let bedrockName = K.bedrockName(of: spec)
        if let squatter = all.first(where: { $0.name == bedrockName }) {
            let owner = squatter.tags[OwnershipTags.stackKey]
            let diffs = K.fields(of: spec, live: squatter).filter(\.differs)
            let replacing = diffs.filter { !$0.inPlace }
            guard options.adopt && owner == nil else {
                action(
                    .conflict,
                    "a \(K.noun) named \(bedrockName) exists (\(squatter.arn)) but "
                        + (owner.map { "is managed by stack \($0)" }
                            ?? "is not managed by bedrockctl; adopt it with --adopt"),
                    liveArn: squatter.arn)
                return
            }
            guard replacing.isEmpty else {
                action(
                    .conflict,
                    "adopting \(K.noun) \(bedrockName) would replace it: "
                        + "\(replacing.map(\.field).joined(separator: ", ")) "
                        + "differ from the manifest; make the manifest match it, then adopt",
                    liveArn: squatter.arn)
                return
            }
            let tagging = tagSteps(arn: squatter.arn, live: squatter.tags, desired: desiredTags)
            action(
                .tag, "adopt into stack \(stack)", changes: fieldChanges(diffs, forcing: false) + tagging.changes,
                liveArn: squatter.arn,
                steps: tagging.steps + (diffs.isEmpty ? [] : K.updateSteps(spec, live: squatter).map(Step.init)))
            return
        }
        let token = createToken(K.self, spec, generation: "")
        let changes =
            K.fields(of: spec, live: nil).filter { $0.after != nil }.map {
                FieldChange(field: $0.field, before: nil, after: $0.after)
            }
            + desiredTags.sorted { $0.key < $1.key }.map {
                FieldChange(field: "tags.\($0.key)", before: nil, after: $0.value)
            } + [FieldChange(field: "arn", before: nil, after: nil, knownAfterApply: true)]
        action(
            .create, "\(K.noun) \(bedrockName) does not exist", changes: changes,
            steps: K.createSteps(spec, tags: desiredTags, token: token).map(Step.init))
    }

    private func createToken<K: NamedResourceKind>(_: K.Type, _ spec: K.Spec, generation: String) -> String {
        Tokens.clientRequestToken(
            stack: stack, kind: K.kind, name: K.name(of: spec), spec: K.tokenSpec(spec), generation: generation)
    }

    private func fieldChanges(_ diffs: [FieldDiff], forcing: Bool) -> [FieldChange] {
        diffs.map {
            FieldChange(field: $0.field, before: $0.before, after: $0.after, forcesReplacement: forcing && !$0.inPlace)
        }
    }

    private func pruneNamed<K: NamedResourceKind>(
        _: K.Type, desired: Set<String>, all: [K.Live], into draft: inout Draft
    ) {
        for resource in all where resource.tags[OwnershipTags.stackKey] == stack {
            guard let name = resource.tags[OwnershipTags.nameKey], !desired.contains(name) else { continue }
            let changes = [
                FieldChange(field: "name", before: resource.name, after: nil),
                FieldChange(field: "arn", before: resource.arn, after: nil),
            ]
            draft.actions.append(
                pruneAction(
                    kind: K.kind, name: name, changes: changes, liveArn: resource.arn,
                    steps: K.deleteSteps(resource).map(Step.init)))
        }
    }
}
