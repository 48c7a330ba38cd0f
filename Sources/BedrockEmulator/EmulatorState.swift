import AWSClient
import BedrockConstraints
import Foundation

/// Everything the emulator knows, as plain data: persisted as JSON with `--state` (a snapshot,
/// and a journal of the changes since, `EmulatorStateStore`).
struct EmulatorState: Codable, Sendable, Equatable {
    /// The resources, by kind (`EmulatorResources.all`); each kind's file gives its table a name
    /// (`state.throughputs`).
    var tables = ResourceTables()
    /// Tags by resource ARN.
    var tags: [String: [String: String]] = [:]
    /// Replies to creates by `operation/token`, for idempotent replay.
    var tokens: [String: IdempotencyRecord] = [:]
    var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Tags as the Resource Groups Tagging API sees them, with its lag.
    var taggingIndex = TaggingIndex()
    /// The number of the last journal entry this state includes (0 before any).
    var sequence = 0
    /// Quota increase requests, oldest first.
    var quotaRequests: [QuotaRequestRecord] = []

    init() {}

    /// A kind's records.
    subscript<T: EmulatorResource>(_ kind: T.Type) -> [T] {
        get { tables[kind] }
        _modify { yield &tables[kind] }
    }

    private enum CodingKeys: String, CodingKey {
        case tags, tokens, randomState, taggingIndex, sequence, quotaRequests
    }

    /// Reads a state file; one written before a member existed lacks it.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kinds = try decoder.container(keyedBy: MemberKey.self)
        for kind in EmulatorResources.all { try decodeTable(kind, from: kinds) }
        tags = try c.decodeIfPresent([String: [String: String]].self, forKey: .tags) ?? [:]
        tokens = try c.decodeIfPresent([String: IdempotencyRecord].self, forKey: .tokens) ?? [:]
        randomState = try c.decodeIfPresent(UInt64.self, forKey: .randomState) ?? randomState
        taggingIndex = try c.decodeIfPresent(TaggingIndex.self, forKey: .taggingIndex) ?? TaggingIndex()
        sequence = try c.decodeIfPresent(Int.self, forKey: .sequence) ?? 0
        quotaRequests = try c.decodeIfPresent([QuotaRequestRecord].self, forKey: .quotaRequests) ?? []
    }

    private mutating func decodeTable<T: EmulatorResource>(
        _ kind: T.Type, from container: KeyedDecodingContainer<MemberKey>
    ) throws {
        self[kind] = try container.decodeIfPresent([T].self, forKey: MemberKey(kind.stateKey)) ?? []
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var kinds = encoder.container(keyedBy: MemberKey.self)
        for kind in EmulatorResources.all { try encodeTable(kind, into: &kinds) }
        try c.encode(tags, forKey: .tags)
        try c.encode(tokens, forKey: .tokens)
        try c.encode(randomState, forKey: .randomState)
        try c.encode(taggingIndex, forKey: .taggingIndex)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(quotaRequests, forKey: .quotaRequests)
    }

    private func encodeTable<T: EmulatorResource>(
        _ kind: T.Type, into container: inout KeyedEncodingContainer<MemberKey>
    ) throws {
        try container.encode(self[kind], forKey: MemberKey(kind.stateKey))
    }

    static func == (lhs: EmulatorState, rhs: EmulatorState) -> Bool {
        func same<T: EmulatorResource>(_ kind: T.Type) -> Bool { lhs[kind] == rhs[kind] }
        return EmulatorResources.all.allSatisfy { same($0) } && lhs.tags == rhs.tags && lhs.tokens == rhs.tokens
            && lhs.randomState == rhs.randomState && lhs.taggingIndex == rhs.taggingIndex
            && lhs.sequence == rhs.sequence && lhs.quotaRequests == rhs.quotaRequests
    }

    /// 0001-01-01 and 9999-12-31T23:59:59Z, in seconds since 1970.
    static let earliest: TimeInterval = -62_135_596_800
    static let latest: TimeInterval = 253_402_300_799

    /// The first date in the state that no emulator could have written, described; nil when
    /// every date is plausible.
    var implausibleDate: String? {
        func implausible<T: EmulatorResource>(_ kind: T.Type) -> String? {
            func bad(_ date: Date?) -> Bool {
                guard let seconds = date?.timeIntervalSince1970 else { return false }
                return !seconds.isFinite || seconds < Self.earliest || seconds > Self.latest
            }
            return self[kind].first { $0.dates.contains(where: bad) }.map {
                "\(T.noun) \($0.label) has a date outside the years 1 to 9999"
            }
        }
        return EmulatorResources.all.lazy.compactMap { implausible($0) }.first
    }

    /// How many resources of one kind there are.
    func count<T: EmulatorResource>(of kind: T.Type) -> Int { self[kind].count }

    /// How many resources there are, of every kind.
    var resourceCount: Int { EmulatorResources.all.reduce(0) { $0 + count(of: $1) } }

    /// Whether any resource, of any kind, is the one `arn` names; only the table of the ARN's
    /// type is searched.
    func exists(_ arn: BedrockARN?) -> Bool {
        guard let arn else { return false }
        func find<T: EmulatorResource>(_ kind: T.Type) -> Bool {
            arn.type == T.arnType && self[kind].contains { $0.isNamed(by: arn) }
        }
        return EmulatorResources.all.contains { find($0) }
    }

    /// The ids no new resource may take, of every kind.
    var reservedIds: Set<String> {
        func ids<T: EmulatorResource>(_ kind: T.Type) -> [String] { self[kind].flatMap(\.reservedIds) }
        return Set(EmulatorResources.all.flatMap { ids($0) })
    }
}

struct IdempotencyRecord: Codable, Sendable, Equatable {
    var digest: String
    var status: Int
    var body: [UInt8]
}

/// A record an ARN names: compared field by field with an ARN parsed once, instead of printing
/// every record's ARN to compare strings (a lookup in a crowded account was O(n) string builds).
protocol ARNNamed {
    static var arnType: BedrockARN.ResourceType { get }
    var id: String { get }
    var region: String { get }
}

extension ARNNamed {
    func isNamed(by arn: BedrockARN?) -> Bool {
        guard let arn else { return false }
        return arn.type == Self.arnType && arn.resource == id && arn.region == region && arn.account == Emulator.account
            && arn.partition == "aws"
    }
}
