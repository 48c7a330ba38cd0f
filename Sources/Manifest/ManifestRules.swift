import BedrockConstraints

/// The rules of the manifest format that are values and belong to no one kind: the stack's name,
/// the tag rules, and the table of every string rule. Each kind's own rules (which service shape
/// each string field must fit, its enumerations and bounds) are in its unit under `Kinds/`. The
/// decoder checks each field with its rule and `ManifestSchema` prints the same values, so a rule
/// changed changes both the validator and the schema.
enum ManifestRules {
    static let stack = StackDeclaration.kind

    // MARK: - String fields

    static let stackName = StringRule(stack, ["metadata", "name"], StackDeclaration.nameConstraint)

    // MARK: - Tags

    /// The tag mappings: `tags` of a throughput, `jobTags` and `importedModelTags` of an import job.
    static let tagFields: [(kind: String, path: [String])] = ManifestResource.Kind.allCases.flatMap { kind in
        kind.unit.tagFields.map { (kind.rawValue, $0) }
    }
    static let tagKey = StringConstraint.tagKey
    static let tagValue = StringConstraint.tagValue
    /// Tags a manifest may set on one resource: Bedrock's quota less the ownership tags bedrockctl adds.
    static let maxTags = BedrockLimits.maxTagsPerResource - OwnershipTags.all.count
    /// Tag key prefixes a manifest may not use, compared without regard to ASCII case.
    static let reservedTagPrefixes = [BedrockLimits.reservedTagPrefix, OwnershipTags.prefix]

    /// Every string rule the decoder checks, tag keys and values included.
    static let strings: [StringRule] =
        ManifestResource.Kind.allCases.flatMap { $0.unit.strings } + [stackName]
        + tagFields.flatMap { field in
            [
                StringRule(field.kind, field.path.map(StringRule.Step.field) + [.anyKey], tagKey),
                StringRule(field.kind, field.path.map(StringRule.Step.field) + [.anyValue], tagValue),
            ]
        }

    // MARK: - Other values

    /// The document kinds the decoder accepts.
    static let kinds = ManifestResource.Kind.allCases.map(\.rawValue) + [StackDeclaration.kind]
}
