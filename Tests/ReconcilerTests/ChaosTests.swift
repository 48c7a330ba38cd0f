import AWSClient
import BedrockEmulator
import Foundation
import Manifest
import TestSupport
import Testing

@testable import Reconciler

/// Randomized applies under injected faults (throttling, 5xx, answers dropped after the change
/// was committed), then a second phase of changes (renames, tags, replacements, prunes) under
/// faults. Each run is judged by what exists in the emulator afterwards — no duplicate, nothing
/// missing, every field right — and by a final plan with no changes.
///
/// `CHAOS_RUNS` (default 6) sets the number of runs, `CHAOS_SEED` replays one run; each run
/// prints its seed. The full campaign: `CHAOS_RUNS=200 swift test --filter ChaosTests`.
@Suite struct ChaosTests {
    static var seeds: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let seed = environment["CHAOS_SEED"].flatMap(UInt64.init) { return [seed] }
        let runs = environment["CHAOS_RUNS"].flatMap(Int.init) ?? 6
        return (0..<UInt64(max(1, runs))).map { 0xC4A0_5000 + $0 }
    }

    /// An operator re-applies until the report is clean, at most this often.
    static let maxApplies = 8

    @Test func randomizedAppliesUnderFaultsConverge() async throws {
        var failures: [String] = []
        for seed in Self.seeds {
            do {
                try await Self.run(seed: seed)
            } catch {
                failures.append("seed \(seed): \(error)")
            }
        }
        print("chaos: \(Self.seeds.count - failures.count) passed, \(failures.count) failed")
        #expect(failures.isEmpty, "replay one with CHAOS_SEED=N: \(failures.joined(separator: "\n"))")
    }

    struct ChaosFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        var settings = EmulatorSettings()
        settings.seed = seed
        settings.provisionSeconds = Double(random.next(upTo: 4))
        settings.importSeconds = Double(random.next(upTo: 4))
        settings.throttleRate = [0, 0.1, 0.2][random.next(upTo: 3)]
        settings.errorRate = [0, 0.05, 0.15][random.next(upTo: 3)]
        settings.dropAfterCommitRate = [0, 0.1, 0.3][random.next(upTo: 3)]
        let r = try Reconcile(settings: settings, retry: RetryPolicy(maxAttempts: 4, random: { 0.5 }))
        let describe =
            "seed \(seed) (throttle \(settings.throttleRate), errors \(settings.errorRate), "
            + "drops \(settings.dropAfterCommitRate))"
        print("chaos: \(describe)")

        var desired = (0..<(2 + random.next(upTo: 5))).map { i in
            Desired(
                name: "pt\(i)", modelName: "m\(i)", units: 1 + random.next(upTo: 2),
                tags: ["team": "t\(random.next(upTo: 3))"])
        }
        let jobs = (0..<random.next(upTo: 3)).map { "job\($0)" }
        try await converge(r, desired, jobs, PlanOptions(), describe: describe + ", phase 1")
        try await judge(r, desired, jobs, describe: describe + ", phase 1")

        // Phase 2: renames, retags, replacements and removals, still under faults.
        for i in desired.indices {
            switch random.next(upTo: 4) {
            case 0: desired[i].modelName += "x"
            case 1: desired[i].tags["env"] = "e\(random.next(upTo: 9))"
            case 2: desired[i].units += 1
            default: break
            }
        }
        if desired.count > 2 && random.next(upTo: 2) == 0 { desired.removeLast() }
        if random.next(upTo: 2) == 0 { desired.append(Desired(name: "late", modelName: "late", units: 1, tags: [:])) }
        try await converge(
            r, desired, jobs, PlanOptions(prune: true, allowReplace: true), describe: describe + ", phase 2")
        try await judge(r, desired, jobs, describe: describe + ", phase 2")
    }

    struct Desired {
        var name: String
        var modelName: String
        var units: Int
        var tags: [String: String]

        var resource: ManifestResource {
            EndToEndTests.pt(name, modelName: modelName, units: units, tags: tags)
        }
    }

    static func resources(_ desired: [Desired], _ jobs: [String]) -> [ManifestResource] {
        desired.map(\.resource) + jobs.map { EndToEndTests.job($0) }
    }

    /// Applies until a report is clean, as an operator would; the faults stay on.
    static func converge(
        _ r: Reconcile, _ desired: [Desired], _ jobs: [String], _ options: PlanOptions, describe: String
    ) async throws {
        var last = ""
        for _ in 1...maxApplies {
            do {
                let report = try await r.apply(resources(desired, jobs), options)
                if report.ok { return }
                last = report.outcomes.map { "\($0.id): \($0.outcome)" }.joined(separator: "; ")
            } catch {
                last = "\(error)"  // the plan's reads ran out of retries: plan again
            }
        }
        throw ChaosFailure(description: "\(describe): no clean apply in \(maxApplies) tries; last: \(last)")
    }

    /// What exists must be exactly what is desired, and a plan, without faults, must be empty.
    static func judge(_ r: Reconcile, _ desired: [Desired], _ jobs: [String], describe: String) async throws {
        let saved = await r.emulator.settings
        await r.emulator.updateSettings {
            $0.throttleRate = 0
            $0.errorRate = 0
            $0.dropAfterCommitRate = 0
        }
        defer { Task { await r.emulator.updateSettings { $0 = saved } } }
        let live = try await r.client.listProvisionedModelThroughputs().collect()
        var problems: [String] = []
        if live.count != desired.count {
            problems.append(
                "\(live.count) throughputs exist, \(desired.count) desired: "
                    + "\(live.map(\.provisionedModelName).sorted())"
            )
        }
        for want in desired {
            let matching = live.filter { $0.provisionedModelName == want.modelName }
            guard matching.count == 1, let found = matching.first else {
                problems.append("\(want.name): \(matching.count) throughputs named \(want.modelName)")
                continue
            }
            if found.modelUnits != want.units {
                problems.append("\(want.name): \(found.modelUnits) units, want \(want.units)")
            }
            let tags = Dictionary(
                try await r.client.listTagsForResource(found.provisionedModelArn).map { ($0.key, $0.value) }
            ) { a, _ in a }
            let expected = want.tags.merging(["bedrockctl:stack": "e2e", "bedrockctl:name": want.name]) { _, ours in
                ours
            }
            if tags != expected { problems.append("\(want.name): tags \(tags), want \(expected)") }
        }
        let models = try await r.client.listImportedModels().collect()
        for job in jobs where models.count(where: { $0.modelName == "\(job)-model" }) != 1 {
            problems.append("\(job): \(models.count { $0.modelName == "\(job)-model" }) imported models")
        }
        let plan = try await r.plan(resources(desired, jobs), PlanOptions(prune: true, allowReplace: true))
        if plan.hasChanges {
            problems.append("the final plan has changes: \(plan.changes.map { "\($0.id) \($0.type)" })")
        }
        if !problems.isEmpty { throw ChaosFailure(description: "\(describe): " + problems.joined(separator: "; ")) }
    }
}

/// SplitMix64: the run's choices from its seed.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
