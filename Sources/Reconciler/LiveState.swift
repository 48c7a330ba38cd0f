import AWSClient
import BedrockConstraints
import Foundation
import Manifest

/// What exists in the account, as far as bedrockctl cares: throughputs, import jobs, imported
/// models, deployments and application inference profiles, each with its tags. Each kind's
/// record is declared in its folder under `Kinds/`, with the name its table goes by
/// (`live.throughputs`); the records are kept by type, one table for each record its kind's unit
/// names (`ReconcilerKindUnit.liveRecords`).
public struct LiveState: Sendable, Codable, Hashable {
    public var region: String
    private var tables: [ObjectIdentifier: any Sendable] = [:]

    /// Every kind of record, as the kinds' units name them.
    static let recordKinds: [any LiveRecord.Type] = PlanAction.Kind.allCases.flatMap { $0.unit.liveRecords }

    /// An empty state: a table for every kind of record.
    public init(region: String) {
        self.region = region
        for kind in Self.recordKinds { addTable(kind) }
    }

    private mutating func addTable<T: LiveRecord>(_ kind: T.Type) { tables[ObjectIdentifier(kind)] = [T]() }

    /// A kind's records. A record no unit names has no table: a programming error, caught by the
    /// first test that touches it.
    public subscript<T: LiveRecord>(_ kind: T.Type) -> [T] {
        get {
            guard let records = tables[ObjectIdentifier(kind)] else { Self.unnamed(kind) }
            return records as! [T]
        }
        _modify {
            let key = ObjectIdentifier(kind)
            var records: [T]
            do {
                // Taken out of the dictionary, so that the array is held once and is changed in place.
                guard let boxed = tables.removeValue(forKey: key) else { Self.unnamed(kind) }
                records = boxed as! [T]
            }
            defer { tables[key] = records }
            yield &records
        }
    }

    private static func unnamed(_ kind: Any.Type) -> Never {
        fatalError("\(kind) is in no kind's ReconcilerKindUnit.liveRecords")
    }

    /// The owner (`bedrockctl:stack`) of every live resource that can own a manifest's name, by ARN.
    var owners: [String: String?] {
        var owners: [String: String?] = [:]
        for kind in PlanAction.Kind.allCases {
            for (arn, tags) in kind.unit.owned(self) { owners[arn] = tags[OwnershipTags.stackKey] }
        }
        return owners
    }

    /// The SHA-256 of each record whose ARN is in `arns`, in ARN order: what a saved plan checks,
    /// so that a change elsewhere in the account (another stack's apply) leaves it applicable.
    public func digests(of arns: Set<String>) -> [LiveResourceDigest] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        var digests: [LiveResourceDigest] = []
        func add<T: LiveRecord>(_ kind: T.Type) {
            for record in self[kind] where arns.contains(record.arn) {
                let data = (try? encoder.encode(record)) ?? Data()
                digests.append(LiveResourceDigest(arn: record.arn, sha256: Tokens.sha256Hex(data)))
            }
        }
        for kind in Self.recordKinds { add(kind) }
        return digests.sorted { $0.arn < $1.arn }
    }

    // MARK: - Codable and Hashable, table by table

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: MemberKey.self)
        self.init(region: try container.decode(String.self, forKey: MemberKey("region")))
        func decode<T: LiveRecord>(_ kind: T.Type) throws {
            self[kind] = try container.decodeIfPresent([T].self, forKey: MemberKey(kind.stateKey)) ?? []
        }
        for kind in Self.recordKinds { try decode(kind) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        try container.encode(region, forKey: MemberKey("region"))
        func encode<T: LiveRecord>(_ kind: T.Type) throws {
            try container.encode(self[kind], forKey: MemberKey(kind.stateKey))
        }
        for kind in Self.recordKinds { try encode(kind) }
    }

    public static func == (lhs: LiveState, rhs: LiveState) -> Bool {
        func same<T: LiveRecord>(_ kind: T.Type) -> Bool { lhs[kind] == rhs[kind] }
        return lhs.region == rhs.region && recordKinds.allSatisfy { same($0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(region)
        func combine<T: LiveRecord>(_ kind: T.Type) { hasher.combine(self[kind]) }
        for kind in Self.recordKinds { combine(kind) }
    }
}
