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
            let reading = try await reading(stack, desired)
            return Planner(stack: stack, options: options, now: clock.clock.now()).plan(desired, live: reading.state)
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
        #expect(account.counter.tagReads == 5, "only the stack's own tags are read, not 65")
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
        #expect(account.counter.tagReads == 2, "only the stack's own tags are read, not 12")
        #expect(reading.state.deployments.count == 1 && reading.state.inferenceProfiles.count == 11)
        let plan = Planner(stack: "team", now: account.clock.clock.now()).plan(mine, live: reading.state)
        #expect(!plan.hasChanges, "\(plan.actions.map { "\($0.id) \($0.type)" })")
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

    @Test func tagsAreReadWhileTheIndexIsStillPaging() async throws {
        let account = try Account()
        let desired = Self.pts("paged", 130)
        #expect(try await account.apply("paged", desired).ok)
        let gate = Gate(EmulatorTransport(account.emulator))
        let reading = try await Self.reader(account, gate, desired).reading(stack: "paged")
        let seen = gate.state.withLock { $0 }
        #expect(seen.pages == 2, "130 resources at 100 a page")
        #expect(seen.tagReadBeforeSecondPage, "the first page's tags were read before the second page was asked for")
        #expect(reading.state.throughputs.count == 130)
        #expect(reading.state.throughputs.allSatisfy { $0.tags["bedrockctl:stack"] == "paged" })
    }

    @Test(arguments: [LiveStateReader.Discovery.full, .auto])
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
