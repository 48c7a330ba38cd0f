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
