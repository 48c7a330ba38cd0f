import AWSClient
import BedrockEmulator
import Foundation
import Manifest
import Synchronization
import TestSupport
import Testing

@testable import Reconciler

/// Discovery by tag against the emulator's tagging API: reads grow with the stack, the index's lag
/// never leads to a second create, a deleted resource still indexed is ignored, and a caller who
/// may not use the API falls back to the full read.
@Suite struct DiscoveryTests {
    /// Counts ListTagsForResource calls.
    final class TagCounter: HTTPTransport {
        let base: any HTTPTransport
        let count = Mutex(0)
        init(_ base: any HTTPTransport) { self.base = base }
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            if request.path == "/listTagsForResource" { count.withLock { $0 += 1 } }
            return try await base.send(request, timeout: timeout)
        }
        var tagReads: Int { count.withLock { $0 } }
        func reset() { count.withLock { $0 = 0 } }
    }

    struct Account {
        let clock = TestClock()
        let emulator: Emulator
        let counter: TagCounter
        let client: BedrockClient
        let tagging: TaggingClient

        init(lag: Double = 0) throws {
            var settings = EmulatorSettings()
            settings.taggingLagSeconds = lag
            let clock = self.clock
            let emulator = try Emulator(settings: settings, clock: clock.clock)
            let counter = TagCounter(EmulatorTransport(emulator))
            func service(_ name: String) -> ServiceClient {
                ServiceClient(
                    transport: counter, credentials: Clients.credentialsForEmulator, region: "us-east-1",
                    endpoint: URL(string: "http://127.0.0.1")!, signingName: name, clock: clock.clock,
                    retry: RetryPolicy(maxAttempts: 5, random: { 0 }))
            }
            self.emulator = emulator
            self.counter = counter
            client = BedrockClient(service: service("bedrock"))
            tagging = TaggingClient(service: service("tagging"))
        }

        func reading(
            _ stack: String, _ desired: [ManifestResource], _ discovery: LiveStateReader.Discovery = .auto
        )
            async throws -> LiveStateReader.Reading
        {
            try await LiveStateReader(
                client: client, region: "us-east-1", tagging: tagging, discovery: discovery,
                wanted: WantedNames(desired)
            ).reading(stack: stack)
        }

        func plan(
            _ stack: String, _ desired: [ManifestResource], _ options: PlanOptions = PlanOptions()
        ) async throws -> Plan {
            let reader = LiveStateReader(
                client: client, region: "us-east-1", tagging: tagging, wanted: WantedNames(desired))
            let planner = Planner(stack: stack, options: options, now: clock.clock.now())
            return try await planner.plan(desired, reading: try await reader.reading(stack: stack), reader: reader).plan
        }

        @discardableResult
        func apply(
            _ stack: String, _ desired: [ManifestResource], _ options: PlanOptions = PlanOptions()
        ) async throws -> Executor.Report {
            await Executor(client: client, clock: clock.clock, pollInterval: .seconds(1)).apply(
                try await plan(stack, desired, options))
        }
    }

    static func pts(_ prefix: String, _ count: Int) -> [ManifestResource] {
        (0..<count).map { EndToEndTests.pt("\(prefix)-\($0)") }
    }

    @Test func readsGrowWithTheStackNotTheAccount() async throws {
        let account = try Account()
        #expect(try await account.apply("others", Self.pts("other", 60)).ok)
        #expect(try await account.apply("team", Self.pts("team", 5)).ok)
        account.counter.reset()
        let reading = try await account.reading("team", Self.pts("team", 5))
        #expect(account.counter.tagReads == 0, "the stack's tags are the tagging API's pages': none read one by one")
        #expect(reading.fromIndex.count == 5 && reading.readDirectly == 0 && reading.byTag)
        #expect(reading.warnings.isEmpty)
        let plan = Planner(stack: "team", now: account.clock.clock.now()).plan(Self.pts("team", 5), live: reading.state)
        #expect(!plan.hasChanges)
        account.counter.reset()
        _ = try await account.reading("team", Self.pts("team", 5), .full)
        #expect(account.counter.tagReads == 65, "--discovery full reads every resource's tags")
    }

    /// Deployments and inference profiles are found through the index like the other kinds: only
    /// the stack's own tags are read, and one not indexed yet is found by its name.
    @Test func deploymentsAndProfilesAreDiscoveredByTag() async throws {
        let account = try Account()
        let others = (0..<10).map { DeploymentAndProfileTests.profile("other-\($0)") }
        #expect(try await account.apply("others", others).ok)
        let mine = [DeploymentAndProfileTests.deployment("bot"), DeploymentAndProfileTests.profile("mine")]
        #expect(try await account.apply("team", mine).ok)
        account.clock.advance(3600)
        account.counter.reset()
        let reading = try await account.reading("team", mine)
        #expect(account.counter.tagReads == 0, "the stack's tags are the tagging API's pages'")
        #expect(reading.state.deployments.count == 1 && reading.state.inferenceProfiles.count == 11)
        // The list leaves out a deployment's description: the plan would act on it, so it is read.
        account.counter.reset()
        let plan = try await account.plan("team", mine)
        #expect(!plan.hasChanges, "\(plan.actions.map { "\($0.id) \($0.type)" })")
        #expect(account.counter.tagReads == 1, "the deployment, read before an action rests on the index")
        // Gone from the manifests, only the index names them: pruning finds both.
        let pruning = try await account.plan("team", [], PlanOptions(prune: true))
        #expect(pruning.actions.map(\.type) == [.delete, .delete], "\(pruning.actions.map(\.id))")

        let lagging = try Account(lag: 3600)
        #expect(try await lagging.apply("lag", mine).ok)
        let again = try await lagging.plan("lag", mine)
        #expect(!again.hasChanges, "found by name before the index has them: \(again.actions.map(\.type))")
    }

    @Test func aResourceNotIndexedYetIsNeverCreatedTwice() async throws {
        let account = try Account(lag: 3600)
        let desired = Self.pts("lag", 3)
        #expect(try await account.apply("lag", desired).ok)
        // The index has not seen them: their names, which the manifests want, find them anyway.
        let plan = try await account.plan("lag", desired)
        #expect(!plan.hasChanges, "\(plan.actions.map { "\($0.id) \($0.type)" })")
        #expect(try await account.apply("lag", desired).ok)
        #expect(try await account.client.listProvisionedModelThroughputs().collect().count == 3)
    }

    @Test func aDeletedResourceStillIndexedIsIgnored() async throws {
        let account = try Account(lag: 3600)
        #expect(try await account.apply("stale", Self.pts("stale", 2)).ok)
        // Two hours on, the index has both; then one is deleted, and the index has not seen it go.
        account.clock.advance(7200)
        try await account.client.deleteProvisionedModelThroughput("stale-1")
        let indexed = try await account.tagging.getResources(tagFilters: [
            .init(key: "bedrockctl:stack", values: ["stale"])
        ]).collect()
        #expect(indexed.count == 2, "the index still lists the deleted one")
        let plan = try await account.plan("stale", Self.pts("stale", 1), PlanOptions(prune: true))
        #expect(!plan.hasChanges, "nothing to prune: \(plan.actions.map { "\($0.id) \($0.type)" })")
    }

    @Test func accessDeniedFallsBackToTheFullReadAndSaysSo() async throws {
        let account = try Account()
        #expect(try await account.apply("denied", Self.pts("denied", 2)).ok)
        await account.emulator.updateSettings { $0.taggingAccessDenied = true }
        let reading = try await account.reading("denied", Self.pts("denied", 2))
        #expect(reading.warnings.count == 1)
        #expect(reading.warnings.first?.contains("refused GetResources (AccessDeniedException)") == true)
        #expect(reading.state.throughputs.allSatisfy { $0.tags["bedrockctl:stack"] == "denied" })
        await #expect(throws: AWSServiceError.self) {
            _ = try await account.reading("denied", Self.pts("denied", 2), .tagging)
        }
    }

    /// Holds back the tagging API's second page until a tag read has been sent (or two seconds
    /// passed), and can run something before the first tag read goes out.
    final class Gate: HTTPTransport {
        let base: any HTTPTransport
        let state = Mutex(
            (pages: 0, tagReads: 0, tagReadBeforeSecondPage: false, hooked: false, hookDone: false))
        let beforeFirstTagRead: @Sendable () async throws -> Void
        init(_ base: any HTTPTransport, beforeFirstTagRead: @escaping @Sendable () async throws -> Void = {}) {
            self.base = base
            self.beforeFirstTagRead = beforeFirstTagRead
        }
        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            if request.header("X-Amz-Target")?.hasSuffix(".GetResources") == true {
                let page = state.withLock {
                    $0.pages += 1
                    return $0.pages
                }
                if page == 2 {
                    for _ in 0..<200 where state.withLock({ $0.tagReads == 0 }) {
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    state.withLock { $0.tagReadBeforeSecondPage = $0.tagReads > 0 }
                }
            }
            if request.path == "/listTagsForResource" {
                let first = state.withLock { s -> Bool in
                    s.tagReads += 1
                    defer { s.hooked = true }
                    return !s.hooked
                }
                if first {
                    try await beforeFirstTagRead()
                    state.withLock { $0.hookDone = true }
                } else {
                    // The other reads go out once the hook has run, not while it runs.
                    while !state.withLock({ $0.hookDone }) { try await Task.sleep(for: .milliseconds(1)) }
                }
            }
            return try await base.send(request, timeout: timeout)
        }
    }

    static func reader(
        _ account: Account, _ transport: any HTTPTransport, _ desired: [ManifestResource],
        _ discovery: LiveStateReader.Discovery = .auto
    ) -> LiveStateReader {
        func service(_ name: String) -> ServiceClient {
            ServiceClient(
                transport: transport, credentials: Clients.credentialsForEmulator, region: "us-east-1",
                endpoint: URL(string: "http://127.0.0.1")!, signingName: name, clock: account.clock.clock,
                retry: RetryPolicy(maxAttempts: 5, random: { 0 }))
        }
        return LiveStateReader(
            client: BedrockClient(service: service("bedrock")), region: "us-east-1",
            tagging: TaggingClient(service: service("tagging")), discovery: discovery, wanted: WantedNames(desired))
    }

    @Test func thePagesTagsAreTheStatesWithNoTagRead() async throws {
        let account = try Account()
        let desired = Self.pts("paged", 130)
        #expect(try await account.apply("paged", desired).ok)
        let gate = Gate(EmulatorTransport(account.emulator))
        let reading = try await Self.reader(account, gate, desired).reading(stack: "paged")
        let seen = gate.state.withLock { $0 }
        #expect(seen.pages == 2, "130 resources at 100 a page")
        #expect(seen.tagReads == 0, "the pages' tags are the state's: nothing is read one by one")
        #expect(reading.state.throughputs.count == 130)
        #expect(reading.state.throughputs.allSatisfy { $0.tags["bedrockctl:stack"] == "paged" })
    }

    @Test(arguments: [LiveStateReader.Discovery.full])
    func aResourceDeletedBetweenTheListAndItsTagReadIsLeftOut(discovery: LiveStateReader.Discovery) async throws {
        let account = try Account()
        let desired = Self.pts("gone", 3)
        #expect(try await account.apply("gone", desired).ok)
        let client = account.client
        let gate = Gate(EmulatorTransport(account.emulator)) {
            try await client.deleteProvisionedModelThroughput("gone-1")
        }
        let reading = try await Self.reader(account, gate, desired, discovery).reading(stack: "gone")
        #expect(
            reading.state.throughputs.map(\.name).sorted() == ["gone-0", "gone-2"],
            "the deleted one is not in the state, and the read did not fail")
    }
}

