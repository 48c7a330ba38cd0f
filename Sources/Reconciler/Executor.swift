import AWSClient
import BedrockConstraints
import Foundation

/// Runs a plan's actions: independent ones concurrently under a cap, dependent ones after what
/// they depend on; waits for throughputs and import jobs to settle, with a timeout; reports what
/// succeeded, failed or was skipped. Creates carry their deterministic tokens, so running the same
/// plan again never duplicates anything.
public struct Executor: Sendable {
    public var client: BedrockClient
    public var clock: AWSClock
    public var concurrency: Int
    public var timeout: Duration
    public var pollInterval: Duration
    public var progress: @Sendable (String) -> Void

    public init(
        client: BedrockClient, clock: AWSClock = .live, concurrency: Int = 4, timeout: Duration = .seconds(3600),
        pollInterval: Duration = .seconds(5), progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.client = client
        self.clock = clock
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.pollInterval = pollInterval
        self.progress = progress
    }

    public enum Outcome: Sendable, Hashable {
        case succeeded
        case failed(String)
        case skipped(String)
    }

    public struct Report: Sendable {
        public var outcomes: [(id: String, outcome: Outcome)]
        public var succeeded: Int { outcomes.count { $0.outcome == .succeeded } }
        public var failed: Int { outcomes.count { if case .failed = $0.outcome { true } else { false } } }
        public var skipped: Int { outcomes.count { if case .skipped = $0.outcome { true } else { false } } }
        public var ok: Bool { failed == 0 && skipped == 0 }
    }

    public func apply(_ plan: Plan) async -> Report {
        let runnable = plan.actions.filter { !$0.steps.isEmpty && $0.type != .noop }
        if plan.isBlocked || plan.actions.contains(where: { $0.type == .conflict }) {
            let why = plan.actions.compactMap { a in
                a.blocked.map { "\(a.id): \($0)" } ?? (a.type == .conflict ? "\(a.id): \(a.reason)" : nil)
            }
            return Report(
                outcomes: runnable.map { ($0.id, .skipped("the plan is blocked: \(why.joined(separator: "; "))")) })
        }
        var outcomes: [String: Outcome] = [:]
        var pending = runnable
        await withTaskGroup(of: (String, Outcome).self) { group in
            var running = 0
            func launchReady() {
                var index = 0
                while index < pending.count && running < concurrency {
                    let action = pending[index]
                    let deps = action.dependsOn.filter { id in runnable.contains { $0.id == id } }
                    if let bad = deps.first(where: { outcomes[$0] != nil && outcomes[$0] != .succeeded }) {
                        outcomes[action.id] = .skipped("it depends on \(bad), which did not succeed")
                        pending.remove(at: index)
                        continue
                    }
                    guard deps.allSatisfy({ outcomes[$0] == .succeeded }) else {
                        index += 1
                        continue
                    }
                    pending.remove(at: index)
                    running += 1
                    group.addTask { (action.id, await run(action)) }
                }
            }
            launchReady()
            while let (id, outcome) = await group.next() {
                running -= 1
                outcomes[id] = outcome
                launchReady()
            }
            for action in pending where outcomes[action.id] == nil {
                outcomes[action.id] = .skipped("its dependencies never finished")
            }
        }
        return Report(outcomes: runnable.map { ($0.id, outcomes[$0.id] ?? .skipped("not run")) })
    }

    func run(_ action: PlanAction) async -> Outcome {
        progress("\(action.id): \(action.type.rawValue) started")
        do {
            // The throughput the action works on, once known: waits follow it by ARN, so a rename
            // made meanwhile by another apply cannot turn a wait into a 404.
            var arn = [.provisionedThroughput, .customModelDeployment].contains(action.kind) ? action.liveArn : nil
            for step in action.steps {
                if let created = try await perform(step, for: action.id, arn: arn) { arn = created }
            }
            progress("\(action.id): \(action.type.rawValue) done")
            return .succeeded
        } catch {
            if await alreadyMade(action) {
                progress("\(action.id): another apply made this change meanwhile (\(error)); nothing left to do")
                return .succeeded
            }
            progress("\(action.id): failed: \(error)")
            return .failed("\(error)")
        }
    }

