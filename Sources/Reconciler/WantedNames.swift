import Manifest

/// The names the manifests give their resources in the account: a live resource with one of them
/// matters to the plan whoever owns it (a conflict, an adoption, or the stack's own resource that
/// the tagging index does not list yet).
public struct WantedNames: Sendable, Hashable {
    /// Provisioned model names, and the temporary names of create-before-destroy replacements.
    public var throughputs: Set<String> = []
    /// Import job names; a job `NAME-rN` (a retry) is wanted with `NAME`.
    public var jobs: Set<String> = []
    public var importedModels: Set<String> = []
    public var deployments: Set<String> = []
    public var inferenceProfiles: Set<String> = []

    public init() {}

    public init(_ resources: [ManifestResource]) {
        for resource in resources {
            switch resource {
            case .provisionedThroughput(let pt):
                throughputs.insert(pt.provisionedModelName)
                throughputs.insert(Planner.temporaryName(pt.provisionedModelName))
            case .modelImportJob(let job):
                jobs.insert(job.name)
                importedModels.insert(job.importedModelName)
            case .customModelDeployment(let d): deployments.insert(d.modelDeploymentName)
            case .inferenceProfile(let p): inferenceProfiles.insert(p.inferenceProfileName)
            }
        }
    }

    public func wantsJob(_ name: String) -> Bool {
        if jobs.contains(name) { return true }
        guard let range = name.range(of: "-r", options: .backwards), Int(name[range.upperBound...]) != nil else {
            return false
        }
        return jobs.contains(String(name[..<range.lowerBound]))
    }
}
