import Foundation
import Manifest

extension Planner {
    /// The name an action leaves its throughput with, if it gives it one (a create-before-destroy
    /// creates under a temporary name and ends with the final one).
    static func takenName(_ action: PlanAction) -> String? {
        action.steps.reversed().lazy.compactMap { $0.as(ThroughputStep.self)?.takenName }.first
    }

    /// Whether an action frees its live throughput's current name.
    static func releasesName(_ action: PlanAction, live: LiveState.Throughput) -> Bool {
        switch action.type {
        case .delete: return true
        case .replace: return takenName(action) != live.name
        case .update: return takenName(action).map { $0 != live.name } ?? false
        default: return false
        }
    }

    /// Orders name hand-overs: an action that takes a name held by another throughput of this
    /// stack waits for that one to let it go; a swap is broken with a temporary name; a name held
    /// by a throughput that keeps it blocks the action.
    func orderNames(live: LiveState, into draft: inout Draft) {
        let throughputs = Dictionary(live.throughputs.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        for i in draft.actions.indices where draft.actions[i].kind == .provisionedThroughput {
            guard let name = Self.takenName(draft.actions[i]) else { continue }
            // A throughput the action deletes itself before taking the name holds nothing up.
            let deletedFirst = Set(
                draft.actions[i].steps.compactMap { step -> String? in
                    if case .deleteThroughput(let target)? = step.as(ThroughputStep.self) { return target }
                    return nil
                })
            for holder in live.throughputs
            where holder.name == name && holder.arn != draft.actions[i].liveArn
                && !deletedFirst.contains(holder.arn)
            {
                guard holder.tags[OwnershipTags.stackKey] == stack,
                    let holderAction = draft.actions.first(where: {
                        $0.liveArn == holder.arn && $0.kind == .provisionedThroughput
                    })
                else {
                    if draft.actions[i].type != .conflict {
                        draft.actions[i].blocked =
                            "the name \(name) belongs to \(holder.arn), which this stack does not manage"
                    }
                    continue
                }
                if let heldBy = throughputs[holder.arn], Self.releasesName(holderAction, live: heldBy) {
                    draft.actions[i].dependsOn.append(holderAction.id)
                } else {
                    draft.actions[i].blocked =
                        "the name \(name) is held by \(holderAction.id), which keeps it (\(holderAction.type.rawValue))"
                }
            }
        }
        breakCycles(into: &draft)
    }

    /// A swap (A takes B's name while B takes A's) would wait for ever: one of the renames goes
    /// through a temporary name first.
    func breakCycles(into draft: inout Draft) {
        for _ in 0..<draft.actions.count {
            guard let cycle = Self.findCycle(draft.actions) else { return }
            guard
                let pivotId = cycle.sorted().first(where: { id in draft.actions.first { $0.id == id }?.type == .update }
                ),
                let pivot = draft.actions.firstIndex(where: { $0.id == pivotId }),
                let arn = draft.actions[pivot].liveArn
            else {
                for id in cycle {
                    if let i = draft.actions.firstIndex(where: { $0.id == id }) {
                        draft.actions[i].blocked =
                            "its name depends on a cycle of replacements: \(cycle.joined(separator: " -> "))"
                    }
                }
                return
            }
            let temporary = "bctl-tmp-" + Tokens.hex(arn).prefix(12)
            let stepId = pivotId + "#temporary-name"
            draft.actions.append(
                PlanAction(
                    id: stepId, kind: .provisionedThroughput, name: draft.actions[pivot].name, type: .update,
                    reason: "free its name for a swap: rename to \(temporary) first",
                    changes: [FieldChange(field: "provisionedModelName", before: nil, after: temporary)], liveArn: arn,
                    steps: [Step(ThroughputStep.updateThroughput(target: arn, newName: temporary, newModelId: nil))]))
            for i in draft.actions.indices
            where draft.actions[i].dependsOn.contains(pivotId) && draft.actions[i].id != stepId {
                draft.actions[i].dependsOn = draft.actions[i].dependsOn.map { $0 == pivotId ? stepId : $0 }
            }
            draft.actions[pivot].dependsOn.append(stepId)
        }
    }

    /// One dependency cycle, as action ids, or nil.
    static func findCycle(_ actions: [PlanAction]) -> [String]? {
        let edges = Dictionary(actions.map { ($0.id, $0.dependsOn) }, uniquingKeysWith: { first, _ in first })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        func visit(_ id: String) -> [String]? {
            state[id] = 1
            stack.append(id)
            for next in edges[id] ?? [] where edges[next] != nil {
                if state[next] == 1, let start = stack.firstIndex(of: next) { return Array(stack[start...]) }
                if state[next] == nil, let cycle = visit(next) { return cycle }
            }
            stack.removeLast()
            state[id] = 2
            return nil
        }
        for id in edges.keys.sorted() where state[id] == nil {
            if let cycle = visit(id) { return cycle }
        }
        return nil
    }
}
