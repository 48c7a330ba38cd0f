import YAML

/// Rules that span documents: a name may be used once per kind, and the names sent to Bedrock
/// (provisioned model names, imported model names) must not collide either.
enum CrossDocumentRules {
    private struct Key: Hashable {
        var kind: ManifestResource.Kind
        var name: String
    }

    private struct Owner {
        var mark: Mark
        var name: String
    }

    static func check(_ resources: [ManifestResource], log: inout DiagnosticLog) {
        var names: [Key: Mark] = Dictionary(minimumCapacity: resources.count)
        var bedrockNames: [Key: Owner] = Dictionary(minimumCapacity: resources.count)
        for resource in resources {
            let key = Key(kind: resource.kind, name: resource.name)
            if let first = names.updateValue(resource.source, forKey: key) {
                names[key] = first
                log.error(
                    "metadata.name: a \(resource.kind.rawValue) named \"\(resource.name)\" is already defined at \(first)",
                    at: resource.source)
                continue
            }
            switch resource {
            case .provisionedThroughput(let pt):
                let nameKey = Key(kind: .provisionedThroughput, name: pt.provisionedModelName)
                if let first = bedrockNames.updateValue(Owner(mark: pt.source, name: pt.name), forKey: nameKey) {
                    bedrockNames[nameKey] = first
                    log.error(
                        "spec.provisionedModelName: \"\(pt.provisionedModelName)\" is already the provisioned model name of \"\(first.name)\" at \(first.mark); Bedrock names must be unique",
                        at: pt.source)
                }
            case .modelImportJob(let job):
                let nameKey = Key(kind: .modelImportJob, name: job.importedModelName)
                if let first = bedrockNames.updateValue(Owner(mark: job.source, name: job.name), forKey: nameKey) {
                    bedrockNames[nameKey] = first
                    log.error(
                        "spec.importedModelName: \"\(job.importedModelName)\" is already imported by \"\(first.name)\" at \(first.mark); imported model names must be unique",
                        at: job.source)
                }
            }
        }
    }
}
