import YAML

/// Rules that span documents: a name may be used once per kind, and the names sent to Bedrock
/// (provisioned model names, imported model names) must not collide either.
enum CrossDocumentRules {
    static func check(_ resources: [ManifestResource], log: inout DiagnosticLog) {
        var names: [ManifestResource.Kind: [String: Mark]] = [:]
        var provisionedNames: [String: (Mark, String)] = [:]
        var importedNames: [String: (Mark, String)] = [:]
        for resource in resources {
            if let first = names[resource.kind, default: [:]][resource.name] {
                log.error("metadata.name: a \(resource.kind.rawValue) named \"\(resource.name)\" is already defined at \(first)", at: resource.source)
                continue
            }
            names[resource.kind, default: [:]][resource.name] = resource.source
            switch resource {
            case .provisionedThroughput(let pt):
                if let (first, owner) = provisionedNames[pt.provisionedModelName] {
                    log.error("spec.provisionedModelName: \"\(pt.provisionedModelName)\" is already the provisioned model name of \"\(owner)\" at \(first); Bedrock names must be unique", at: pt.source)
                } else {
                    provisionedNames[pt.provisionedModelName] = (pt.source, pt.name)
                }
            case .modelImportJob(let job):
                if let (first, owner) = importedNames[job.importedModelName] {
                    log.error("spec.importedModelName: \"\(job.importedModelName)\" is already imported by \"\(owner)\" at \(first); imported model names must be unique", at: job.source)
                } else {
                    importedNames[job.importedModelName] = (job.source, job.name)
                }
            }
        }
    }
}
