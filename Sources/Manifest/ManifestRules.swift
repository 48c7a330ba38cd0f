import BedrockConstraints

/// The rules of the manifest format that are values: which service shape each string field must
/// fit, the enumerations, the numeric and list bounds, and the tag rules. The decoder checks each
/// field with its rule from here and `ManifestSchema` prints the same values, so a rule changed
/// here changes both the validator and the schema.
enum ManifestRules {
    static let throughput = ManifestResource.Kind.provisionedThroughput.rawValue
    static let importJob = ManifestResource.Kind.modelImportJob.rawValue
    static let stack = StackDeclaration.kind

    // MARK: - String fields

    static let throughputName = StringRule(throughput, ["metadata", "name"], .provisionedModelName)
    static let provisionedModelName = StringRule(throughput, ["spec", "provisionedModelName"], .provisionedModelName)
    static let modelId = StringRule(throughput, ["spec", "modelId"], .modelIdentifier)
    static let jobName = StringRule(importJob, ["metadata", "name"], .jobName)
    static let importedModelName = StringRule(importJob, ["spec", "importedModelName"], .importedModelName)
    static let roleArn = StringRule(importJob, ["spec", "roleArn"], .roleArn)
    static let s3Uri = StringRule(importJob, ["spec", "modelDataSource", "s3DataSource", "s3Uri"], .s3Uri)
    static let kmsKeyId = StringRule(importJob, ["spec", "importedModelKmsKeyId"], .kmsKeyId)
    static let subnetId = StringRule(importJob, ["spec", "vpcConfig", "subnetIds"], item: .subnetId)
    static let securityGroupId = StringRule(
        importJob, ["spec", "vpcConfig", "securityGroupIds"], item: .securityGroupId)
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

    /// `spec.modelUnits`: an integer, at least this.
    static let minModelUnits = BedrockLimits.minModelUnits
    /// `spec.commitmentDuration`: one of these, or absent for no commitment.
    static let commitmentDurations = CommitmentDuration.allCases.map(\.rawValue)
    /// `spec.replacement`: one of these; absent means the first.
    static let replacementStrategies = ReplacementStrategy.allCases.map(\.rawValue)
    /// `vpcConfig.subnetIds` and `vpcConfig.securityGroupIds`: how many entries, none repeated.
    static let subnetIdCount = BedrockLimits.subnetIds
    static let securityGroupIdCount = BedrockLimits.securityGroupIds
    /// The document kinds the decoder accepts.
    static let kinds = ManifestResource.Kind.allCases.map(\.rawValue) + [StackDeclaration.kind]
}
