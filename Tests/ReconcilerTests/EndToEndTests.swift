import AWSClient
import BedrockConstraints
import BedrockEmulator
import Foundation
import Manifest
import TestSupport
import Testing
import YAML

@testable import Reconciler

/// plan and apply against the emulator, in-process, with time under the test's control.
struct Reconcile {
    let clock = TestClock()
    let emulator: Emulator
    let client: BedrockClient
    let region: String

    init(
        settings: EmulatorSettings = EmulatorSettings(),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 5, random: { 0 }),
        region: String = "us-east-1"
    ) throws {
        self.region = region
        emulator = try Emulator(settings: settings, clock: clock.clock)
        client = BedrockClient(
            service: ServiceClient(
                transport: EmulatorTransport(emulator), credentials: Clients.credentialsForEmulator,
                region: region, endpoint: URL(string: "http://127.0.0.1")!, signingName: "bedrock",
                clock: clock.clock, retry: retry))
    }

    /// The reconcile flow the commands run, on this emulator: STS and Service Quotas answer on
    /// the same transport; no tagging client, so every resource's tags are read.
    var reconciliation: Reconciliation {
        let transport = EmulatorTransport(emulator)
        let quotas = ServiceQuotasClient(
            service: ServiceClient(
                transport: transport, credentials: Clients.credentialsForEmulator, region: region,
                endpoint: URL(string: "http://127.0.0.1")!, signingName: "servicequotas", clock: clock.clock))
        let account = Reconciliation.Account(
            bedrock: client, tagging: nil, quotas: quotas,
            identity: {
                try await CallerIdentity.read(
                    transport: transport, endpoint: URL(string: "http://127.0.0.1")!, region: region,
                    credentials: Clients.credentialsForEmulator, clock: clock.clock)
            }, target: PlanTarget(region: region, endpoint: "http://127.0.0.1", sandbox: nil))
        return Reconciliation(account: account, clock: clock.clock)
    }

    static func request(_ resources: [ManifestResource], _ options: PlanOptions) -> Reconciliation.Request {
        Reconciliation.Request(
            manifests: ManifestSet(resources: resources), stack: "e2e", stackSource: StackSource(.flag),
            options: options)
    }

    func plan(_ resources: [ManifestResource], _ options: PlanOptions = PlanOptions()) async throws -> Plan {
        try await reconciliation.plan(Self.request(resources, options))
    }

    @discardableResult
    func apply(_ resources: [ManifestResource], _ options: PlanOptions = PlanOptions()) async throws -> Executor.Report
    {
        let outcome = try await reconciliation.apply(
            Self.request(resources, options), execution: Reconciliation.Execution(pollInterval: .seconds(1)),
            confirm: { _ in true })
        switch outcome {
        case .applied(_, let report, _): return report
        case .nothingToDo: return Executor.Report(outcomes: [])
        case .refused(let why): throw ReconcileRefused(message: why)
        }
    }
}

struct ReconcileRefused: Error { var message: String }

extension Clients {
    static let credentialsForEmulator = StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test"))
}

@Suite struct EndToEndTests {
    static let source = Mark(file: "e2e.yaml", line: 1, column: 1)
    static let custom =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts"

    static func pt(
        _ name: String, modelName: String? = nil, units: Int = 1, commitment: CommitmentDuration? = nil,
        tags: [String: String] = ["team": "ml"],
        replacement: ReplacementStrategy = .destroyBeforeCreate
    ) -> ManifestResource {
        .provisionedThroughput(
            ProvisionedThroughputSpec(
                name: name, provisionedModelName: modelName, modelId: "amazon.titan-text-express-v1:0:8k",
                modelUnits: units, commitmentDuration: commitment, tags: tags, replacement: replacement,
                source: source))
    }

    static func job(_ name: String = "llama", uri: String = "s3://acme/llama/") -> ManifestResource {
        .modelImportJob(
            ModelImportJobSpec(
                name: name, importedModelName: "\(name)-model", roleArn: "arn:aws:iam::000000000000:role/Import",
                s3Uri: uri, source: source))
    }

