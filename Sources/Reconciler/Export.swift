import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import YAML

/// Manifests for live resources, so a team can start managing what it already has: the stack's
/// own resources (under their manifest names), and with `includeUnmanaged` the ones no stack
/// manages (under their live names, for `plan --adopt`). Planning the result shows no change for
/// the stack's own resources, and only the ownership tags of an adoption for the others.
public struct Export: Sendable {
    public var client: BedrockClient
    public var region: String
    public var concurrency: Int

    public init(client: BedrockClient, region: String, concurrency: Int = LiveStateReader.defaultConcurrency) {
        self.client = client
        self.region = region
        self.concurrency = concurrency
    }

    public struct Result: Sendable {
        public var documents: [YAMLValue]
        /// Resources that could not be exported, and why.
        public var warnings: [String]
    }

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

    /// Reads the account and writes the documents: a `kind: Stack` first, then throughputs,
    /// import jobs, deployments and inference profiles, each sorted by name.
    public func export(
        stack: String, includeUnmanaged: Bool, kinds: Set<ManifestResource.Kind> = Set(ManifestResource.Kind.allCases)
    ) async throws -> Result {
        let live = try await LiveStateReader(
            client: client, region: region, concurrency: concurrency, discovery: .full
        ).read(stack: stack)
        func wanted(_ tags: [String: String]) -> Bool {
            let owner = tags[OwnershipTags.stackKey]
            return owner == stack || (includeUnmanaged && owner == nil)
        }
        var documents: [YAMLValue] = [Self.stackDocument(stack)]
        var warnings: [String] = []
        if kinds.contains(.provisionedThroughput) {
            let exported = Self.exportable(live.throughputs.filter { wanted($0.tags) })
            documents += exported.map(Self.throughputDocument)
        }
        if kinds.contains(.modelImportJob) {
            let models = live.importedModels.filter { wanted($0.tags) }.sorted { $0.name < $1.name }
            let details = try await models.concurrentMap(limit: concurrency) { [client] model in
                try await Self.details(of: model, jobs: live.importJobs, client: client)
            }
            for (model, found) in zip(models, details) {
                switch found {
                case .success(let details): documents.append(Self.importDocument(model, details))
                case .failure(let why): warnings.append("ImportedModel \(model.name) was not exported: \(why.message)")
                }
            }
        }
        if kinds.contains(.customModelDeployment) {
            documents += live.deployments.filter { wanted($0.tags) }.sorted { $0.name < $1.name }.map(
                Self.deploymentDocument)
        }
        if kinds.contains(.inferenceProfile) {
            let profiles = live.inferenceProfiles.filter { wanted($0.tags) }.sorted { $0.name < $1.name }
            let system =
                profiles.contains { $0.models.count > 1 }
                ? try await client.listInferenceProfiles(type: .systemDefined).collect() : []
            for profile in profiles {
                if let source = Self.copyFrom(profile, system: system) {
                    documents.append(Self.inferenceProfileDocument(profile, copyFrom: source))
                } else {
                    warnings.append(
                        "InferenceProfile \(profile.name) was not exported: no foundation model or system-defined "
                            + "profile has its models (\(profile.models.joined(separator: ", ")))")
                }
            }
        }
        return Result(documents: documents, warnings: warnings)
    }

    struct NotExportable: Error {
        var message: String
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

    /// One throughput per manifest name: the temporary throughput of an unfinished
    /// create-before-destroy (`NAME-bctl-next`) is left out while the original is there.
    static func exportable(_ throughputs: [LiveState.Throughput]) -> [LiveState.Throughput] {
        let byName = Dictionary(grouping: throughputs) { manifestName($0.tags) ?? $0.name }
        return byName.keys.sorted().compactMap { name in
            let claimants = byName[name] ?? []
            return claimants.first { $0.name != Planner.temporaryName(name) } ?? claimants.first
        }
    }

    static func manifestName(_ tags: [String: String]) -> String? { tags[OwnershipTags.nameKey] }

    static func userTags(_ tags: [String: String]) -> [String: String] {
        tags.filter { !$0.key.hasPrefix(OwnershipTags.prefix) }
    }

    static func tagMapping(_ tags: [String: String]) -> YAMLValue {
        .mapping(tags.sorted { $0.key < $1.key }.map { YAMLValue.Entry($0.key, .string($0.value)) })
    }

    static func header(kind: String, name: String) -> [YAMLValue.Entry] {
        [
            .init("apiVersion", .string("bedrockctl/v1")), .init("kind", .string(kind)),
            .init("metadata", .mapping([.init("name", .string(name))])),
        ]
    }

    static func stackDocument(_ stack: String) -> YAMLValue {
        .mapping(header(kind: StackDeclaration.kind, name: stack))
    }

    /// A foundation model by its id, as manifests usually name it; a custom model by its ARN.
    static func modelId(_ arn: String) -> String { BedrockARN(arn)?.foundationModelId ?? arn }

    static func throughputDocument(_ t: LiveState.Throughput) -> YAMLValue {
        let name = manifestName(t.tags) ?? t.name
        var spec: [YAMLValue.Entry] = []
        if t.name != name { spec.append(.init("provisionedModelName", .string(t.name))) }
        spec.append(.init("modelId", .string(modelId(t.modelArn))))
        spec.append(.init("modelUnits", .integer(t.modelUnits)))
        if let commitment = t.commitmentDuration {
            spec.append(.init("commitmentDuration", .string(commitment.rawValue)))
        }
        let tags = userTags(t.tags)
        if !tags.isEmpty { spec.append(.init("tags", tagMapping(tags))) }
        return .mapping(
            header(kind: ManifestResource.Kind.provisionedThroughput.rawValue, name: name) + [
                .init("spec", .mapping(spec))
            ])
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
        let modelTags = userTags(model.tags)
        if !modelTags.isEmpty { spec.append(.init("importedModelTags", tagMapping(modelTags))) }
        return .mapping(
            header(kind: ManifestResource.Kind.modelImportJob.rawValue, name: name) + [
                .init("spec", .mapping(spec))
            ])
    }
}
