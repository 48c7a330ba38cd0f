import YAML

/// Turns one YAML document into a typed resource, logging every problem it finds on the way.
/// Returns nil when the document has an error (its other problems are still all logged).
enum DocumentDecoder {
    static func decode(
        _ document: YAMLDocument, log: inout DiagnosticLog, stacks: inout [StackDeclaration]
    ) -> ManifestResource? {
        let errorsBefore = log.errorCount
        let root = document.root
        if root.kind == .mapping && root.value(forKey: "apiVersion") == nil && root.value(forKey: "kind") == nil {
            log.error(
                "document: not a bedrockctl manifest: it has neither apiVersion nor kind (expected apiVersion: "
                    + "\(ManifestAPI.version) and a kind)",
                at: root.mark)
            return nil
        }
        guard let root = MappingReader(root, path: "", fields: ManifestFields.document, log: &log) else { return nil }
        if let version = root.string("apiVersion", required: true, log: &log), version != ManifestAPI.version {
            log.error(
                "apiVersion: unsupported version \"\(version)\"; this bedrockctl reads \(ManifestAPI.version)",
                at: root.field("apiVersion")!.mark)
        }
        var kind: ManifestResource.Kind?
        if let text = root.string("kind", required: true, log: &log) {
            if text == StackDeclaration.kind {
                decodeStack(root, log: &log, stacks: &stacks)
                return nil
            }
            kind = ManifestResource.Kind(rawValue: text)
            if kind == nil {
                let kinds = ManifestResource.Kind.allCases.map(\.rawValue) + [StackDeclaration.kind]
                log.error(
                    "kind: unknown kind \"\(text)\"\(Suggestion.hint(for: text, in: kinds))",
                    at: root.field("kind")!.mark)
            }
        }
        let metadata = root.mapping("metadata", fields: ManifestFields.metadata, required: true, log: &log)
        let spec = root.mapping("spec", fields: specFields(kind), required: true, log: &log)

        var resource: ManifestResource?
        if let kind {
            resource = kind.unit.decode(metadata: metadata, spec: spec, source: document.root.mark, log: &log)
        } else {
            _ = metadata?.string("name", required: true, log: &log)
        }
        return log.errorCount == errorsBefore ? resource : nil
    }

    /// `kind: Stack`: names the stack the other documents belong to, and what it may cost.
    static func decodeStack(_ root: MappingReader, log: inout DiagnosticLog, stacks: inout [StackDeclaration]) {
        let errorsBefore = log.errorCount
        let metadata = root.mapping("metadata", fields: ManifestFields.metadata, required: true, log: &log)
        let spec = root.mapping("spec", fields: StackCostPolicy.specFields, required: false, log: &log)
        let policy = spec.map { StackCostPolicy.decode($0, log: &log) } ?? StackCostPolicy()
        guard let metadata,
            let name = metadata.string(ManifestRules.stackName, required: true, log: &log),
            log.errorCount == errorsBefore
        else { return }
        stacks.append(StackDeclaration(name: name, source: root.node.mark, costPolicy: policy))
    }

    /// The fields a kind's spec takes; nil (any) when the kind is unknown, which is reported once.
    static func specFields(_ kind: ManifestResource.Kind?) -> KeySet? { kind?.unit.specFields }
}
