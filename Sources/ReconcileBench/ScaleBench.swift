import AWSClient
import BedrockEmulator
import Foundation
import Manifest
import Reconciler

/// `swift run -c release ReconcileBench scale`: what a plan costs as the account and the stack
/// grow, under latency, a real rate limit and random throttling. Each figure is measured in this
/// one run and printed beside its target.
enum ScaleBench {
    /// Added to every request; `BENCH_LATENCY_MS` changes it, to see what the CPU alone costs.
    static let latency = ProcessInfo.processInfo.environment["BENCH_LATENCY_MS"].flatMap(Int.init) ?? 50
    /// Reads at a time; `BENCH_CONCURRENCY` changes it from the CLI's default.
    static let concurrency =
        ProcessInfo.processInfo.environment["BENCH_CONCURRENCY"].flatMap(Int.init) ?? LiveStateReader.defaultConcurrency

    /// Prints a line at once (stdout is buffered when piped, and a run may take minutes).
    static func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

    /// The least time a plan's requests can take: its longest chain of calls in sequence (the
    /// pages of one list, or of the tagging API) at the added latency each, then its reads one by
    /// one, `concurrency` at a time.
    static func bound(_ counter: OperationCounter) -> (seconds: Double, why: String) {
        let chains = [
            "GetResources", "ListProvisionedModelThroughputs", "ListModelImportJobs", "ListImportedModels",
            "GET /custom-model-deployments", "GET /inference-profiles",
        ].map { ($0, counter.calls($0)) }
        let longest = chains.max { $0.1 < $1.1 } ?? ("none", 0)
        let direct = counter.calls("ListTagsForResource")
        let waves = (direct + concurrency - 1) / concurrency
        let trips = max(longest.1, 1) + waves
        return (
            Double(trips) * Double(latency) / 1000,
            "\(trips) round trips: \(longest.1) \(longest.0) in sequence, then \(direct) read one by one"
        )
    }

