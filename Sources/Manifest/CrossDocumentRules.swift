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
                    "metadata.name: a \(resource.kind.rawValue) named \"\(resource.name)\" is already defined at "
                        + "\(first)",
                    at: resource.source)
                continue
            }
            let awsName = resource.bedrockName
            let nameKey = Key(kind: resource.kind, name: awsName.value)
            if let first = bedrockNames.updateValue(Owner(mark: resource.source, name: resource.name), forKey: nameKey)
            {
                bedrockNames[nameKey] = first
                log.error(
                    "\(awsName.field): \"\(awsName.value)\" is already the Bedrock name of \"\(first.name)\" "
                        + "at \(first.mark); "
                        + "a \(resource.kind.rawValue)'s Bedrock name must be unique",
                    at: resource.source)
            }
        }
    }
}
