import YAML

/// The fields each mapping of a manifest takes, in the order the format documents them.
enum ManifestFields {
    static let document = KeySet(["apiVersion", "kind", "metadata", "spec"])
    static let metadata = KeySet(["name"])
    static let throughputSpec = KeySet([
        "provisionedModelName", "modelId", "modelUnits", "commitmentDuration", "tags", "replacement", "smokeTest",
    ])
    static let smokeTest = KeySet(["body", "contentType", "accept", "stream", "contains"])
    static let importSpec = KeySet([
        "importedModelName", "roleArn", "modelDataSource", "importedModelKmsKeyId", "vpcConfig", "jobTags",
        "importedModelTags",
    ])
    static let modelDataSource = KeySet(["s3DataSource"])
    static let s3DataSource = KeySet(["s3Uri"])
    static let vpcConfig = KeySet(["subnetIds", "securityGroupIds"])
}