/// No action rests on the tagging index alone: what the plan would act on is read one by one, and
/// planned again from what it really is.
extension DiscoveryTests {
    static func arn(_ account: Account, _ name: String) async throws -> String {
        let listed = try await account.client.listProvisionedModelThroughputs().collect()
        return try #require(listed.first { $0.provisionedModelName == name }).provisionedModelArn
    }

    @Test func aResourceRetaggedAfterTheIndexSawItIsPlannedFromItsRealTags() async throws {
        let account = try Account(lag: 3600)
        #expect(try await account.apply("t", [EndToEndTests.pt("t-0")]).ok)
        account.clock.advance(7200)
        // Retagged by hand: the index still has the old tag.
        try await account.client.tagResource(
            try await Self.arn(account, "t-0"), tags: [.init(key: "team", value: "search")])
        let desired = [EndToEndTests.pt("t-0", tags: ["team": "search"])]
        let reading = try await account.reading("t", desired)
        let fromIndex = Planner(stack: "t", now: account.clock.clock.now()).plan(desired, live: reading.state)
        #expect(fromIndex.actions.map(\.type) == [.tag], "the index alone would retag it")
        account.counter.reset()
        let plan = try await account.plan("t", desired)
        #expect(!plan.hasChanges, "read one by one, it is as declared: \(plan.actions.map(\.type))")
        #expect(account.counter.tagReads == 1)
    }

    @Test func aPruneNeverDeletesAResourceWhoseTagsNoLongerNameTheStack() async throws {
        let account = try Account(lag: 3600)
        #expect(try await account.apply("p", Self.pts("p", 2)).ok)
        account.clock.advance(7200)
        // Released by hand (its ownership tags removed): the index still says the stack owns it.
        try await account.client.untagResource(
            try await Self.arn(account, "p-1"), keys: [OwnershipTags.stackKey, OwnershipTags.nameKey])
        let plan = try await account.plan("p", [EndToEndTests.pt("p-0")], PlanOptions(prune: true))
        #expect(!plan.actions.contains { $0.type == .delete }, "\(plan.actions.map { "\($0.id) \($0.type)" })")
        #expect(try await account.client.listProvisionedModelThroughputs().collect().count == 2)
    }
}
