/// Whether a saved plan may still be applied: made by this bedrockctl, against the same target,
/// from the same manifest files, over the same live state. Each refusal names the difference.
public enum SavedPlanCheck {
    public static func refusal(saved: Plan, fresh: Plan) -> String? {
        if saved.toolVersion != fresh.toolVersion {
            return
                "the saved plan was made by bedrockctl \(saved.toolVersion); this is \(fresh.toolVersion): plan "
                + "again with this version"
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
            return "the saved plan is stale: the live state changed since it was made; run `bedrockctl plan` again"
        }
        return nil
    }

    /// Each file changed, added or gone, in path order.
    static func changedFiles(saved: [ManifestFileDigest], fresh: [ManifestFileDigest]) -> [String] {
        let before = Dictionary(saved.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(fresh.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        return Set(before.keys).union(after.keys).sorted().compactMap { path in
            switch (before[path], after[path]) {
            case (let was?, let now?) where was != now: return "\(path) changed"
            case (nil, _?): return "\(path) is new"
            case (_?, nil): return "\(path) is gone"
            default: return nil
            }
        }
    }
}
