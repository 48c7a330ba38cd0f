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
        if !plan.isApplicable {
            let why = plan.refusals
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
            // The resource the action works on, once known: waits follow it by ARN, so a rename
            // made meanwhile by another apply cannot turn a wait into a 404.
            var arn = action.liveArn
            for step in action.steps {
                if let created = try await perform(step, for: action.id, arn: arn) { arn = created }
            }
            progress("\(action.id): \(action.type.rawValue) done")
            return .succeeded
        } catch {
            if await action.kind.unit.madeMeanwhile(action, executor: self) {
                progress("\(action.id): another apply made this change meanwhile (\(error)); nothing left to do")
                return .succeeded
            }
            progress("\(action.id): failed: \(error)")
            return .failed("\(error)")
        }
    }

    /// Runs one step; returns the ARN of a resource it created. `arn` is the action's resource
    /// when known. Each step is a value of its kind's step type, which makes the call.
    @discardableResult
    func perform(_ step: Step, for id: String, arn: String? = nil) async throws -> String? {
        try await step.call.perform(with: self, for: id, arn: arn)
    }

    /// Tags as the service takes them, sorted by key so that a request is the same every time.
    static func wireTags(_ tags: [String: String]) -> [Bedrock.Tag] {
        tags.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: $0.value) }
    }

    /// Runs a delete; one whose resource is already gone (another apply, or a retry) has done its work.
    func deleting(_ delete: () async throws -> Void) async throws {
        do { try await delete() } catch let error as AWSServiceError where error.kind == .notFound {}
    }

    /// The most generations of one create token walked before giving up.
    static let maxTokenGenerations = 100

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
            "every one of \(Self.maxTokenGenerations) generations of token \(token) answered with a \(what) "
                + "that no longer exists"
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
