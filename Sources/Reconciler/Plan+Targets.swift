/// Partial plans, as Terraform's `-target`: the actions named and everything they depend on.
extension Plan {
    /// This plan cut down to `targets` (action ids, `KIND/NAME`) and their dependencies, however
    /// deep. A blocked action or a conflict outside them no longer blocks the plan. A target with
    /// no action is a warning.
    public func restricted(to targets: [String]) -> Plan {
        let byId = Dictionary(actions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var keep: Set<String> = []
        var queue = targets.filter { byId[$0] != nil }
        while let id = queue.popLast() {
            guard keep.insert(id).inserted, let action = byId[id] else { continue }
            queue += action.dependsOn.filter { byId[$0] != nil }
            // A step of an action (a temporary rename) is part of it.
            queue += actions.filter { $0.id.hasPrefix(id + "#") }.map(\.id)
        }
        var partial = self
        partial.actions = actions.filter { keep.contains($0.id) }
        partial.targets = targets
        let missing = targets.filter { byId[$0] == nil }
        partial.warnings += missing.map { "--target \($0): no such resource in the manifests or the stack" }
        let left = actions.count { !keep.contains($0.id) && $0.type != .noop }
        partial.warnings.append(
            "partial plan: only \(targets.joined(separator: ", ")) and what they depend on; "
                + "\(left) other action\(left == 1 ? " is" : "s are") left out")
        return partial
    }
}
