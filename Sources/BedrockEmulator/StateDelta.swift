import AWSClient
import Foundation

/// The difference between two emulator states, as one journal entry: the records added or
/// changed (whole), the keys removed, and the scalars that moved. Applying a state's delta from
/// an earlier state to that earlier state gives it back, record order included (records are
/// only ever appended, changed in place or removed).
///
/// Each kind (`EmulatorResources.all`) is written under its state key, and its removed ids under
/// `removed` + the capitalised key: `throughputs`, `removedThroughputs`.
struct StateDelta: Codable, Sendable {
    var sequence: Int
    /// What changed of each kind that changed (`TableDelta<T>`), by kind.
    private var tables: [ObjectIdentifier: any Sendable] = [:]
    var tags: [String: [String: String]]?
    var removedTags: [String]?
    var tokens: [String: IdempotencyRecord]?
    var removedTokens: [String]?
    var taggingIndex: [String: [TaggingIndex.Entry]]?
    var removedFromTaggingIndex: [String]?
    var randomState: UInt64?
    var quotaRequests: [QuotaRequestRecord]?

    /// One kind's changed records and removed ids.
    private struct TableDelta<T: EmulatorResource>: Sendable {
        var changed: [T]?
        var removed: [String]?
    }

    /// What changed from `old` to `new`, numbered `sequence`; nil when nothing did. Unchanged
    /// collections are recognised by identity in constant time; a changed one is compared
    /// record by record in memory, and only what differs is kept.
    init?(from old: EmulatorState, to new: EmulatorState, sequence: Int) {
        self.sequence = sequence
        for kind in EmulatorResources.all { diffTable(kind, old, new) }
        (tags, removedTags) = Self.diff(old.tags, new.tags)
        (tokens, removedTokens) = Self.diff(old.tokens, new.tokens)
        (taggingIndex, removedFromTaggingIndex) = Self.diff(old.taggingIndex.entries, new.taggingIndex.entries)
        randomState = old.randomState == new.randomState ? nil : new.randomState
        // Requests are never removed, so the changed ones are all a delta needs.
        quotaRequests = Self.diff(old.quotaRequests, new.quotaRequests, id: \.id).0
        let scalarsMoved =
            tags != nil || removedTags != nil || tokens != nil || removedTokens != nil || taggingIndex != nil
            || removedFromTaggingIndex != nil || randomState != nil || quotaRequests != nil
        if tables.isEmpty && !scalarsMoved { return nil }
    }

    private mutating func diffTable<T: EmulatorResource>(_ kind: T.Type, _ old: EmulatorState, _ new: EmulatorState) {
        let (changed, removed) = Self.diff(old[kind], new[kind], id: \.id)
        if changed != nil || removed != nil {
            tables[ObjectIdentifier(kind)] = TableDelta(changed: changed, removed: removed)
        }
    }

    private func table<T: EmulatorResource>(_ kind: T.Type) -> TableDelta<T>? {
        tables[ObjectIdentifier(kind)] as? TableDelta<T>
    }

    /// The ids of `kind` this delta removes (what a journal line read back holds).
    func removed<T: EmulatorResource>(_ kind: T.Type) -> [String]? { table(kind)?.removed }

    /// Makes `state` the state this delta was taken to.
    func apply(to state: inout EmulatorState) {
        for kind in EmulatorResources.all { applyTable(kind, to: &state) }
        Self.apply(tags, removedTags, to: &state.tags)
        Self.apply(tokens, removedTokens, to: &state.tokens)
        var index = state.taggingIndex.entries
        Self.apply(taggingIndex, removedFromTaggingIndex, to: &index)
        state.taggingIndex = TaggingIndex(entries: index)
        if let randomState { state.randomState = randomState }
        Self.apply(quotaRequests, nil, to: &state.quotaRequests, id: \.id)
        state.sequence = sequence
    }

    private func applyTable<T: EmulatorResource>(_ kind: T.Type, to state: inout EmulatorState) {
        guard let delta = table(kind) else { return }
        Self.apply(delta.changed, delta.removed, to: &state[kind], id: \.id)
    }

