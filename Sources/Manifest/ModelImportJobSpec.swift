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