    /// Whether a failed rename or model change is in place all the same: a second apply racing
    /// this one made it first.
    func alreadyMade(_ action: PlanAction) async -> Bool {
        guard action.kind == .provisionedThroughput, let arn = action.liveArn,
            let update = action.steps.lazy.compactMap({ step -> (String?, String?)? in
                if case .updateThroughput(_, let name, let model) = step, name?.hasPrefix("bctl-tmp-") != true {
                    return (name, model)
                }
                return nil
            }).last,
            let live = try? await client.getProvisionedModelThroughput(arn), live.status == .inService
        else { return false }
        let nameDone = update.0.map { $0 == live.provisionedModelName } ?? true
        let modelDone = update.1.map { $0 == live.modelArn || live.modelArn.hasSuffix("/" + $0) } ?? true
        return nameDone && modelDone
    }

    /// Runs one step; returns the ARN of a throughput it created. `arn` is the action's
    /// throughput when known.
    @discardableResult
    func perform(_ step: Step, for id: String, arn: String? = nil) async throws -> String? {
        switch step {
        case .createThroughput(let name, let modelId, let units, let commitment, let tags, let token):
            return try await createThroughput(
                name: name, modelId: modelId, units: units, commitment: commitment, tags: tags, token: token, for: id)
        case .updateThroughput(let target, let newName, let newModelId):
            try await client.updateProvisionedModelThroughput(
                target, .init(desiredProvisionedModelName: newName, desiredModelId: newModelId))
        case .deleteThroughput(let target):
            do { try await client.deleteProvisionedModelThroughput(target) } catch let error as AWSServiceError
                where error.kind == .notFound
            {}
        case .tag(let arn, let tags):
            try await client.tagResource(
                arn, tags: tags.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: $0.value) })
        case .untag(let arn, let keys):
            try await client.untagResource(arn, keys: keys)
        case .waitForThroughput(let name):
            try await waitUntil(id, what: "throughput \(name)") {
                let model = try await client.getProvisionedModelThroughput(arn ?? name)
                switch model.status {
                case .inService: return (true, "InService")
                case .failed:
                    throw ExecutionError.failed(
                        "throughput \(name) failed: \(model.failureMessage ?? "no reason given")")
                default: return (false, model.status.rawValue)
                }
            }
        case .createImportJob(
            let jobName, let modelName, let roleArn, let s3Uri, let kms, let subnets, let groups, let jobTags,
            let modelTags, let token):
            let vpc = subnets.flatMap { s in groups.map { Bedrock.VpcConfig(subnetIds: s, securityGroupIds: $0) } }
            _ = try await client.createModelImportJob(
                .init(
                    jobName: jobName, importedModelName: modelName, roleArn: roleArn,
                    modelDataSource: .init(s3Uri: s3Uri),
                    jobTags: jobTags.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: $0.value) },
                    importedModelTags: modelTags.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: $0.value) },
                    clientRequestToken: token, vpcConfig: vpc, importedModelKmsKeyId: kms))
        case .waitForImportJob(let jobName):
            try await waitUntil(id, what: "import job \(jobName)") {
                let job = try await client.getModelImportJob(jobName)
                switch job.status {
                case .completed?: return (true, "Completed")
                case .failed?:
                    throw ExecutionError.failed(
                        "import job \(jobName) failed: \(job.failureMessage ?? "no reason given")")
                default: return (false, job.status?.rawValue ?? "unknown")
                }
            }
        case .deleteImportedModel(let arn):
            do { try await client.deleteImportedModel(arn) } catch let error as AWSServiceError
                where error.kind == .notFound
            {}
        case .createDeployment(let name, let modelArn, let description, let tags, let token):
            return try await createDeployment(
                name: name, modelArn: modelArn, description: description, tags: tags, token: token, for: id)
        case .updateDeployment(let target, let modelArn):
            try await client.updateCustomModelDeployment(target, .init(modelArn: modelArn))
        case .waitForDeployment(let name):
            try await waitForDeployment(name, arn: arn, for: id)
        case .deleteDeployment(let target):
            try await deleteDeployment(target)
        case .createInferenceProfile(let name, let copyFrom, let description, let tags, let token):
            return try await createInferenceProfile(
                name: name, copyFrom: copyFrom, description: description, tags: tags, token: token, for: id)
        case .deleteInferenceProfile(let target):
            try await deleteInferenceProfile(target)
        }
        return nil
    }

    /// The most generations of one create token walked before giving up.
    static let maxTokenGenerations = 100

    /// Creates a throughput with the plan's token. The service answers a repeated token with the
    /// first answer, even when that throughput has since been deleted: then the token is spent,
    /// and the next generation (`TOKEN-2`, `TOKEN-3`, …) is tried. The walk is deterministic, so
    /// a retry, a re-run after a crash and a racing second apply all reach the same throughput,
    /// and a manifest put back after a delete creates a new one.
    func createThroughput(
        name: String, modelId: String, units: Int, commitment: CommitmentDuration?, tags: [String: String],
        token: String,
        for id: String
    ) async throws -> String {
        for generation in 1...Self.maxTokenGenerations {
            let attempt = generation == 1 ? token : "\(token)-\(generation)"
            let answer = try await client.createProvisionedModelThroughput(
                .init(
                    clientRequestToken: attempt, modelUnits: units, provisionedModelName: name, modelId: modelId,
                    commitmentDuration: commitment,
                    tags: tags.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: $0.value) }))
            do {
                _ = try await client.getProvisionedModelThroughput(answer.provisionedModelArn)
                return answer.provisionedModelArn
            } catch let error as AWSServiceError where error.kind == .notFound {
                progress(
                    "\(id): token \(attempt) was spent on \(answer.provisionedModelArn), which is gone; trying the next generation"
                )
            }
        }
        throw ExecutionError.failed(
            "every one of \(Self.maxTokenGenerations) generations of token \(token) answered with a throughput that no longer exists"
        )
    }

    /// Creates with `token`, and when the resource the service answers with is gone (the token was
    /// spent on a resource since deleted), with `TOKEN-2`, `TOKEN-3`, …: deterministic, so a
    /// retry, a re-run and a racing apply all reach the same resource.
    func createWalkingGenerations(
        of token: String, what: String, for id: String, create: (String) async throws -> String,
        exists: (String) async throws -> Void
    ) async throws -> String {
        for generation in 1...Self.maxTokenGenerations {
            let attempt = generation == 1 ? token : "\(token)-\(generation)"
            let arn = try await create(attempt)
            do {
                try await exists(arn)
                return arn
            } catch let error as AWSServiceError where error.kind == .notFound {
                progress("\(id): token \(attempt) was spent on \(arn), which is gone; trying the next generation")
            }
        }
        throw ExecutionError.failed(
            "every one of \(Self.maxTokenGenerations) generations of token \(token) answered with a \(what) that no longer exists"
        )
    }

    /// Polls `check` until it reports done, showing progress, up to the timeout.
    func waitUntil(_ id: String, what: String, _ check: () async throws -> (done: Bool, status: String)) async throws {
        var waited: Duration = .zero
        while true {
            let (done, status) = try await check()
            if done { return }
            guard waited < timeout else { throw ExecutionError.timedOut("\(what) is still \(status) after \(timeout)") }
            progress("\(id): waiting for \(what): \(status) (\(waited.components.seconds)s)")
            try await clock.sleep(pollInterval)
            waited += pollInterval
        }
    }
}

public enum ExecutionError: Error, Sendable, Hashable, CustomStringConvertible {
    case failed(String)
    case timedOut(String)

    public var description: String {
        switch self {
        case .failed(let why): return why
        case .timedOut(let why): return "timed out: \(why)"
        }
    }
}
