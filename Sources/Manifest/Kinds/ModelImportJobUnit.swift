import BedrockConstraints
import YAML

/// Desired state of one Custom Model Import (`kind: ModelImportJob`): the job that imports model
/// weights from S3, and the imported model it leaves behind.
public struct ModelImportJobSpec: Sendable, Hashable {
    public struct VpcConfig: Sendable, Hashable {
        public var subnetIds: [String]
        public var securityGroupIds: [String]

        public init(subnetIds: [String], securityGroupIds: [String]) {
            self.subnetIds = subnetIds
            self.securityGroupIds = securityGroupIds
        }
    }

    /// `metadata.name`: identity in the stack, and the job's `jobName`.
    public var name: String
    public var importedModelName: String
    public var roleArn: String
    /// `spec.modelDataSource.s3DataSource.s3Uri`.
    public var s3Uri: String
    public var importedModelKmsKeyId: String?
    public var vpcConfig: VpcConfig?
    public var jobTags: [String: String]
    public var importedModelTags: [String: String]
    public var source: Mark

    public init(
        name: String, importedModelName: String, roleArn: String, s3Uri: String,
        importedModelKmsKeyId: String? = nil, vpcConfig: VpcConfig? = nil,
        jobTags: [String: String] = [:], importedModelTags: [String: String] = [:], source: Mark
    ) {
        self.name = name
        self.importedModelName = importedModelName
        self.roleArn = roleArn
        self.s3Uri = s3Uri
        self.importedModelKmsKeyId = importedModelKmsKeyId
        self.vpcConfig = vpcConfig
        self.jobTags = jobTags
        self.importedModelTags = importedModelTags
        self.source = source
    }
}

extension ModelImportJobSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .modelImportJob }
    public var bedrockName: (field: String, value: String) { ("spec.importedModelName", importedModelName) }
}

extension ManifestResource {
    /// A resource of this kind.
    public static func modelImportJob(_ spec: ModelImportJobSpec) -> ManifestResource { ManifestResource(spec) }
}

/// `kind: ModelImportJob`: its fields, rules, schema and decoder.
enum ModelImportJobUnit: ManifestKindUnit {
    static var kind: ManifestResource.Kind { .modelImportJob }
    static var kindName: String { kind.rawValue }
    static let specFields = KeySet([
        "importedModelName", "roleArn", "modelDataSource", "importedModelKmsKeyId", "vpcConfig", "jobTags",
        "importedModelTags",
    ])
    static let modelDataSourceFields = KeySet(["s3DataSource"])
    static let s3DataSourceFields = KeySet(["s3Uri"])
    static let vpcConfigFields = KeySet(["subnetIds", "securityGroupIds"])
    static let jobName = StringRule(kindName, ["metadata", "name"], .jobName)
    static let importedModelName = StringRule(kindName, ["spec", "importedModelName"], .importedModelName)
    static let roleArn = StringRule(kindName, ["spec", "roleArn"], .roleArn)
    static let s3Uri = StringRule(kindName, ["spec", "modelDataSource", "s3DataSource", "s3Uri"], .s3Uri)
    static let kmsKeyId = StringRule(kindName, ["spec", "importedModelKmsKeyId"], .kmsKeyId)
    static let subnetId = StringRule(kindName, ["spec", "vpcConfig", "subnetIds"], item: .subnetId)
    static let securityGroupId = StringRule(
        kindName, ["spec", "vpcConfig", "securityGroupIds"], item: .securityGroupId)
    /// `vpcConfig.subnetIds` and `vpcConfig.securityGroupIds`: how many entries, none repeated.
    static let subnetIdCount = BedrockLimits.subnetIds
    static let securityGroupIdCount = BedrockLimits.securityGroupIds
    static var strings: [StringRule] {
        [jobName, importedModelName, roleArn, s3Uri, kmsKeyId, subnetId, securityGroupId]
    }
    static var tagFields: [[String]] { [["spec", "jobTags"], ["spec", "importedModelTags"]] }

    static var schema: OrderedJSON {
        ManifestSchema.resource(
            ManifestSchema.metadata(jobName, "Identity in the stack, and the import job's jobName."),
            spec: specSchema, required: ["metadata", "spec"])
    }

    static var specSchema: OrderedJSON {
        let s3 = ManifestSchema.object(
            s3DataSourceFields, required: ["s3Uri"], nullable: false,
            ["s3Uri": ManifestSchema.string(s3Uri, "Where the model's files are: an s3:// folder.")])
        return ManifestSchema.object(
            specFields, required: ["importedModelName", "roleArn", "modelDataSource"], nullable: false,
            [
                "importedModelName": ManifestSchema.string(importedModelName, "The name of the imported model."),
                "roleArn": ManifestSchema.string(roleArn, "The IAM role Bedrock assumes to read the model's files."),
                "modelDataSource": ManifestSchema.object(
                    modelDataSourceFields, required: ["s3DataSource"], nullable: false, ["s3DataSource": s3]),
                "importedModelKmsKeyId": ManifestSchema.string(
                    kmsKeyId, "The KMS key that encrypts the imported model.", optional: true),
                "vpcConfig": ManifestSchema.object(
                    vpcConfigFields, required: ["subnetIds", "securityGroupIds"], nullable: true,
                    [
                        "subnetIds": ManifestSchema.list(subnetId, count: subnetIdCount, "Subnet ids."),
                        "securityGroupIds": ManifestSchema.list(
                            securityGroupId, count: securityGroupIdCount,
                            "Security group ids."),
                    ]),
                "jobTags": ManifestSchema.tags,
                "importedModelTags": ManifestSchema.tags,
            ])
    }

    static func decode(
        metadata: MappingReader?, spec: MappingReader?, source: Mark, log: inout DiagnosticLog
    ) -> ManifestResource? {
        let name = metadata?.string(Self.jobName, required: true, log: &log)
        guard let spec else { return nil }
        let modelName = spec.string(Self.importedModelName, required: true, log: &log)
        let roleArn = spec.string(Self.roleArn, required: true, log: &log)
        var s3Uri: String?
        if let source = spec.mapping(
            "modelDataSource", fields: Self.modelDataSourceFields, required: true, log: &log)
        {
            if let s3 = source.mapping("s3DataSource", fields: Self.s3DataSourceFields, required: true, log: &log) {
                s3Uri = s3.string(Self.s3Uri, required: true, log: &log)
            }
        }
        let kms = spec.string(Self.kmsKeyId, required: false, log: &log)
        var vpc: ModelImportJobSpec.VpcConfig?
        if let config = spec.mapping("vpcConfig", fields: Self.vpcConfigFields, required: false, log: &log) {
            let subnets = idList(config, Self.subnetId, count: Self.subnetIdCount, log: &log)
            let groups = idList(
                config, Self.securityGroupId, count: Self.securityGroupIdCount, log: &log)
            if let subnets, let groups { vpc = .init(subnetIds: subnets, securityGroupIds: groups) }
        }
        let jobTags = TagReader.read(spec, "jobTags", log: &log)
        let modelTags = TagReader.read(spec, "importedModelTags", log: &log)
        guard let name, let modelName, let roleArn, let s3Uri else { return nil }
        return .modelImportJob(
            ModelImportJobSpec(
                name: name, importedModelName: modelName, roleArn: roleArn, s3Uri: s3Uri,
                importedModelKmsKeyId: kms, vpcConfig: vpc, jobTags: jobTags,
                importedModelTags: modelTags, source: source))
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
