import AWSClient
import Foundation
import Manifest

/// Reads the live state with list calls (paginated), then the tags of every resource, fanned out
/// under a concurrency cap; throttled calls are retried by the client's policy.
public struct LiveStateReader: Sendable {
    public var client: BedrockClient
    public var region: String
    public var concurrency: Int

    public init(client: BedrockClient, region: String, concurrency: Int = 8) {
        self.client = client
        self.region = region
        self.concurrency = max(1, concurrency)
    }

    public func read(stack: String) async throws -> LiveState {
        async let throughputs = client.listProvisionedModelThroughputs().collect()
        async let jobs = client.listModelImportJobs().collect()
        async let models = client.listImportedModels().collect()
        let (t, j, m) = try await (throughputs, jobs, models)
        let arns = t.map(\.provisionedModelArn) + j.map(\.jobArn) + m.map(\.modelArn)
        let tags = try await tagsOf(arns)
        var state = LiveState(region: region)
        state.throughputs = t.map { s in
            LiveState.Throughput(arn: s.provisionedModelArn, name: s.provisionedModelName, modelArn: s.modelArn, desiredModelArn: s.desiredModelArn,
                                 foundationModelArn: s.foundationModelArn, modelUnits: s.modelUnits, status: s.status.rawValue,
                                 commitmentDuration: s.commitmentDuration?.rawValue, commitmentExpirationTime: s.commitmentExpirationTime,
                                 creationTime: s.creationTime, tags: tags[s.provisionedModelArn] ?? [:])
        }
        state.importJobs = j.map { s in
            LiveState.ImportJob(arn: s.jobArn, jobName: s.jobName, status: s.status.rawValue, importedModelName: s.importedModelName,
                                importedModelArn: s.importedModelArn, creationTime: s.creationTime, failureMessage: nil, tags: tags[s.jobArn] ?? [:])
        }
        state.importedModels = m.map { s in
            LiveState.ImportedModel(arn: s.modelArn, name: s.modelName, creationTime: s.creationTime, s3Uri: nil, tags: tags[s.modelArn] ?? [:])
        }
        // Details the lists leave out, only where the plan needs them: why an owned job failed,
        // and where an owned imported model came from.
        let failed = state.importJobs.indices.filter { state.importJobs[$0].status == "Failed" && state.importJobs[$0].tags[OwnershipTags.stackKey] == stack }
        let messages = try await failed.map { state.importJobs[$0].arn }.concurrentMap(limit: concurrency) { [client] arn in
            try await client.getModelImportJob(arn).failureMessage
        }
        for (index, message) in zip(failed, messages) { state.importJobs[index].failureMessage = message }
        let owned = state.importedModels.indices.filter { state.importedModels[$0].tags[OwnershipTags.stackKey] == stack }
        let sources = try await owned.map { state.importedModels[$0].arn }.concurrentMap(limit: concurrency) { [client] arn in
            try await client.getImportedModel(arn).modelDataSource?.s3DataSource?.s3Uri
        }
        for (index, source) in zip(owned, sources) { state.importedModels[index].s3Uri = source }
        return state
    }

    /// ListTagsForResource for each ARN, at most `concurrency` at a time.
    func tagsOf(_ arns: [String]) async throws -> [String: [String: String]] {
        let tags = try await arns.concurrentMap(limit: concurrency) { [client] arn in
            Dictionary(try await client.listTagsForResource(arn).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        }
        return Dictionary(zip(arns, tags), uniquingKeysWith: { first, _ in first })
    }
}
