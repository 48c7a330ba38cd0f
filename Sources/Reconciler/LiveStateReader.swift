import AWSClient
import Foundation
import Manifest

/// Reads the live state: list calls (paginated), then tags. With discovery by tag, the Resource
/// Groups Tagging API names what the stack owns, and tags are read only for those resources and
/// for those whose names the manifests want (a conflict, an adoption, or one of the stack's own
/// not indexed yet): reads grow with the stack, not the account. Without it, the tags of every
/// resource are read. Fanned out under a cap; throttled calls are retried by the client's policy,
/// and paced by its rate limiter in adaptive mode.
public struct LiveStateReader: Sendable {
    public var client: BedrockClient
    public var region: String
    public var concurrency: Int
    /// Where discovery by tag asks; nil reads every resource's tags.
    public var tagging: TaggingClient?
    public var discovery: Discovery
    /// The names the manifests give their resources.
    public var wanted: WantedNames

    /// How the stack's resources are found.
    public enum Discovery: String, Sendable, Hashable, CaseIterable {
        /// The tagging API, falling back to reading every resource's tags when it is not allowed.
        case auto
        /// The tagging API only; AccessDenied is an error.
        case tagging
        /// Every resource's tags, one ListTagsForResource each.
        case full
    }

    /// The resource types the tagging API is asked for.
    public static let resourceTypes = [
        "bedrock:provisioned-model", "bedrock:model-import-job", "bedrock:imported-model",
    ]

    /// Bedrock's largest list page.
    public static let pageSize = 1000

    /// Reads 32 at a time by default; in adaptive retry mode the client's rate limiter sets the pace.
    public static let defaultConcurrency = 32

    public init(
        client: BedrockClient, region: String, concurrency: Int = defaultConcurrency, tagging: TaggingClient? = nil,
        discovery: Discovery = .auto, wanted: WantedNames = WantedNames()
    ) {
        self.client = client
        self.region = region
        self.concurrency = max(1, concurrency)
        self.tagging = tagging
        self.discovery = tagging == nil ? .full : discovery
        self.wanted = wanted
    }

    /// The live state and what the plan should say about how it was read.
    public struct Reading: Sendable {
        public var state: LiveState
        public var warnings: [String]
    }

    public func read(stack: String) async throws -> LiveState { try await reading(stack: stack).state }

