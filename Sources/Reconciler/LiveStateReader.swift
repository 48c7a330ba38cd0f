import AWSClient
import BedrockConstraints
import Foundation
import Manifest

/// Reads the live state: list calls (paginated) and tags. With discovery by tag, the Resource
/// Groups Tagging API names what the stack owns and its pages give those resources' tags; only
/// the resources the manifests name that the index lacks (not indexed yet) are read one by one,
/// and, once a plan is made, those it would act on (`verifying`, through `Planner.plan(_:reading:
/// reader:)`): reads grow with what the plan changes, not with the stack or the account. Without
/// it, every resource is read one by one. Fanned out under a cap; throttled calls are retried by
/// the client's policy, and paced by its rate limiter in adaptive mode.
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

    /// The resource types the tagging API is asked for: every kind's.
    public static var resourceTypes: [String] { PlanAction.Kind.allCases.flatMap { $0.unit.taggingTypes } }

    /// Bedrock's largest list page.
    public static let pageSize = 1000

    /// Reads 16 at a time by default; in adaptive retry mode the client's rate limiter sets the pace.
    public static let defaultConcurrency = 16

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
        /// The listed resources whose tags are the tagging API's pages' (not read one by one):
        /// `verifying` reads those a plan would act on before the plan is shown.
        public var fromIndex: Set<String> = []
        /// How many resources were read one by one (ListTagsForResource and what their kind reads).
        public var readDirectly = 0
        /// Whether the tagging API found the stack's resources (false: every resource was read).
        public var byTag = false
        var listings: [KindListing] = []
        var read: [String: Details?] = [:]
    }

    public func read(stack: String) async throws -> LiveState { try await reading(stack: stack).state }

    public func reading(stack: String) async throws -> Reading {
        // What to read one by one is found while the lists and the tagging API's pages come in,
        // and read as it is found.
        let (arns, feed) = AsyncThrowingStream.makeStream(of: String.self)
        async let listing = discover(stack: stack, feed: feed)
        var read = try await readEach(arns, stack: stack)
        let found = try await listing
        let direct = read.count
        let listed = Set(found.listings.flatMap { $0.resources.map(\.arn) })
        var fromIndex: Set<String> = []
        for (arn, tags) in found.indexed where listed.contains(arn) && read[arn] == nil {
            read[arn] = Details(tags: tags)
            fromIndex.insert(arn)
        }
        var reading = Reading(
            state: LiveState(region: region), warnings: found.warnings, fromIndex: fromIndex, readDirectly: direct,
            byTag: found.byTag, listings: found.listings, read: read)
        reading.state = try await assemble(reading, stack: stack)
        return reading
    }

    /// `reading` with the resources `arns` names read one by one, where their tags came from the
    /// tagging API's pages: so that no action rests on the index alone, whose tags may lag.
    public func verifying(_ reading: Reading, _ arns: Set<String>, stack: String) async throws -> Reading {
        let unread = arns.intersection(reading.fromIndex)
        guard !unread.isEmpty else { return reading }
        let (stream, feed) = AsyncThrowingStream.makeStream(of: String.self)
        for arn in unread.sorted() { feed.yield(arn) }
        feed.finish()
        var verified = reading
        for (arn, details) in try await readEach(stream, stack: stack) { verified.read[arn] = details }
        verified.fromIndex.subtract(unread)
        verified.readDirectly += unread.count
        verified.state = try await assemble(verified, stack: stack)
        return verified
    }

    /// The live state from the lists and what was read of each resource.
    func assemble(_ reading: Reading, stack: String) async throws -> LiveState {
        let details = ReadDetails(read: reading.read)
        var state = LiveState(region: region)
        for listing in reading.listings { listing.assemble(&state, details) }
        for kind in PlanAction.Kind.allCases { try await kind.unit.complete(&state, stack: stack, reader: self) }
        return state
    }

    /// Whether `auto` discovery reads everything instead after this error: the caller may not use
    /// the tagging API, or the endpoint does not serve it (an emulator of Bedrock alone).
    static func fallsBack(_ error: AWSServiceError) -> Bool {
        error.kind == .accessDenied || [404, 501].contains(error.status)
            || ["UnknownOperationException", "InvalidAction", "NotImplemented"].contains(error.code)
    }

    /// The lists, the tags the tagging API's pages gave (by ARN), and how the resources were found.
    struct Found: Sendable {
        var listings: [KindListing]
        var indexed: [String: [String: String]]
        var byTag: Bool
        var warnings: [String]
    }

    /// Lists every resource and feeds the ARNs to read one by one: with discovery by tag, those
    /// the manifests name that the tagging API's pages lack (not indexed yet), the others' tags
    /// being the pages'; without it, everything. Ends the feed, with the error when it fails.
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
        // Every kind lists at once, at the largest pages the service allows.
        async let listed = withThrowingTaskGroup(of: (Int, KindListing).self) { [client, wanted] group in
            for (index, kind) in PlanAction.Kind.allCases.enumerated() {
                group.addTask { (index, try await kind.unit.list(client, wanted: wanted.of(kind))) }
            }
            var listings: [(Int, KindListing)] = []
            for try await listing in group { listings.append(listing) }
            return listings.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var byTag = discovery != .full && tagging != nil
        var refused: AWSServiceError?
        var indexed: [String: [String: String]] = [:]
        if byTag, let tagging {
            // The index lags: a deleted resource may still be in it (the lists leave it out), and
            // a new one may not be yet (the names the manifests want are read below).
            let filter = TaggingClient.TagFilter(key: OwnershipTags.stackKey, values: [stack])
            do {
                for try await mapping in tagging.getResources(tagFilters: [filter], resourceTypes: Self.resourceTypes) {
                    indexed[mapping.resourceARN] = Dictionary(
                        (mapping.tags ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
                }
            } catch let error as AWSServiceError where discovery == .auto && Self.fallsBack(error) {
                refused = error
                byTag = false
                indexed = [:]
            }
        }
        let listings = try await listed
        let resources = listings.flatMap(\.resources)
        var warnings: [String] = []
        if let refused {
            warnings.append(
                "the Resource Groups Tagging API refused GetResources (\(refused.code)), so the tags of all "
                    + "\(resources.count) resources were read instead; allow tag:GetResources, "
                    + "or pass --discovery full")
        }
        for resource in resources where !byTag || (resource.wanted && indexed[resource.arn] == nil) {
            feed.yield(resource.arn)
        }
        return Found(listings: listings, indexed: indexed, byTag: byTag, warnings: warnings)
    }

    /// What is read of one resource: its tags, and what its kind's unit reads beside them
    /// (`ReconcilerKindUnit.detail`), which that unit's own listing takes back.
    struct Details: Sendable {
        var tags: [String: String]
        var detail: (any Sendable)?
    }

    /// The unit of each resource type the tagging API names (`bedrock:provisioned-model`).
    static let unitsByTaggingType: [String: any ReconcilerKindUnit.Type] = Dictionary(
        uniqueKeysWithValues: PlanAction.Kind.allCases.flatMap { kind in kind.unit.taggingTypes.map { ($0, kind.unit) }
        })

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
            guard let type = BedrockARN(arn)?.type, let unit = Self.unitsByTaggingType["bedrock:\(type.rawValue)"]
            else {
                return Details(tags: tags)
            }
            return Details(tags: tags, detail: try await unit.detail(of: arn, tags: tags, stack: stack, client: client))
        } catch let error as AWSServiceError where error.kind == .notFound {
            return nil
        }
    }
}