    @Test func firstApplyThenNoChanges() async throws {
        let r = try Reconcile()
        let report = try await r.apply([Self.pt("a"), Self.pt("b", units: 2), Self.job()])
        #expect(report.ok && report.succeeded == 3)
        let again = try await r.plan([Self.pt("a"), Self.pt("b", units: 2), Self.job()])
        #expect(!again.hasChanges, "\(again.actions.map { "\($0.id) \($0.type)" })")
        #expect(again.actions.allSatisfy { $0.type == .noop })
        let model = try await r.client.getImportedModel("llama-model")
        #expect(
            try await r.client.listTagsForResource(model.modelArn!).contains(
                .init(key: "bedrockctl:name", value: "llama")))
    }

    @Test func renameInPlaceKeepsTheArn() async throws {
        let r = try Reconcile()
        try await r.apply([Self.pt("bot", modelName: "bot-v1")])
        let before = try await r.client.getProvisionedModelThroughput("bot-v1").provisionedModelArn
        let plan = try await r.plan([Self.pt("bot", modelName: "bot-v2")])
        #expect(plan.actions.map(\.type) == [.update])
        #expect(try await r.apply([Self.pt("bot", modelName: "bot-v2")]).ok)
        #expect(try await r.client.getProvisionedModelThroughput("bot-v2").provisionedModelArn == before)
        #expect(!(try await r.plan([Self.pt("bot", modelName: "bot-v2")]).hasChanges))
    }

    @Test func replacementMakesANewThroughput() async throws {
        let r = try Reconcile()
        try await r.apply([Self.pt("big")])
        let before = try await r.client.getProvisionedModelThroughput("big").provisionedModelArn
        let refused = try await r.apply([Self.pt("big", units: 3)])
        #expect(!refused.ok && refused.skipped == 1, "replacing needs --allow-replace")
        #expect(try await r.apply([Self.pt("big", units: 3)], PlanOptions(allowReplace: true)).ok)
        let after = try await r.client.getProvisionedModelThroughput("big")
        #expect(after.provisionedModelArn != before && after.modelUnits == 3)
    }

    @Test func tagDriftIsPutBack() async throws {
        let r = try Reconcile()
        try await r.apply([Self.pt("t")])
        let arn = try await r.client.getProvisionedModelThroughput("t").provisionedModelArn
        try await r.client.tagResource(
            arn, tags: [.init(key: "team", value: "someone-else"), .init(key: "stray", value: "x")])
        let plan = try await r.plan([Self.pt("t")])
        #expect(plan.actions.map(\.type) == [.tag])
        #expect(try await r.apply([Self.pt("t")]).ok)
        #expect(
            try await r.client.listTagsForResource(arn).map(\.key).sorted() == [
                "bedrockctl:name", "bedrockctl:stack", "team",
            ])
        #expect(!(try await r.plan([Self.pt("t")]).hasChanges))
    }

    @Test func pruneDeletesOnlyWhenAsked() async throws {
        let r = try Reconcile()
        try await r.apply([Self.pt("keep"), Self.pt("drop")])
        let plan = try await r.plan([Self.pt("keep")])
        #expect(plan.actions.map(\.type).sorted { $0.rawValue < $1.rawValue } == [.noop, .wouldPrune])
        #expect(try await r.apply([Self.pt("keep")], PlanOptions(prune: true)).ok)
        #expect(try await r.client.listProvisionedModelThroughputs().collect().map(\.provisionedModelName) == ["keep"])
    }

    @Test func aCommitmentBlocksReplacementAndApplyRefuses() async throws {
        let r = try Reconcile()
        try await r.apply([Self.pt("committed", commitment: .oneMonth)])
        let plan = try await r.plan(
            [Self.pt("committed", units: 2, commitment: .oneMonth)], PlanOptions(allowReplace: true))
        #expect(plan.isBlocked)
        let report = try await r.apply(
            [Self.pt("committed", units: 2, commitment: .oneMonth)], PlanOptions(allowReplace: true))
        #expect(report.skipped == 1 && report.succeeded == 0)
        #expect(try await r.client.getProvisionedModelThroughput("committed").modelUnits == 1, "nothing was deleted")
    }

    @Test func anImportJobRunsToCompletionAndAFailedOneIsRetried() async throws {
        var settings = EmulatorSettings()
        settings.failImportsFrom = ["s3://broken/"]
        let r = try Reconcile(settings: settings)
        let failed = try await r.apply([Self.job("imp", uri: "s3://broken/x/")])
        #expect(failed.failed == 1)
        let retry = try await r.plan([Self.job("imp", uri: "s3://acme/fixed/")])
        #expect(
            retry.actions.first?.reason.hasPrefix("import job imp failed: Unable to read the model artifacts") == true)
        #expect(try await r.apply([Self.job("imp", uri: "s3://acme/fixed/")]).ok)
        #expect(try await r.client.getModelImportJob("imp-r2").status == .completed)
        #expect(!(try await r.plan([Self.job("imp", uri: "s3://acme/fixed/")]).hasChanges))
    }

    @Test func twoThroughputsSwapNames() async throws {
        let r = try Reconcile()
        try await r.apply([Self.pt("a", modelName: "x"), Self.pt("b", modelName: "y")])
        let a = try await r.client.getProvisionedModelThroughput("x").provisionedModelArn
        let b = try await r.client.getProvisionedModelThroughput("y").provisionedModelArn
        #expect(try await r.apply([Self.pt("a", modelName: "y"), Self.pt("b", modelName: "x")]).ok)
        #expect(try await r.client.getProvisionedModelThroughput("y").provisionedModelArn == a)
        #expect(try await r.client.getProvisionedModelThroughput("x").provisionedModelArn == b)
        #expect(!(try await r.plan([Self.pt("a", modelName: "y"), Self.pt("b", modelName: "x")]).hasChanges))
    }

    @Test func droppedAnswersStillCreateExactlyOneResource() async throws {
        var settings = EmulatorSettings()
        settings.dropAfterCommitRate = 0.5
        settings.seed = 11
        let r = try Reconcile(settings: settings, retry: RetryPolicy(maxAttempts: 8, random: { 0 }))
        let desired = (0..<6).map { Self.pt("p\($0)") }
        var report = try await r.apply(desired)
        if !report.ok { report = try await r.apply(desired) }
        #expect(report.ok)
        let names = try await r.client.listProvisionedModelThroughputs().collect().map(\.provisionedModelName).sorted()
        #expect(names == (0..<6).map { "p\($0)" }, "exactly one throughput each, despite answers lost after commit")
    }
}

