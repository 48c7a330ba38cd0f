import AWSClient
import Foundation
import Manifest
import TestSupport
import Testing

@testable import Reconciler

/// Both replacement strategies against the emulator, judged by what exists afterwards; and a
/// create-before-destroy stopped after each of its steps, which the next apply finishes.
@Suite struct ReplacementEndToEndTests {
    static let allow = PlanOptions(allowReplace: true)

    static func bot(units: Int, _ strategy: ReplacementStrategy = .createBeforeDestroy) -> ManifestResource {
        EndToEndTests.pt("bot", units: units, replacement: strategy)
    }

    /// The throughputs that claim to be `bot`, by name, with their units and status.
    static func claimants(_ r: Reconcile) async throws -> [(name: String, units: Int, status: String, arn: String)] {
        var found: [(String, Int, String, String)] = []
        for summary in try await r.client.listProvisionedModelThroughputs().collect() {
            let tags = try await r.client.listTagsForResource(summary.provisionedModelArn)
            guard tags.contains(.init(key: "bedrockctl:name", value: "bot")) else { continue }
            found.append(
                (summary.provisionedModelName, summary.modelUnits, summary.status.rawValue, summary.provisionedModelArn)
            )
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// Exactly one throughput, named bot, with the new units and a new ARN, and nothing left to do.
    static func expectReplaced(_ r: Reconcile, oldArn: String, units: Int, _ comment: Comment) async throws {
        let left = try await claimants(r)
        #expect(left.map(\.name) == ["bot"], comment)
        #expect(left.first?.units == units && left.first?.status == "InService", comment)
        #expect(left.first?.arn != oldArn, comment)
        let again = try await r.plan([bot(units: units)], allow)
        #expect(!again.hasChanges, "\(comment): \(again.actions.map { "\($0.id) \($0.type) \($0.reason)" })")
    }

    @Test func createBeforeDestroyKeepsCapacityAndEndsWithOneThroughput() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([Self.bot(units: 1)]).ok)
        let old = try await r.client.getProvisionedModelThroughput("bot").provisionedModelArn
        #expect(try await r.apply([Self.bot(units: 2)], Self.allow).ok)
        try await Self.expectReplaced(r, oldArn: old, units: 2, "after one apply")
    }

    @Test func destroyBeforeCreateEndsTheSameWay() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([Self.bot(units: 1, .destroyBeforeCreate)]).ok)
        let old = try await r.client.getProvisionedModelThroughput("bot").provisionedModelArn
        let plan = try await r.plan([Self.bot(units: 2, .destroyBeforeCreate)], Self.allow)
        #expect(plan.actions.first?.steps.first == Step(ThroughputStep.deleteThroughput(target: old)))
        #expect(try await r.apply([Self.bot(units: 2, .destroyBeforeCreate)], Self.allow).ok)
        try await Self.expectReplaced(r, oldArn: old, units: 2, "destroy before create")
    }

    /// Runs the first `count` steps of the replacement, as the executor would, then stops (as a
    /// kill would); capacity is up at every point; the next apply finishes the job.
    @Test(arguments: 0...5) func aKillAfterAnyStepConvergesOnTheNextApply(count: Int) async throws {
        let r = try Reconcile()
        #expect(try await r.apply([Self.bot(units: 1)]).ok)
        let old = try await r.client.getProvisionedModelThroughput("bot").provisionedModelArn
        let plan = try await r.plan([Self.bot(units: 2)], Self.allow)
        let action = try #require(plan.actions.first)
        #expect(action.steps.count == 5)
        let executor = Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1))
        var arn = action.liveArn
        for step in action.steps.prefix(count) {
            if let created = try await executor.perform(step, for: action.id, arn: arn) { arn = created }
            let serving = try await Self.claimants(r).filter { $0.status == "InService" || $0.status == "Updating" }
            #expect(!serving.isEmpty, "capacity dropped after \(step)")
        }
        let report = try await r.apply([Self.bot(units: 2)], Self.allow)
        #expect(report.ok, "stopped after \(count) steps: \(report.outcomes)")
        try await Self.expectReplaced(r, oldArn: old, units: 2, "stopped after \(count) steps")
    }

    @Test func aManifestChangedMidReplacementStartsItAgain() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([Self.bot(units: 1)]).ok)
        let old = try await r.client.getProvisionedModelThroughput("bot").provisionedModelArn
        let plan = try await r.plan([Self.bot(units: 2)], Self.allow)
        let executor = Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1))
        for step in plan.actions[0].steps.prefix(2) { try await executor.perform(step, for: "bot") }
        // Killed with both alive; the manifest now asks for 3.
        #expect(try await r.apply([Self.bot(units: 3)], Self.allow).ok)
        try await Self.expectReplaced(r, oldArn: old, units: 3, "after the manifest changed")
    }
}
