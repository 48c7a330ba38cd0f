import YAML

/// One resource kind's manifest half: its spec's fields, the string rules they obey, how a
/// document decodes into the kind's spec, and its JSON Schema. The decoder, the rule table and
/// the schema iterate `ManifestResource.Kind.allCases` through `unit`, whose switch makes a new
/// kind a compile error until it has a unit.
protocol ManifestKindUnit {
    static var kind: ManifestResource.Kind { get }
    /// The fields `spec` takes.
    static var specFields: KeySet { get }
    /// Every string rule of the kind (tag mappings are listed in `tagFields`).
    static var strings: [StringRule] { get }
    /// The paths of the kind's tag mappings.
    static var tagFields: [[String]] { get }
    /// The JSON Schema of a document of the kind (its metadata and spec).
    static var schema: OrderedJSON { get }
    /// Decodes a document's metadata and spec, logging every problem.
    static func decode(
        metadata: MappingReader?, spec: MappingReader?, source: Mark, log: inout DiagnosticLog
    ) -> ManifestResource?
}

extension ManifestResource.Kind {
    /// The kind's manifest unit.
    var unit: any ManifestKindUnit.Type {
        switch self {
        case .provisionedThroughput: return ProvisionedThroughputUnit.self
        case .modelImportJob: return ModelImportJobUnit.self
        case .customModelDeployment: return CustomModelDeploymentUnit.self
        case .inferenceProfile: return InferenceProfileUnit.self
        }
    }
}

/// `kind: ProvisionedThroughput`, through the decoder and schema it has had from the start.
enum ProvisionedThroughputUnit: ManifestKindUnit {
    static var kind: ManifestResource.Kind { .provisionedThroughput }
    static var specFields: KeySet { ManifestFields.throughputSpec }
    static var strings: [StringRule] {
        [ManifestRules.throughputName, ManifestRules.provisionedModelName, ManifestRules.modelId]
    }
    static var tagFields: [[String]] { [["spec", "tags"]] }
    static var schema: OrderedJSON {
        ManifestSchema.resource(
            ManifestSchema.metadata(
                ManifestRules.throughputName,
                "Identity in the stack; also the provisioned model name "
                    + "when spec.provisionedModelName is absent. Keep it stable: it is not sent as a rename."),
            spec: ManifestSchema.throughputSpec, required: ["metadata", "spec"])
    }

    static func decode(
        metadata: MappingReader?, spec: MappingReader?, source: Mark, log: inout DiagnosticLog
    ) -> ManifestResource? {
        let name = metadata?.string(ManifestRules.throughputName, required: true, log: &log)
        guard let spec else { return nil }
        return DocumentDecoder.provisionedThroughput(spec, name: name, source: source, log: &log).map {
            .provisionedThroughput($0)
        }
    }
}

/// `kind: ModelImportJob`, through the decoder and schema it has had from the start.
enum ModelImportJobUnit: ManifestKindUnit {
    static var kind: ManifestResource.Kind { .modelImportJob }
    static var specFields: KeySet { ManifestFields.importSpec }
    static var strings: [StringRule] {
        [
            ManifestRules.jobName, ManifestRules.importedModelName, ManifestRules.roleArn, ManifestRules.s3Uri,
            ManifestRules.kmsKeyId, ManifestRules.subnetId, ManifestRules.securityGroupId,
        ]
    }
    static var tagFields: [[String]] { [["spec", "jobTags"], ["spec", "importedModelTags"]] }
    static var schema: OrderedJSON {
        ManifestSchema.resource(
            ManifestSchema.metadata(ManifestRules.jobName, "Identity in the stack, and the import job's jobName."),
            spec: ManifestSchema.importSpec, required: ["metadata", "spec"])
    }

    static func decode(
        metadata: MappingReader?, spec: MappingReader?, source: Mark, log: inout DiagnosticLog
    ) -> ManifestResource? {
        let name = metadata?.string(ManifestRules.jobName, required: true, log: &log)
        guard let spec else { return nil }
        return DocumentDecoder.modelImportJob(spec, name: name, source: source, log: &log).map { .modelImportJob($0) }
    }
}
