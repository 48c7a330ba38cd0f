import Foundation
import Manifest

/// Diffs desired state against live state into a `Plan`. Pure: the same inputs give the same plan.
public struct Planner: Sendable {
    public var stack: String
    public var options: PlanOptions
    /// Commitments are compared with this time.
    public var now: Date
    /// Resources (by action id) that manifests not given to this plan declare: files beside the
    /// ones planned. They are never pruned nor listed for pruning.
    public var declaredElsewhere: Set<String> = []

    public init(stack: String, options: PlanOptions = PlanOptions(), now: Date) {
        self.stack = stack
        self.options = options
        self.now = now
    }

    /// The id of the action a desired resource gets: `KIND/NAME`.
    public static func actionId(_ resource: ManifestResource) -> String { actionId(resource.kind, resource.name) }

    /// `KIND/NAME`: the one spelling of an action's id.
    static func actionId(_ kind: PlanAction.Kind, _ name: String) -> String { "\(kind.rawValue)/\(name)" }

    /// The action for a resource the stack owns that the manifests no longer declare: its delete
    /// with `--prune`, else a note that it would be deleted.
    func pruneAction(
        kind: PlanAction.Kind, name: String, changes: [FieldChange], liveArn: String, steps: [Step],
        blocked: String? = nil
    ) -> PlanAction {
        let reason =
            options.destroy
            ? "owned by stack \(stack): destroy deletes everything the stack owns"
            : "owned by stack \(stack) and gone from the manifests"
        return options.prune
            ? PlanAction(
                id: Self.actionId(kind, name), kind: kind, name: name, type: .delete, reason: reason,
                changes: changes, blocked: blocked, liveArn: liveArn, steps: steps)
            : PlanAction(
                id: Self.actionId(kind, name), kind: kind, name: name, type: .wouldPrune,
                reason: reason + ": would be deleted with --prune", changes: changes, liveArn: liveArn)
    }

    public func plan(_ desired: [ManifestResource], live: LiveState) -> Plan {
        var draft = Draft()
        // Each kind plans its own resources, in the kinds' order.
        for kind in PlanAction.Kind.allCases {
            kind.unit.plan(desired.filter { $0.kind == kind }, live: live, planner: self, into: &draft)
        }
        draft.actions.removeAll { [.delete, .wouldPrune].contains($0.type) && declaredElsewhere.contains($0.id) }
        // Then each orders its actions among themselves (a throughput's name handed over).
        for kind in PlanAction.Kind.allCases { kind.unit.order(&draft, live: live, planner: self) }
        warnIfTheStackWasRenamed(live: live, into: &draft)
        if options.prune {
            let deletes = draft.actions.filter { $0.type == .delete }.map(\.id)
            for i in draft.actions.indices where draft.actions[i].type == .create || draft.actions[i].type == .replace {
                draft.actions[i].dependsOn = Array(Set(draft.actions[i].dependsOn + deletes)).sorted()
            }
        }
        let actions = Self.ordered(draft.actions)
        let scope = scope(desired, live: live, actions: actions)
        let resources = live.digests(of: Set(scope.keys)).map {
            LiveResourceDigest(arn: $0.arn, sha256: $0.sha256, description: scope[$0.arn] ?? nil)
        }
        var plan = Plan(
            stack: stack, region: live.region, manifestDigest: Tokens.manifestDigest(desired),
            liveStateDigest: Tokens.sha256Hex(Data(resources.map { "\($0.arn) \($0.sha256)\n" }.joined().utf8)),
            options: options, actions: actions, warnings: draft.warnings)
        plan.liveResources = resources
        return plan
    }

    /// The ARNs of the live resources a plan rests on, each with its description where its kind
    /// gives one: those the stack owns, those that hold a name the manifests want, and every one
    /// an action names. Anything else in the account may change (another stack's apply) without
    /// making the plan stale.
    func scope(_ desired: [ManifestResource], live: LiveState, actions: [PlanAction]) -> [String: String?] {
        var scope: [String: String?] = [:]
        var described: [String: String] = [:]
        for kind in PlanAction.Kind.allCases {
            let wanted = Set(desired.filter { $0.kind == kind }.flatMap { kind.unit.wantedNames(of: $0) })
            for resource in kind.unit.tagged(live) {
                described[resource.arn] = described[resource.arn] ?? resource.description
                if resource.tags[OwnershipTags.stackKey] == stack || wanted.contains(resource.name) {
                    scope[resource.arn] = resource.description
                }
            }
        }
        // `.some`: an ARN no kind describes (a custom model a step names) stays in, without a description.
        for arn in Self.arns(in: actions) where scope[arn] == nil { scope[arn] = .some(described[arn]) }
        return scope
    }