@Suite struct ExecutorReportTests {
    @Test func aFailureSkipsWhatDependsOnItAndTheRestStillRuns() async throws {
        let r = try Reconcile()
        let broken = PlanAction(
            id: "ProvisionedThroughput/broken", kind: .provisionedThroughput, name: "broken", type: .create,
            reason: "test",
            steps: [
                Step(
                    ThroughputStep.createThroughput(
                        name: "broken", modelId: "acme.rocket-v1", modelUnits: 1, commitmentDuration: nil, tags: [:],
                        token: "t-broken"))
            ])
        let after = PlanAction(
            id: "ProvisionedThroughput/after", kind: .provisionedThroughput, name: "after", type: .create,
            reason: "test", dependsOn: [broken.id],
            steps: [
                Step(
                    ThroughputStep.createThroughput(
                        name: "after", modelId: "amazon.titan-text-express-v1:0:8k", modelUnits: 1,
                        commitmentDuration: nil,
                        tags: [:], token: "t-after"))
            ])
        let independent = PlanAction(
            id: "ProvisionedThroughput/independent", kind: .provisionedThroughput, name: "independent", type: .create,
            reason: "test",
            steps: [
                Step(
                    ThroughputStep.createThroughput(
                        name: "independent", modelId: "amazon.titan-text-express-v1:0:8k", modelUnits: 1,
                        commitmentDuration: nil, tags: [:], token: "t-ind"))
            ])
        let plan = Plan(
            stack: "e2e", region: "us-east-1", manifestDigest: "", liveStateDigest: "", options: PlanOptions(),
            actions: [broken, after, independent], warnings: [])
        let report = await Executor(client: r.client, clock: r.clock.clock).apply(plan)
        #expect(report.failed == 1 && report.skipped == 1 && report.succeeded == 1)
        let outcomes = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.id, $0.outcome) })
        #expect(
            outcomes["ProvisionedThroughput/after"]
                == .skipped("it depends on ProvisionedThroughput/broken, which did not succeed"))
        #expect(outcomes["ProvisionedThroughput/independent"] == .succeeded)
        guard case .failed(let why)? = outcomes["ProvisionedThroughput/broken"] else {
            Issue.record("not failed")
            return
        }
        #expect(why.contains("ResourceNotFoundException"))
    }

    @Test func waitsTimeOut() async throws {
        var settings = EmulatorSettings()
        settings.provisionSeconds = 10_000
        let r = try Reconcile(settings: settings)
        let plan = try await r.plan([EndToEndTests.pt("slow")])
        let report = await Executor(
            client: r.client, clock: r.clock.clock, timeout: .seconds(30), pollInterval: .seconds(10)
        ).apply(plan)
        guard case .failed(let why)? = report.outcomes.first?.outcome else {
            Issue.record("did not fail")
            return
        }
        #expect(why == "timed out: throughput slow is still Creating after 30.0 seconds")
    }
}