    private enum CodingKeys: String, CodingKey {
        case sequence, tags, removedTags, tokens, removedTokens, taggingIndex, removedFromTaggingIndex, randomState
        case quotaRequests
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sequence = try c.decode(Int.self, forKey: .sequence)
        tags = try c.decodeIfPresent([String: [String: String]].self, forKey: .tags)
        removedTags = try c.decodeIfPresent([String].self, forKey: .removedTags)
        tokens = try c.decodeIfPresent([String: IdempotencyRecord].self, forKey: .tokens)
        removedTokens = try c.decodeIfPresent([String].self, forKey: .removedTokens)
        taggingIndex = try c.decodeIfPresent([String: [TaggingIndex.Entry]].self, forKey: .taggingIndex)
        removedFromTaggingIndex = try c.decodeIfPresent([String].self, forKey: .removedFromTaggingIndex)
        randomState = try c.decodeIfPresent(UInt64.self, forKey: .randomState)
        quotaRequests = try c.decodeIfPresent([QuotaRequestRecord].self, forKey: .quotaRequests)
        let kinds = try decoder.container(keyedBy: MemberKey.self)
        for kind in EmulatorResources.all { try decodeTable(kind, from: kinds) }
    }

    private mutating func decodeTable<T: EmulatorResource>(
        _ kind: T.Type, from container: KeyedDecodingContainer<MemberKey>
    ) throws {
        let changed = try container.decodeIfPresent([T].self, forKey: MemberKey(kind.stateKey))
        let removed = try container.decodeIfPresent([String].self, forKey: MemberKey(kind.removedKey))
        if changed != nil || removed != nil {
            tables[ObjectIdentifier(kind)] = TableDelta(changed: changed, removed: removed)
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sequence, forKey: .sequence)
        try c.encodeIfPresent(tags, forKey: .tags)
        try c.encodeIfPresent(removedTags, forKey: .removedTags)
        try c.encodeIfPresent(tokens, forKey: .tokens)
        try c.encodeIfPresent(removedTokens, forKey: .removedTokens)
        try c.encodeIfPresent(taggingIndex, forKey: .taggingIndex)
        try c.encodeIfPresent(removedFromTaggingIndex, forKey: .removedFromTaggingIndex)
        try c.encodeIfPresent(randomState, forKey: .randomState)
        try c.encodeIfPresent(quotaRequests, forKey: .quotaRequests)
        var kinds = encoder.container(keyedBy: MemberKey.self)
        for kind in EmulatorResources.all { try encodeTable(kind, into: &kinds) }
    }

    private func encodeTable<T: EmulatorResource>(
        _ kind: T.Type, into container: inout KeyedEncodingContainer<MemberKey>
    ) throws {
        guard let delta = table(kind) else { return }
        try container.encodeIfPresent(delta.changed, forKey: MemberKey(kind.stateKey))
        try container.encodeIfPresent(delta.removed, forKey: MemberKey(kind.removedKey))
    }

    private static func diff<T: Equatable>(_ old: [T], _ new: [T], id: (T) -> String) -> ([T]?, [String]?) {
        if old == new { return (nil, nil) }
        var before: [String: T] = [:]
        for record in old { before[id(record)] = record }
        let changed = new.filter { before[id($0)] != $0 }
        let kept = Set(new.map(id))
        let removed = old.map(id).filter { !kept.contains($0) }
        return (changed.isEmpty ? nil : changed, removed.isEmpty ? nil : removed)
    }

    private static func diff<T: Equatable>(_ old: [String: T], _ new: [String: T]) -> ([String: T]?, [String]?) {
        if old == new { return (nil, nil) }
        let changed = new.filter { old[$0.key] != $0.value }
        let removed = old.keys.filter { new[$0] == nil }.sorted()
        return (changed.isEmpty ? nil : changed, removed.isEmpty ? nil : removed)
    }

    private static func apply<T>(_ changed: [T]?, _ removed: [String]?, to records: inout [T], id: (T) -> String) {
        if let removed {
            let gone = Set(removed)
            records.removeAll { gone.contains(id($0)) }
        }
        guard let changed else { return }
        var position: [String: Int] = [:]
        for (index, record) in records.enumerated() { position[id(record)] = index }
        for record in changed {
            if let index = position[id(record)] {
                records[index] = record
            } else {
                position[id(record)] = records.count
                records.append(record)
            }
        }
    }

    private static func apply<T>(_ changed: [String: T]?, _ removed: [String]?, to values: inout [String: T]) {
        for key in removed ?? [] { values[key] = nil }
        for (key, value) in changed ?? [:] { values[key] = value }
    }
}
