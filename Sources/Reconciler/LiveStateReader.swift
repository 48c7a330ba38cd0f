import AWSClient
import BedrockConstraints
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
    public enum Discovery: String, Codable, Sendable, Hashable, CaseIterable {
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
        "bedrock:custom-model-deployment", "bedrock:application-inference-profile",
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
        // What to read is found while it is read: each ARN the tagging API or the lists name goes
        // to the readers as it arrives, so the tags of the first page are read while the next page
        // is asked for.
        let (arns, feed) = AsyncThrowingStream.makeStream(of: String.self)
        async let listing = discover(stack: stack, feed: feed)
        let read = try await readEach(arns, stack: stack)
        let found = try await listing
        let (t, j, m, d, p) = (found.throughputs, found.jobs, found.models, found.deployments, found.profiles)
        // A resource whose tags could not be read because it is gone was deleted after the lists.
        func tags(_ arn: String) -> [String: String] { (read[arn] ?? nil)?.tags ?? [:] }
        func here(_ arn: String) -> Bool { !(read[arn].map { $0 == nil } ?? false) }
        var state = LiveState(region: region)
        state.throughputs = t.filter { here($0.provisionedModelArn) }.map { s in
            LiveState.Throughput(
                arn: s.provisionedModelArn, name: s.provisionedModelName, modelArn: s.modelArn,
                desiredModelArn: s.desiredModelArn,
                foundationModelArn: s.foundationModelArn, modelUnits: s.modelUnits, status: s.status,
                commitmentDuration: s.commitmentDuration,
                commitmentExpirationTime: s.commitmentExpirationTime,
                creationTime: s.creationTime, tags: tags(s.provisionedModelArn))
        }
        state.importJobs = j.filter { here($0.jobArn) }.map { s in
            LiveState.ImportJob(
                arn: s.jobArn, jobName: s.jobName, status: s.status, importedModelName: s.importedModelName,
                importedModelArn: s.importedModelArn, creationTime: s.creationTime, failureMessage: nil,
                tags: tags(s.jobArn))
        }
        state.importedModels = m.filter { here($0.modelArn) }.map { s in
            LiveState.ImportedModel(
                arn: s.modelArn, name: s.modelName, creationTime: s.creationTime,
                s3Uri: (read[s.modelArn] ?? nil)?.source,
                tags: tags(s.modelArn))
        }
        state.deployments = d.filter { here($0.customModelDeploymentArn) }.map { s in
            let full = (read[s.customModelDeploymentArn] ?? nil)?.deployment
            return LiveState.Deployment(
                arn: s.customModelDeploymentArn, name: s.customModelDeploymentName,
                modelArn: full?.modelArn ?? s.modelArn,
                status: full?.status ?? s.status, description: full?.description,
                updatingTo: full?.updateDetails.flatMap { $0.updateStatus == .updating ? $0.modelArn : nil },
                failureMessage: full?.failureMessage ?? s.failureMessage, creationTime: s.createdAt,
                tags: tags(s.customModelDeploymentArn))
        }
        state.inferenceProfiles = p.filter { here($0.inferenceProfileArn) }.map { s in
            LiveState.InferenceProfile(
                arn: s.inferenceProfileArn, name: s.inferenceProfileName, id: s.inferenceProfileId,
                description: s.description, models: s.models.compactMap(\.modelArn), creationTime: s.createdAt,
                tags: tags(s.inferenceProfileArn))
        }
        // Why an owned job failed, which the lists leave out (where an owned imported model came
        // from was read beside its tags).
        let failed = state.importJobs.indices.filter {
            state.importJobs[$0].status == .failed && state.importJobs[$0].tags[OwnershipTags.stackKey] == stack
        }
        let messages = try await failed.map { state.importJobs[$0].arn }.concurrentMap(limit: concurrency) {
            [client] arn in
            try await client.getModelImportJob(arn).failureMessage
        }
        for (index, message) in zip(failed, messages) { state.importJobs[index].failureMessage = message }
        return Reading(state: state, warnings: found.warnings)
    }

    /// Whether `auto` discovery reads everything instead after this error: the caller may not use
    /// the tagging API, or the endpoint does not serve it (an emulator of Bedrock alone).
    static func fallsBack(_ error: AWSServiceError) -> Bool {
        error.kind == .accessDenied || [404, 501].contains(error.status)
            || ["UnknownOperationException", "InvalidAction", "NotImplemented"].contains(error.code)
    }

    /// The lists, and how the resources to read were found.
    struct Found: Sendable {
        var throughputs: [Bedrock.ProvisionedModelSummary]
        var jobs: [Bedrock.ModelImportJobSummary]
        var models: [Bedrock.ImportedModelSummary]
        var deployments: [Bedrock.CustomModelDeploymentSummary]
        var profiles: [Bedrock.InferenceProfile]
        var warnings: [String]
    }

    /// Lists every resource and feeds the ARNs whose tags the plan needs: what the tagging API
    /// says the stack owns, page by page as it answers, then what the manifests name; or, without
    /// discovery by tag, everything. Ends the feed, with the error when it fails.
    func discover(stack: String, feed: AsyncThrowingStream<String, any Error>.Continuation) async throws -> Found {
        do {
            let found = try await discovering(stack: stack, feed: feed)
            feed.finish()
            return found
        } catch {
            feed.finish(throwing: error)
            throw error
        }
    }

    private func discovering(
        stack: String, feed: AsyncThrowingStream<String, any Error>.Continuation
    ) async throws -> Found {
        // The largest pages the service allows: fewer round trips in a crowded account.
        async let throughputs = client.listProvisionedModelThroughputs(.init(maxResults: Self.pageSize)).collect()
        async let jobs = client.listModelImportJobs(.init(maxResults: Self.pageSize)).collect()
        async let models = client.listImportedModels(.init(maxResults: Self.pageSize)).collect()
        async let deployments = client.listCustomModelDeployments(.init(maxResults: Self.pageSize)).collect()
        async let profiles = client.listInferenceProfiles(type: .application, maxResults: Self.pageSize).collect()
        var byTag = discovery != .full && tagging != nil
        var refused: AWSServiceError?
        if byTag, let tagging {
            // The index lags: a deleted resource may still be in it (its read finds it gone), and
            // a new one may not be yet (the names the manifests want are read below).
            let filter = TaggingClient.TagFilter(key: OwnershipTags.stackKey, values: [stack])
            do {
                for try await mapping in tagging.getResources(tagFilters: [filter], resourceTypes: Self.resourceTypes) {
                    feed.yield(mapping.resourceARN)
                }
            } catch let error as AWSServiceError where discovery == .auto && Self.fallsBack(error) {
                refused = error
                byTag = false
            }
        }
        let (t, j, m) = try await (throughputs, jobs, models)
        let (d, p) = try await (deployments, profiles)
        var warnings: [String] = []
        if let refused {
            warnings.append(
                "the Resource Groups Tagging API refused GetResources (\(refused.code)), so the tags of all "
                    + "\(t.count + j.count + m.count + d.count + p.count) resources were read instead; allow tag:GetResources, "
                    + "or pass --discovery full")
        }
        if byTag {
            t.filter { wanted.throughputs.contains($0.provisionedModelName) }.forEach {
                feed.yield($0.provisionedModelArn)
            }
            j.filter { wanted.wantsJob($0.jobName) }.forEach { feed.yield($0.jobArn) }
            m.filter { wanted.importedModels.contains($0.modelName) }.forEach { feed.yield($0.modelArn) }
            d.filter { wanted.deployments.contains($0.customModelDeploymentName) }.forEach {
                feed.yield($0.customModelDeploymentArn)
            }
            p.filter { wanted.inferenceProfiles.contains($0.inferenceProfileName) }.forEach {
                feed.yield($0.inferenceProfileArn)
            }
        } else {
            let all =
                t.map(\.provisionedModelArn) + j.map(\.jobArn) + m.map(\.modelArn)
                + d.map(\.customModelDeploymentArn) + p.map(\.inferenceProfileArn)
            all.forEach { feed.yield($0) }
        }
        return Found(
            throughputs: t, jobs: j, models: m, deployments: d, profiles: p, warnings: warnings)
    }

    /// What is read of one resource: its tags, and, for an imported model of the stack, its source.
    struct Details: Sendable, Equatable {
        var tags: [String: String]
        /// Where the model came from: read only for the stack's own imported models.
        var source: String?
        /// The whole deployment (its description and update): read for the stack's own and unmanaged ones.
        var deployment: Bedrock.CustomModelDeployment?
    }

    /// The details of each ARN the feed names, once each, at most `concurrency` at a time; nil for
    /// a resource that is gone.
    func readEach(
        _ arns: AsyncThrowingStream<String, any Error>, stack: String
    ) async throws -> [String: Details?] {
        try await withThrowingTaskGroup(of: (String, Details?).self) { group in
            var seen: Set<String> = []
            var results: [String: Details?] = [:]
            var running = 0
            for try await arn in arns where seen.insert(arn).inserted {
                if running >= concurrency, let (done, details) = try await group.next() {
                    results[done] = details
                    running -= 1
                }
                group.addTask { (arn, try await details(of: arn, stack: stack)) }
                running += 1
            }
            for try await (done, details) in group { results[done] = details }
            return results
        }
    }

    func details(of arn: String, stack: String) async throws -> Details? {
        do {
            let tags = Dictionary(
                try await client.listTagsForResource(arn).map { ($0.key, $0.value) },
                uniquingKeysWith: { _, last in last })
            var details = Details(tags: tags, source: nil)
            let type = BedrockARN(arn)?.type
            if type == .importedModel && tags[OwnershipTags.stackKey] == stack {
                details.source = try await client.getImportedModel(arn).modelDataSource?.s3DataSource?.s3Uri
            }
            // The list leaves out the description: read for the stack's own and for those it may adopt.
            if type == .customModelDeployment && [stack, nil].contains(tags[OwnershipTags.stackKey]) {
                details.deployment = try await client.getCustomModelDeployment(arn)
            }
            return details
        } catch let error as AWSServiceError where error.kind == .notFound {
            return nil
        }
    }
}