/// A deleted resource can be created again from the same manifest: the deterministic token of
/// its first create is spent, and the executor walks on to the next generation.
@Suite struct RecreateAfterDeleteTests {
    @Test func aPrunedThroughputComesBackWhenItsManifestDoes() async throws {
        let r = try Reconcile()
        let bot = EndToEndTests.pt("bot")
        #expect(try await r.apply([bot]).ok)
        let first = try await r.client.getProvisionedModelThroughput("bot").provisionedModelArn
        #expect(try await r.apply([], PlanOptions(prune: true)).ok)
        #expect(try await r.client.listProvisionedModelThroughputs().collect().isEmpty)
        for round in 1...3 {
            #expect(try await r.apply([bot]).ok, "round \(round)")
            let again = try await r.client.getProvisionedModelThroughput("bot").provisionedModelArn
            #expect(again != first)
            #expect(!(try await r.plan([bot]).hasChanges), "round \(round): the plan settles")
            try await r.client.deleteProvisionedModelThroughput(again)  // a delete by hand this time
        }
    }

    @Test func aRetriedCreateStillFindsItsFirstAnswer() async throws {
        var settings = EmulatorSettings()
        settings.dropAfterCommitRate = 1
        let r = try Reconcile(settings: settings)
        let plan = try await r.plan([EndToEndTests.pt("once")])
        _ = await Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1)).apply(plan)
        await r.emulator.updateSettings { $0.dropAfterCommitRate = 0 }
        #expect(await Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1)).apply(plan).ok)
        #expect(
            try await r.client.listProvisionedModelThroughputs().collect().count == 1,
            "one throughput, however often the plan runs")
    }

    @Test func anImportedModelDeletedByPruneIsImportedAgainUnderANewJob() async throws {
        let r = try Reconcile()
        let job = EndToEndTests.job("llama")
        #expect(try await r.apply([job]).ok)
        #expect(try await r.apply([], PlanOptions(prune: true)).ok)
        let back = try await r.plan([job])
        guard
            case .createImportJob(let jobName, _, _, _, _, _, _, _, _, _)? = back.actions.first?.steps.first?.as(
                ImportStep.self)
        else {
            Issue.record("no new import job planned: \(back.actions)")
            return
        }
        #expect(jobName == "llama-r2", "a job name cannot be reused")
        #expect(try await r.apply([job]).ok)
        #expect(try await r.client.getImportedModel("llama-model").modelName == "llama-model")
        #expect(!(try await r.plan([job]).hasChanges))
    }
}

/// Two applies of the same plan racing each other: both end well, and the loser says the
/// change was already made.
@Suite struct RacingApplyTests {
    /// The two applies made the plan at the same time; `sequential` lets the loser start only
    /// after the winner has finished, the worst interleaving.
    static func race(_ r: Reconcile, _ plan: Plan, sequential: Bool = false) async -> [Executor.Report] {
        if sequential {
            var reports: [Executor.Report] = []
            for _ in 0..<2 {
                reports.append(
                    await Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1)).apply(plan))
            }
            return reports
        }
        return await withTaskGroup(of: Executor.Report.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    await Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1)).apply(plan)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test(arguments: [false, true])
    func aRacedRenameSucceedsTwice(sequential: Bool) async throws {
        let r = try Reconcile()
        #expect(try await r.apply([EndToEndTests.pt("bot", modelName: "bot-v1")]).ok)
        let plan = try await r.plan([EndToEndTests.pt("bot", modelName: "bot-v2")])
        let reports = await Self.race(r, plan, sequential: sequential)
        for report in reports { #expect(report.ok, "\(report.outcomes)") }
        #expect(!(try await r.plan([EndToEndTests.pt("bot", modelName: "bot-v2")]).hasChanges))
    }

    @Test(arguments: [false, true])
    func aRacedSwapSucceedsTwice(sequential: Bool) async throws {
        let r = try Reconcile()
        #expect(
            try await r.apply([EndToEndTests.pt("a", modelName: "left"), EndToEndTests.pt("b", modelName: "right")]).ok)
        let swapped = [EndToEndTests.pt("a", modelName: "right"), EndToEndTests.pt("b", modelName: "left")]
        let plan = try await r.plan(swapped)
        let reports = await Self.race(r, plan, sequential: sequential)
        for report in reports { #expect(report.ok, "\(report.outcomes)") }
        #expect(!(try await r.plan(swapped).hasChanges))
    }
}