    static func run() async throws {
        let chosen = Set(CommandLine.arguments.dropFirst(2).compactMap(Int.init))
        func wanted(_ n: Int) -> Bool { chosen.isEmpty || chosen.contains(n) }
        say("scale benchmarks: emulator in-process, \(latency) ms added to every request, adaptive retry mode")
        var failures: [String] = []
        func check(_ ok: Bool, _ line: String) {
            say((ok ? "  ok    " : "  MISS  ") + line)
            if !ok { failures.append(line) }
        }

        // 1. A whole stack of 500 throughputs and 100 import jobs, no changes; then the same with
        // ListTagsForResource limited to 5 a second, which a no-change plan does not call.
        if wanted(1) {
            let account = try BenchAccount()
            let desired = BenchAccount.throughputs(500) + BenchAccount.importJobs(100)
            try await account.populate(stack: "bench", desired)
            var times: [Double] = []
            for limited in [false, true] {
                await account.emulator.updateSettings {
                    $0.latencyMs = latency
                    $0.rateLimits = limited ? ["ListTagsForResource": 5] : [:]
                }
                account.counter.reset()
                let (plan, elapsed) = try await account.plan(
                    stack: "bench", desired, discovery: .auto, concurrency: concurrency)
                guard !plan.hasChanges else { throw BenchFailure(message: "the no-change plan has changes") }
                let requests = account.counter.total
                let bound = Self.bound(account.counter)
                times.append(elapsed.seconds)
                check(
                    requests <= 40 && elapsed.seconds / bound.seconds <= 1.5,
                    String(
                        format: "500 throughputs + 100 jobs, no changes%@: %.2f s, %d requests (target <= 40); "
                            + "bound %.2f s (%@); ratio %.2f (target <= 1.5)",
                        limited ? ", ListTagsForResource at 5/s" : "", elapsed.seconds, requests, bound.seconds,
                        bound.why, elapsed.seconds / bound.seconds))
            }
            check(
                times[1] <= times[0] * 1.25,
                String(format: "  the 5/s limit leaves it unaffected: %.2f s beside %.2f s", times[1], times[0]))
        }

        // 2. A 20-throughput stack in an account holding 520 others.
        if wanted(2) || wanted(3) {
            let stack = BenchAccount.throughputs(20, prefix: "team")
            let crowded = try BenchAccount()
            try await crowded.populate(stack: "others", BenchAccount.throughputs(520, prefix: "other"))
            try await crowded.populate(stack: "team", stack)
            let empty = try BenchAccount()
            try await empty.populate(stack: "team", stack)
            for account in [crowded, empty] { await account.emulator.updateSettings { $0.latencyMs = latency } }
            crowded.counter.reset()
            let (crowdedPlan, crowdedTime) = try await crowded.plan(stack: "team", stack, discovery: .auto)
            let crowdedRequests = crowded.counter.total
            if ProcessInfo.processInfo.environment["BENCH_PHASES"] != nil {
                var t = ContinuousClock.now
                _ = try await crowded.bedrock.listProvisionedModelThroughputs(.init(maxResults: 1000)).collect()
                say("list: \(ContinuousClock.now - t)")
                t = ContinuousClock.now
                _ = try await crowded.tagging.getResources(tagFilters: [
                    .init(key: "bedrockctl:stack", values: ["team"])
                ]).collect()
                say("getResources: \(ContinuousClock.now - t)")
                t = ContinuousClock.now
                _ = try await crowded.bedrock.listTagsForResource(crowdedPlan.actions[0].liveArn ?? "")
                say("tags: \(ContinuousClock.now - t)")
            }
            let (_, emptyTime) = try await empty.plan(stack: "team", stack, discovery: .auto)
            guard !crowdedPlan.hasChanges else { throw BenchFailure(message: "the crowded plan has changes") }
            check(
                crowdedRequests <= 30,
                "20-throughput stack among 520 others: \(crowdedRequests) requests (target <= 30)")
            check(
                crowdedTime.seconds / emptyTime.seconds <= 1.5,
                String(
                    format: "  its time %.2f s beside %.2f s in an empty account: ratio %.2f (target <= 1.5)",
                    crowdedTime.seconds, emptyTime.seconds, crowdedTime.seconds / emptyTime.seconds))

            // 3. A 50 TPS limit on ListTagsForResource, discovery by tag off: the limiter finds the rate.
            await crowded.emulator.updateSettings {
                $0.latencyMs = latency
                $0.rateLimits = ["ListTagsForResource": 50]
            }
            let limited = try BenchAccount()
            try await limited.populate(stack: "others", BenchAccount.throughputs(520, prefix: "other"))
            try await limited.populate(stack: "team", stack)
            await limited.emulator.updateSettings {
                $0.latencyMs = latency
                $0.rateLimits = ["ListTagsForResource": 50]
            }
            limited.counter.reset()
            let tagStart = ContinuousClock.now
            let (limitedPlan, _) = try await limited.plan(
                stack: "team", stack, discovery: .full, concurrency: concurrency)
            let tagTime = (ContinuousClock.now - tagStart).seconds
            let tagCalls = limited.counter.calls("ListTagsForResource")
            let tagThrottled = limited.counter.throttled("ListTagsForResource")
            let reached = Double(tagCalls - tagThrottled) / tagTime
            check(
                !limitedPlan.hasChanges && reached >= 0.85 * 50,
                String(
                    format:
                        "ListTagsForResource limited to 50/s, full read of 540: %.1f/s reached (target >= 42.5), "
                        + "plan complete",
                    reached))
            check(
                Double(tagThrottled) / Double(tagCalls) < 0.05,
                String(
                    format: "  %d of %d requests throttled: %.1f%% (target < 5%%)", tagThrottled, tagCalls,
                    100 * Double(tagThrottled) / Double(tagCalls)))

        }

        // 4. 30% of requests throttled at random, with the CLI's own retry policy: every plan completes.
        if wanted(4) {
            let noisy = try BenchAccount()
            let small = BenchAccount.throughputs(10, prefix: "noisy")
            try await noisy.populate(stack: "noisy", small)
            await noisy.emulator.updateSettings { $0.throttleRate = 0.3 }
            var completed = 0
            var times: [Double] = []
            noisy.counter.reset()
            for _ in 0..<20 {
                if let (plan, elapsed) = try? await noisy.plan(stack: "noisy", small, discovery: .auto),
                    !plan.hasChanges
                {
                    completed += 1
                    times.append(elapsed.seconds)
                }
            }
            check(
                completed == 20,
                String(
                    format: "30%% random throttling, 20 plans of 10 throughputs: %d of 20 complete (target 20); "
                        + "%.1f s each on average, slowest %.1f s; %d of %d requests throttled", completed,
                    times.reduce(0, +) / Double(max(1, times.count)), times.max() ?? 0,
                    noisy.counter.throttledTotal, noisy.counter.total))
        }
        if !failures.isEmpty {
            say("\(failures.count) target(s) missed")
            exit(1)
        }
    }
}