    /// Every ARN the actions name: the resources they work on, and those their steps and changes name.
    static func arns(in actions: [PlanAction]) -> Set<String> {
        // A noop names only its resource; the others' steps and changes are searched as JSON.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let acting = actions.filter { $0.type != .noop }
        let text = String(decoding: (try? encoder.encode(acting)) ?? Data(), as: UTF8.self)
        return Set(text.split(separator: "\"").filter { $0.hasPrefix("arn:") }.map(String.init))
            .union(actions.compactMap(\.liveArn))
    }

    /// A plan of `desired` over what `reader` read, in which no action rests on the tagging
    /// index alone: the resources the plan would act on whose tags came from the index's pages
    /// are read one by one, and the plan made again, until none is left (at most three rounds).
    public func plan(
        _ desired: [ManifestResource], reading: LiveStateReader.Reading, reader: LiveStateReader
    ) async throws -> (plan: Plan, reading: LiveStateReader.Reading) {
        var reading = reading
        var plan = self.plan(desired, live: reading.state)
        for _ in 0..<3 {
            let acted = Self.arns(in: plan.actions.filter { $0.type != .noop }).intersection(reading.fromIndex)
            guard !acted.isEmpty else { break }
            reading = try await reader.verifying(reading, acted, stack: stack)
            plan = self.plan(desired, live: reading.state)
        }
        return (plan, reading)
    }

    /// When nothing in the account belongs to this stack, but the manifests' resources exist under
    /// one other stack's name, the folder was most likely renamed or copied: say which stack.
    func warnIfTheStackWasRenamed(live: LiveState, into draft: inout Draft) {
        let owners = live.owners
        guard !owners.values.contains(stack) else { return }
        let others = Set(
            draft.actions.filter { $0.type == .conflict }.compactMap { $0.liveArn.flatMap { owners[$0] ?? nil } })
        guard others.count == 1, let other = others.first else { return }
        draft.warnings.append(
            "nothing in the account belongs to stack \(stack), but the manifests' resources exist in stack \(other): "
                + "if the folder was renamed or copied, plan with --stack \(other) or add a `kind: Stack` "
                + "document named \(other)"
        )
    }

    struct Draft {
        var actions: [PlanAction] = []
        var warnings: [String] = []
    }

    func owned(_ tags: [String: String], name: String) -> Bool {
        tags[OwnershipTags.stackKey] == stack && tags[OwnershipTags.nameKey] == name
    }

    func ownershipTags(_ name: String) -> [String: String] {
        [OwnershipTags.stackKey: stack, OwnershipTags.nameKey: name]
    }

    /// Tag and untag steps that make `live` equal `desired`.
    func tagSteps(
        arn: String, live: [String: String], desired: [String: String]
    ) -> (steps: [Step], changes: [FieldChange]) {
        var steps: [Step] = []
        var changes: [FieldChange] = []
        let toSet = desired.filter { live[$0.key] != $0.value }
        let toRemove = live.keys.filter { desired[$0] == nil }.sorted()
        if !toSet.isEmpty { steps.append(Step(TagStep.tag(arn: arn, tags: toSet))) }
        if !toRemove.isEmpty { steps.append(Step(TagStep.untag(arn: arn, keys: toRemove))) }
        for key in (Array(toSet.keys) + toRemove).sorted() {
            changes.append(FieldChange(field: "tags.\(key)", before: live[key], after: desired[key]))
        }
        return (steps, changes)
    }

    /// Actions sorted so that each comes after the actions it depends on; otherwise by id.
    static func ordered(_ actions: [PlanAction]) -> [PlanAction] {
        var remaining = actions.sorted { $0.id < $1.id }
        var done: Set<String> = []
        var result: [PlanAction] = []
        let ids = Set(actions.map(\.id))
        while !remaining.isEmpty {
            let index = remaining.firstIndex { $0.dependsOn.allSatisfy { done.contains($0) || !ids.contains($0) } } ?? 0
            let action = remaining.remove(at: index)
            done.insert(action.id)
            result.append(action)
        }
        return result
    }
}
