import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import YAML

/// `kind: ModelImportJob`: a job that imports model weights, and the imported model it leaves;
/// a failed or vanished import is retried under a new job name (`NAME-rN`).
enum ImportJobKind: ReconcilerKindUnit {
    static var kind: PlanAction.Kind { .modelImportJob }
    static var taggingTypes: [String] { ["bedrock:model-import-job", "bedrock:imported-model"] }

    static func plan(
        _ desired: [ManifestResource], live: LiveState, planner: Planner, into draft: inout Planner.Draft
    ) {
        let specs = desired.compactMap { $0.spec(ModelImportJobSpec.self) }
        for job in specs { planner.planImport(job, live: live, into: &draft) }
        planner.planImportPrune(desired: Set(specs.map(\.name)), live: live, into: &draft)
    }

    /// Its job name (`job:NAME`) and its imported model's (`model:NAME`): one kind, two name spaces.
    static func wantedNames(of resource: ManifestResource) -> Set<String> {
        guard let job = resource.spec(ModelImportJobSpec.self) else { return [] }
        return ["job:\(job.name)", "model:\(job.importedModelName)"]
    }

    /// Whether `wanted` holds the job `name`, or the job it retries (`NAME-rN`).
    static func wantsJob(_ name: String, in wanted: Set<String>) -> Bool {
        if wanted.contains("job:\(name)") { return true }
        guard let range = name.range(of: "-r", options: .backwards), Int(name[range.upperBound...]) != nil else {
            return false
        }
        return wanted.contains("job:\(name[..<range.lowerBound])")
    }

    /// Where an imported model of the stack came from (its S3 URI): the list leaves it out.
    static func detail(
        of arn: String, tags: [String: String], stack: String, client: BedrockClient
    ) async throws -> (any Sendable)? {
        guard BedrockARN(arn)?.type == .importedModel, tags[OwnershipTags.stackKey] == stack else { return nil }
        return try await client.getImportedModel(arn).modelDataSource?.s3DataSource?.s3Uri
    }

    /// Import jobs and the imported models they left: one kind, two lists.
    static func list(_ client: BedrockClient, wanted: Set<String>) async throws -> KindListing {
        async let jobList = client.listModelImportJobs(.init(maxResults: LiveStateReader.pageSize)).collect()
        async let modelList = client.listImportedModels(.init(maxResults: LiveStateReader.pageSize)).collect()
        let (jobs, models) = try await (jobList, modelList)
        return KindListing(
            resources: jobs.map { ($0.jobArn, wantsJob($0.jobName, in: wanted)) }
                + models.map { ($0.modelArn, wanted.contains("model:\($0.modelName)")) }
        ) { state, read in
            state.importJobs = jobs.filter { read.here($0.jobArn) }.map { s in
                LiveState.ImportJob(
                    arn: s.jobArn, jobName: s.jobName, status: s.status, importedModelName: s.importedModelName,
                    importedModelArn: s.importedModelArn, creationTime: s.creationTime, failureMessage: nil,
                    tags: read.tags(s.jobArn))
            }
            state.importedModels = models.filter { read.here($0.modelArn) }.map { s in
                LiveState.ImportedModel(
                    arn: s.modelArn, name: s.modelName, creationTime: s.creationTime,
                    s3Uri: read.detail(s.modelArn, as: String.self), tags: read.tags(s.modelArn))
            }
        }
    }

    /// Why an owned job failed, which the lists leave out (where an owned imported model came
    /// from was read beside its tags).
    static func complete(_ state: inout LiveState, stack: String, reader: LiveStateReader) async throws {
        let jobs = state.importJobs
        let failed = jobs.indices.filter {
            jobs[$0].status == .failed && jobs[$0].tags[OwnershipTags.stackKey] == stack
        }
        let messages = try await failed.map { jobs[$0].arn }.concurrentMap(limit: reader.concurrency) {
            [client = reader.client] arn in
            try await client.getModelImportJob(arn).failureMessage
        }
        for (index, message) in zip(failed, messages) { state.importJobs[index].failureMessage = message }
    }

    static var getKinds: [String] { ["import-jobs", "imported-models"] }

    static func rows(_ live: LiveState) -> [(getKind: String, row: LiveRow)] {
        live.importJobs.map { j in
            (
                "import-jobs",
                LiveRow(
                    kind: kind.rawValue, name: j.jobName, status: j.status.rawValue, model: j.importedModelName ?? "-",
                    tags: j.tags, arn: j.arn)
            )
        }
            + live.importedModels.map { m in
                (
                    "imported-models",
                    LiveRow(
                        kind: "ImportedModel", name: m.name, status: "Active", model: m.s3Uri ?? "-", tags: m.tags,
                        arn: m.arn)
                )
            }
    }

    /// The imported models: a job's attempts stay after it is done with, and own nothing.
    static func owned(_ live: LiveState) -> [(arn: String, tags: [String: String])] {
        live.importedModels.map { ($0.arn, $0.tags) }
    }

    static func tagged(_ live: LiveState) -> [(description: String, name: String, arn: String, tags: [String: String])]
    {
        live.importJobs.map { ("import job \($0.jobName)", "job:\($0.jobName)", $0.arn, $0.tags) }
            + live.importedModels.map { ("imported model \($0.name)", "model:\($0.name)", $0.arn, $0.tags) }
    }

    static func digestLine(_ resource: ManifestResource) -> String {
        guard let job = resource.spec(ModelImportJobSpec.self) else { return "" }
        return "MIJ \(job.name) \(Tokens.importSpec(job)) \(job.jobTags.sorted { $0.key < $1.key }) "
            + "\(job.importedModelTags.sorted { $0.key < $1.key })"
    }

    static func invocable(
        _ resource: ManifestResource, bedrock: BedrockClient
    ) async throws -> Result<String, SmokeTestRunner.NotReady> {
        .failure(.init(message: "\(resource.name): a ModelImportJob has no smoke test"))
    }

    static let liveRecords: [any LiveRecord.Type] = [LiveState.ImportJob.self, LiveState.ImportedModel.self]

    static var steps: any PlanStep.Type { ImportStep.self }

    /// The imported models, and those the jobs in progress will make.
    static func countQuotas(_ live: LiveState) -> [QuotaCheck.CountUse] {
        let coming = live.importJobs.filter { $0.status == .inProgress }.count
        return [.init(quota: .quota(.importedModels), inUse: live.importedModels.count + coming)]
    }

    static func export(
        _ live: LiveState, wanted: @Sendable ([String: String]) -> Bool, with export: Export
    ) async throws -> (documents: [YAMLValue], warnings: [String]) {
        let models = live.importedModels.filter { wanted($0.tags) }.sorted { $0.name < $1.name }
        let details = try await models.concurrentMap(limit: export.concurrency) { [client = export.client] model in
            try await Export.details(of: model, jobs: live.importJobs, client: client)
        }
        var documents: [YAMLValue] = []
        var warnings: [String] = []
        for (model, found) in zip(models, details) {
            switch found {
            case .success(let details): documents.append(Export.importDocument(model, details))
            case .failure(let why): warnings.append("ImportedModel \(model.name) was not exported: \(why.message)")
            }
        }
        return (documents, warnings)
    }
}
