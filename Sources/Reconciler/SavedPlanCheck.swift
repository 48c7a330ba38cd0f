/// Whether a saved plan may still be applied: made by this bedrockctl, against the same target,
/// from the same manifest files, over the same live state. Each refusal names the difference.
public enum SavedPlanCheck {
    public static func refusal(saved: Plan, fresh: Plan) -> String? {
        if saved.toolVersion != fresh.toolVersion {
            return
                "the saved plan was made by bedrockctl \(saved.toolVersion); this is \(fresh.toolVersion): plan "
                + "again with this version"
        }
        guard let digest = saved.actionsDigest else {
            return "the saved plan has no actionsDigest (an older bedrockctl wrote it): plan again"
        }
        guard digest == Plan.digest(of: saved.actions) else {
            let differing = differingAction(saved: saved.actions, fresh: fresh.actions).map { "; \($0)" } ?? ""
            return
                "the saved plan's actions were edited since `bedrockctl plan` wrote it (they do not match its "
                + "actionsDigest\(differing)): plan again; apply runs only a plan as bedrockctl made it"
        }
        if let made = saved.target, let here = fresh.target {
            let differences = made.differences(from: here)
            if !differences.isEmpty {
                return
                    "the saved plan was made against \(made); this apply points at \(here) "
                    + "(\(differences.joined(separator: "; "))): "
                    + "run it with the same --sandbox, --region, endpoint and credentials, or plan again"
            }
        }
        let files = changedFiles(saved: saved.manifestFiles, fresh: fresh.manifestFiles)
        if !files.isEmpty {
            return
                "the saved plan is stale: manifest files changed since it was made (\(files.joined(separator: "; "))); "
                + "run `bedrockctl plan` again"
        }
        if saved.manifestDigest != fresh.manifestDigest {
            return "the saved plan is stale: the manifests changed since it was made; run `bedrockctl plan` again"
        }
        if saved.liveStateDigest != fresh.liveStateDigest {
            let changed = changedResources(saved: saved.liveResources, fresh: fresh.liveResources)
            return
                "the saved plan is stale: what it rests on in the account changed since it was made"
                + (changed.isEmpty ? "" : " (\(changed.joined(separator: "; ")))") + "; run `bedrockctl plan` again"
        }
        if let differing = differingAction(saved: saved.actions, fresh: fresh.actions) {
            return
                "the saved plan's actions are not what the same manifests and live state plan now (\(differing)): "
                + "plan again; apply runs only a plan as bedrockctl made it"
        }
        return nil
    }

    /// The first action whose calls differ between the saved and the fresh plan (its id, type,
    /// dependencies or steps; the prices may move and are not compared), or one only one has.
    static func differingAction(saved: [PlanAction], fresh: [PlanAction]) -> String? {
        let now = Dictionary(fresh.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for action in saved {
            guard let planned = now[action.id] else { return "\(action.id) is not planned now" }
            if action.type != planned.type {
                return "\(action.id) is \(action.type.rawValue), now \(planned.type.rawValue)"
            }
            if action.steps != planned.steps || action.dependsOn != planned.dependsOn {
                return "\(action.id)'s steps differ"
            }
        }
        if let extra = fresh.first(where: { action in !saved.contains { $0.id == action.id } }) {
            return "\(extra.id) is planned now but not saved"
        }
        return nil
    }

    /// Each live resource of the plan's scope that changed, appeared or went, in ARN order.
    static func changedResources(saved: [LiveResourceDigest], fresh: [LiveResourceDigest]) -> [String] {
        let described = Dictionary(
            (saved + fresh).compactMap { resource in resource.description.map { (resource.arn, $0) } },
            uniquingKeysWith: { first, _ in first })
        return differences(saved.map { ($0.arn, $0.sha256) }, fresh.map { ($0.arn, $0.sha256) }).map { arn, change in
            let name = described[arn].map { "\($0) (\(arn))" } ?? arn
            switch change {
            case .changed: return "\(name) changed"
            case .added: return "\(name) appeared"
            case .removed: return "\(name) is gone"
            }
        }
    }

    /// Each file changed, added or gone, in path order.
    static func changedFiles(saved: [ManifestFileDigest], fresh: [ManifestFileDigest]) -> [String] {
        differences(saved.map { ($0.path, $0.sha256) }, fresh.map { ($0.path, $0.sha256) }).map { path, change in
            switch change {
            case .changed: return "\(path) changed"
            case .added: return "\(path) is new"
            case .removed: return "\(path) is gone"
            }
        }
    }

    enum Difference { case changed, added, removed }

    /// The keys whose digest differs between two lists of (key, digest), in key order.
    static func differences(
        _ saved: [(String, String)], _ fresh: [(String, String)]
    ) -> [(key: String, change: Difference)] {
        let before = Dictionary(saved, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(fresh, uniquingKeysWith: { first, _ in first })
        return Set(before.keys).union(after.keys).sorted().compactMap { key in
            switch (before[key], after[key]) {
            case (let was?, let now?) where was != now: return (key, .changed)
            case (nil, _?): return (key, .added)
            case (_?, nil): return (key, .removed)
            default: return nil
            }
        }
    }
}
