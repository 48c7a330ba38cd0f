import BedrockConstraints
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

    /// `kind: Stack`: names the stack the other documents belong to; it takes no spec.
    static func decodeStack(_ root: MappingReader, log: inout DiagnosticLog, stacks: inout [StackDeclaration]) {
        let metadata = root.mapping("metadata", fields: ManifestFields.metadata, required: true, log: &log)
        if let spec = root.field("spec"), !spec.isNull {
            log.error("spec: a Stack takes no spec", at: spec.mark)
        }
        guard let metadata,
            let name = metadata.string(ManifestRules.stackName, required: true, log: &log)
        else { return }
        stacks.append(StackDeclaration(name: name, source: root.node.mark))
    }

    /// The fields a kind's spec takes; nil (any) when the kind is unknown, which is reported once.
    static func specFields(_ kind: ManifestResource.Kind?) -> KeySet? { kind?.unit.specFields }

    static func provisionedThroughput(
        _ spec: MappingReader, name: String?, source: Mark, log: inout DiagnosticLog
    ) -> ProvisionedThroughputSpec? {
        let modelName = spec.string(ManifestRules.provisionedModelName, required: false, log: &log)
        let modelId = spec.string(ManifestRules.modelId, required: true, log: &log)
        if let modelId, let mark = spec.field("modelId")?.mark {
            ModelIdCheck.warnIfUnknown(modelId, path: spec.fieldPath("modelId"), at: mark, log: &log)
        }
        var units: Int?
        if let (value, mark) = spec.int("modelUnits", required: true, log: &log) {
            if value < ManifestRules.minModelUnits {
                log.error(
                    "\(spec.fieldPath("modelUnits")): must be at least \(ManifestRules.minModelUnits), got \(value)",
                    at: mark)
            } else {
                units = value
            }
        }
        var commitment: CommitmentDuration?
        if let text = spec.string("commitmentDuration", required: false, log: &log) {
            commitment = CommitmentDuration(rawValue: text)
            if commitment == nil {
                let options = CommitmentDuration.allCases.map(\.rawValue)
                log.error(
                    "\(spec.fieldPath("commitmentDuration")): \"\(text)\" is not a commitment "
                        + "duration\(Suggestion.hint(for: text, in: options)) (omit the field for no commitment)",
                    at: spec.field("commitmentDuration")!.mark)
            }
        }
        var replacement = ReplacementStrategy.destroyBeforeCreate
        if let text = spec.string("replacement", required: false, log: &log) {
            if let strategy = ReplacementStrategy(rawValue: text) {
                replacement = strategy
            } else {
                let options = ReplacementStrategy.allCases.map(\.rawValue)
                log.error(
                    "\(spec.fieldPath("replacement")): \"\(text)\" is not a replacement "
                        + "strategy\(Suggestion.hint(for: text, in: options)) "
                        + "(\(options.joined(separator: " or ")))", at: spec.field("replacement")!.mark)
            }
        }
        let tags = TagReader.read(spec, "tags", log: &log)
        let smokeTest = SmokeTest.read(spec, log: &log)
        guard let name, let modelId, let units else { return nil }
        return ProvisionedThroughputSpec(
            name: name, provisionedModelName: modelName, modelId: modelId, modelUnits: units,
            commitmentDuration: commitment, tags: tags, replacement: replacement, smokeTest: smokeTest, source: source)
    }

    static func modelImportJob(
        _ spec: MappingReader, name: String?, source: Mark, log: inout DiagnosticLog
    ) -> ModelImportJobSpec? {
        let modelName = spec.string(ManifestRules.importedModelName, required: true, log: &log)
        let roleArn = spec.string(ManifestRules.roleArn, required: true, log: &log)
        var s3Uri: String?
        if let source = spec.mapping(
            "modelDataSource", fields: ManifestFields.modelDataSource, required: true, log: &log)
        {
            if let s3 = source.mapping("s3DataSource", fields: ManifestFields.s3DataSource, required: true, log: &log) {
                s3Uri = s3.string(ManifestRules.s3Uri, required: true, log: &log)
            }
        }
        let kms = spec.string(ManifestRules.kmsKeyId, required: false, log: &log)
        var vpc: ModelImportJobSpec.VpcConfig?
        if let config = spec.mapping("vpcConfig", fields: ManifestFields.vpcConfig, required: false, log: &log) {
            let subnets = idList(config, ManifestRules.subnetId, count: ManifestRules.subnetIdCount, log: &log)
            let groups = idList(
                config, ManifestRules.securityGroupId, count: ManifestRules.securityGroupIdCount, log: &log)
            if let subnets, let groups { vpc = .init(subnetIds: subnets, securityGroupIds: groups) }
        }
        let jobTags = TagReader.read(spec, "jobTags", log: &log)
        let modelTags = TagReader.read(spec, "importedModelTags", log: &log)
        guard let name, let modelName, let roleArn, let s3Uri else { return nil }
        return ModelImportJobSpec(
            name: name, importedModelName: modelName, roleArn: roleArn, s3Uri: s3Uri,
            importedModelKmsKeyId: kms, vpcConfig: vpc, jobTags: jobTags,
            importedModelTags: modelTags, source: source)
    }

    private static func idList(
        _ reader: MappingReader, _ rule: StringRule, count: ClosedRange<Int>, log: inout DiagnosticLog
    ) -> [String]? {
        let key = rule.key
        guard let (items, mark) = reader.list(key, required: true, log: &log) else { return nil }
        let path = reader.fieldPath(key)
        var ok = true
        if !count.contains(items.count) {
            log.error(
                "\(path): has \(items.count) entries; it takes \(count.lowerBound) to \(count.upperBound)", at: mark)
            ok = false
        }
        var ids: [String] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            func itemPath() -> String { "\(path)[\(index)]" }
            guard let id = MappingReader.string(item, path: itemPath(), log: &log),
                MappingReader.check(id, rule.constraint, path: itemPath(), at: item.mark, log: &log)
            else {
                ok = false
                continue
            }
            if !seen.insert(id).inserted {
                log.error("\(itemPath()): \"\(id)\" is listed twice", at: item.mark)
                ok = false
            }
            ids.append(id)
        }
        return ok ? ids : nil
    }
}