extension RacingApplyTests {
    @Test func aWaitFollowsItsThroughputThroughARenameByAnotherApply() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([EndToEndTests.pt("bot", modelName: "bot-v1")]).ok)
        let arn = try await r.client.getProvisionedModelThroughput("bot-v1").provisionedModelArn
        let executor = Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1))
        try await executor.perform(
            Step(ThroughputStep.updateThroughput(target: arn, newName: "bot-v2", newModelId: nil)),
            for: "ProvisionedThroughput/bot",
            arn: arn)
        // Another apply, of a newer manifest, renames it again before this one waits.
        try await r.client.updateProvisionedModelThroughput(arn, .init(desiredProvisionedModelName: "bot-v3"))
        try await executor.perform(
            Step(ThroughputStep.waitForThroughput(name: "bot-v2")), for: "ProvisionedThroughput/bot", arn: arn)
    }
}

extension RacingApplyTests {
    @Test func aRenameRefusedBecauseAnotherApplyMadeItSucceeds() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([EndToEndTests.pt("bot", modelName: "bot-v1")]).ok)
        let arn = try await r.client.getProvisionedModelThroughput("bot-v1").provisionedModelArn
        let executor = Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1))
        // The first step fails (a stand-in for any refusal); the rename it stands for is not in place yet.
        let nowhere = "arn:aws:bedrock:us-east-1:000000000000:provisioned-model/nope"
        let broken = PlanAction(
            id: "ProvisionedThroughput/bot", kind: .provisionedThroughput, name: "bot", type: .update, reason: "rename",
            liveArn: arn,
            steps: [
                Step(TagStep.tag(arn: nowhere, tags: ["a": "b"])),
                Step(ThroughputStep.updateThroughput(target: arn, newName: "bot-v2", newModelId: nil)),
            ])
        if case .failed = await executor.run(broken) {
        } else {
            Issue.record("a refusal with the rename not made must fail")
        }
        try await r.client.updateProvisionedModelThroughput(arn, .init(desiredProvisionedModelName: "bot-v2"))
        #expect(await executor.run(broken) == .succeeded, "the rename was made by another apply")
    }
}

/// Commitments are judged by the service's clock, the `Date` of its answers: after the emulator
/// moves its time past an expiry, a delete is no longer blocked, whatever this machine's clock says.
@Suite struct ServiceClockTests {
    @Test func anExpiredCommitmentByTheServicesClockNoLongerBlocks() async throws {
        let clock = TestClock()
        let emulator = try Emulator(settings: EmulatorSettings(), clock: clock.clock)
        let timed = ServiceTimeTransport(EmulatorTransport(emulator))
        let client = BedrockClient(
            service: ServiceClient(
                transport: timed, credentials: Clients.credentialsForEmulator, region: "us-east-1",
                endpoint: URL(string: "http://127.0.0.1")!, signingName: "bedrock", clock: clock.clock))
        let plan = { (now: Date) async throws -> Plan in
            let live = try await LiveStateReader(client: client, region: "us-east-1").read(stack: "e2e")
            return Planner(stack: "e2e", options: PlanOptions(prune: true), now: now).plan([], live: live)
        }
        let committed = EndToEndTests.pt("held", commitment: .oneMonth)
        let created = Planner(stack: "e2e", now: clock.clock.now()).plan(
            [committed], live: LiveState(region: "us-east-1"))
        #expect(await Executor(client: client, clock: clock.clock, pollInterval: .seconds(1)).apply(created).ok)
        let blocked = try await plan(timed.serviceTime ?? Date.distantPast)
        #expect(blocked.actions.first?.blocked?.contains("days)") == true, "\(blocked.actions)")
        _ = await emulator.handle(
            EmulatorRequest(method: "POST", path: "/_emulator/advance", body: Array(#"{"seconds": 2851200}"#.utf8)))
        _ = try await client.listProvisionedModelThroughputs().collect()
        let serviceNow = try #require(timed.serviceTime)
        #expect(serviceNow.timeIntervalSince(clock.clock.now()) > 2_850_000, "the service's Date is its emulated time")
        #expect(
            try await plan(serviceNow).actions.first?.blocked == nil,
            "33 days on, by the service's clock, the commitment is over")
        #expect(
            try await plan(clock.clock.now()).actions.first?.blocked != nil,
            "by this machine's clock it would still block")
    }

    @Test func httpDatesRoundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_568_523)
        #expect(HTTPDate.format(date) == "Wed, 25 Nov 2026 01:02:03 GMT")
        #expect(HTTPDate.parse("Wed, 25 Nov 2026 01:02:03 GMT") == date)
        for bad in [
            "", "Wed, 25 Nov 2026 22:22:03 PST", "Wed, 32 Nov 2026 22:22:03 GMT", "Wed, 25 Foo 2026 22:22:03 GMT",
            "25 Nov 2026",
        ] {
            #expect(HTTPDate.parse(bad) == nil, "\(bad)")
        }
    }
}
