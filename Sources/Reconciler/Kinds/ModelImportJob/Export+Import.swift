import AWSClient
import Manifest
import YAML

extension Export {
    /// What an import job's manifest needs beyond the lists: the job's settings and the model's source.
    public struct ImportDetails: Sendable, Hashable {
        public var roleArn: String
        public var s3Uri: String
        public var kmsKeyArn: String?
        public var vpc: Bedrock.VpcConfig?
        public var jobName: String
        public var jobTags: [String: String]

        public init(
            roleArn: String, s3Uri: String, kmsKeyArn: String?, vpc: Bedrock.VpcConfig?, jobName: String,
            jobTags: [String: String]
        ) {
            self.roleArn = roleArn
            self.s3Uri = s3Uri
            self.kmsKeyArn = kmsKeyArn
            self.vpc = vpc
            self.jobName = jobName
            self.jobTags = jobTags
        }
    }

    /// The job that made `model` and the model's source.
    static func details(
        of model: LiveState.ImportedModel, jobs: [LiveState.ImportJob], client: BedrockClient
    ) async throws -> Swift.Result<ImportDetails, NotExportable> {
        let candidates = jobs.filter { $0.importedModelArn == model.arn || $0.importedModelName == model.name }
        guard let job = candidates.filter({ $0.status == .completed }).max(by: { $0.creationTime < $1.creationTime })
        else {
            return .failure(NotExportable(message: "no completed import job made it, so its role is unknown"))
        }
        let full = try await client.getModelImportJob(job.arn)
        // The live read has the source of the stack's own models; the others' is read here.
        var source = model.s3Uri
        if source == nil { source = try await client.getImportedModel(model.arn).modelDataSource?.s3DataSource?.s3Uri }
        guard let roleArn = full.roleArn, let s3Uri = source ?? full.modelDataSource?.s3DataSource?.s3Uri else {
            return .failure(NotExportable(message: "its import job \(job.jobName) has no role or source"))
        }
        return .success(
            ImportDetails(
                roleArn: roleArn, s3Uri: s3Uri, kmsKeyArn: full.importedModelKmsKeyArn, vpc: full.vpcConfig,
                jobName: job.jobName, jobTags: job.tags))
    }

    static func importDocument(_ model: LiveState.ImportedModel, _ details: ImportDetails) -> YAMLValue {
        let name = manifestName(model.tags) ?? details.jobName
        var spec: [YAMLValue.Entry] = [
            .init("importedModelName", .string(model.name)), .init("roleArn", .string(details.roleArn)),
            .init(
                "modelDataSource",
                .mapping([.init("s3DataSource", .mapping([.init("s3Uri", .string(details.s3Uri))]))])),
        ]
        if let kms = details.kmsKeyArn { spec.append(.init("importedModelKmsKeyId", .string(kms))) }
        if let vpc = details.vpc {
            spec.append(
                .init(
                    "vpcConfig",
                    .mapping([
                        .init("subnetIds", .sequence(vpc.subnetIds.map(YAMLValue.string), flow: true)),
                        .init("securityGroupIds", .sequence(vpc.securityGroupIds.map(YAMLValue.string), flow: true)),
                    ])))
        }
        let jobTags = userTags(details.jobTags)
        if !jobTags.isEmpty { spec.append(.init("jobTags", tagMapping(jobTags))) }
        return document(
            kind: .modelImportJob, name: name, spec: spec, tags: model.tags, tagsKey: "importedModelTags")
    }
}