    public func reading(stack: String) async throws -> Reading {
        // The largest pages the service allows: fewer round trips in a crowded account.
        async let throughputs = client.listProvisionedModelThroughputs(.init(maxResults: Self.pageSize)).collect()
        async let jobs = client.listModelImportJobs(.init(maxResults: Self.pageSize)).collect()
        async let models = client.listImportedModels(.init(maxResults: Self.pageSize)).collect()
        // The tagging index is asked at the same time as the lists.
        let byTag = discovery != .full && tagging != nil
        async let indexedResult: Result<[String], any Error> = {
            guard byTag else { return .success([]) }
            do { return .success(try await ownedByTag(stack: stack)) } catch { return .failure(error) }
        }()
        let (t, j, m) = try await (throughputs, jobs, models)
        let arns = t.map(\.provisionedModelArn) + j.map(\.jobArn) + m.map(\.modelArn)
        var warnings: [String] = []
        var tags: [String: [String: String]] = [:]
        var sources: [String: String?] = [:]
        if !byTag {
            tags = try await tagsOf(arns)
        } else {
            do {
                let listed = Set(arns)
                let indexed = try await indexedResult.get().filter(listed.contains)
                let named =
                    t.filter { wanted.throughputs.contains($0.provisionedModelName) }.map(\.provisionedModelArn)
                    + j.filter { wanted.wantsJob($0.jobName) }.map(\.jobArn)
                    + m.filter { wanted.importedModels.contains($0.modelName) }.map(\.modelArn)
                var seen: Set<String> = []
                // The sources of the stack's imported models are read beside the tags: the index
                // already says which they are.
                let models = Set(m.map(\.modelArn))
                let prefetch = indexed.filter(models.contains)
                async let prefetched = sourcesOf(prefetch)
                tags = try await tagsOf((indexed + named).filter { seen.insert($0).inserted })
                sources = try await prefetched
            } catch let error as AWSServiceError where discovery == .auto && Self.fallsBack(error) {
                warnings.append(
                    "the Resource Groups Tagging API refused GetResources (\(error.code)), so the tags of all "
                        + "\(arns.count) resources were read instead; allow tag:GetResources, or pass --discovery full")
                tags = try await tagsOf(arns)
            }
        }
        var state = LiveState(region: region)
        state.throughputs = t.map { s in
            LiveState.Throughput(
                arn: s.provisionedModelArn, name: s.provisionedModelName, modelArn: s.modelArn,
                desiredModelArn: s.desiredModelArn,
                foundationModelArn: s.foundationModelArn, modelUnits: s.modelUnits, status: s.status.rawValue,
                commitmentDuration: s.commitmentDuration?.rawValue,
                commitmentExpirationTime: s.commitmentExpirationTime,
                creationTime: s.creationTime, tags: tags[s.provisionedModelArn] ?? [:])
        }
        state.importJobs = j.map { s in
            LiveState.ImportJob(
                arn: s.jobArn, jobName: s.jobName, status: s.status.rawValue, importedModelName: s.importedModelName,
                importedModelArn: s.importedModelArn, creationTime: s.creationTime, failureMessage: nil,
                tags: tags[s.jobArn] ?? [:])
        }
        state.importedModels = m.map { s in
            LiveState.ImportedModel(
                arn: s.modelArn, name: s.modelName, creationTime: s.creationTime, s3Uri: nil,
                tags: tags[s.modelArn] ?? [:])
        }
        // Details the lists leave out, only where the plan needs them: why an owned job failed,
        // and where an owned imported model came from.
        let failed = state.importJobs.indices.filter {
            state.importJobs[$0].status == "Failed" && state.importJobs[$0].tags[OwnershipTags.stackKey] == stack
        }
        let messages = try await failed.map { state.importJobs[$0].arn }.concurrentMap(limit: concurrency) {
            [client] arn in
            try await client.getModelImportJob(arn).failureMessage
        }
        for (index, message) in zip(failed, messages) { state.importJobs[index].failureMessage = message }
        let owned = state.importedModels.indices.filter {
            state.importedModels[$0].tags[OwnershipTags.stackKey] == stack
        }
        let missing = owned.map { state.importedModels[$0].arn }.filter { sources[$0] == nil }
        sources.merge(try await sourcesOf(missing)) { first, _ in first }
        for index in owned { state.importedModels[index].s3Uri = sources[state.importedModels[index].arn] ?? nil }
        return Reading(state: state, warnings: warnings)
    }

    /// Whether `auto` discovery reads everything instead after this error: the caller may not use
    /// the tagging API, or the endpoint does not serve it (an emulator of Bedrock alone).
    static func fallsBack(_ error: AWSServiceError) -> Bool {
        error.kind == .accessDenied || [404, 501].contains(error.status)
            || ["UnknownOperationException", "InvalidAction", "NotImplemented"].contains(error.code)
    }

    /// The ARNs the tagging API says carry this stack's tag. The index lags: the caller checks them
    /// against the lists (a deleted resource may still be indexed) and reads the resources whose
    /// names it wants too (a new one may not be indexed yet).
    func ownedByTag(stack: String) async throws -> [String] {
        guard let tagging else { return [] }
        let filter = TaggingClient.TagFilter(key: OwnershipTags.stackKey, values: [stack])
        return try await tagging.getResources(tagFilters: [filter], resourceTypes: Self.resourceTypes).collect().map(
            \.resourceARN)
    }

    /// GetImportedModel's source for each ARN, at most `concurrency` at a time.
    func sourcesOf(_ arns: [String]) async throws -> [String: String?] {
        let found = try await arns.concurrentMap(limit: concurrency) { [client] arn in
            try await client.getImportedModel(arn).modelDataSource?.s3DataSource?.s3Uri
        }
        return Dictionary(zip(arns, found), uniquingKeysWith: { first, _ in first })
    }

    /// ListTagsForResource for each ARN, at most `concurrency` at a time.
    func tagsOf(_ arns: [String]) async throws -> [String: [String: String]] {
        let tags = try await arns.concurrentMap(limit: concurrency) { [client] arn in
            Dictionary(
                try await client.listTagsForResource(arn).map { ($0.key, $0.value) },
                uniquingKeysWith: { _, last in last })
        }
        return Dictionary(zip(arns, tags), uniquingKeysWith: { first, _ in first })
    }
}
