import Foundation

/// What the Resource Groups Tagging API knows of each resource, as it came to know it: the
/// real service reads tags from an index that other services update asynchronously, so a
/// resource's creation, tag changes and deletion appear in `GetResources` only some time after
/// they happen. The index keeps, by ARN, the resource's successive states with the emulated
/// time each began; a query with a lag of L seconds reads each resource as it was L seconds ago.
struct TaggingIndex: Codable, Sendable, Equatable {
    /// One state of a resource, from `since` until the next one.
    struct Entry: Codable, Sendable, Equatable {
        var since: Date
        var region: String
        /// Its tags; nil once it is deleted.
        var tags: [String: String]?
        /// Whether it has ever had a tag: `GetResources` lists a resource that had tags and has
        /// none any more, with an empty tag list, and never one that was never tagged.
        var everTagged: Bool

        /// Whether `GetResources` lists it in this state.
        var listed: Bool { tags != nil && everTagged }
    }

    /// A resource as a query sees it.
    struct Listing: Sendable, Equatable {
        var arn: String
        var region: String
        var tags: [String: String]
    }

    /// States by ARN, oldest first.
    private(set) var entries: [String: [Entry]] = [:]

    init() {}

    init(entries: [String: [Entry]]) { self.entries = entries }

    init(from decoder: Decoder) throws {
        entries = try decoder.singleValueContainer().decode([String: [Entry]].self)
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(entries)
    }

    /// Records the state of `arn` from `time` on: its tags, or nil when it no longer exists.
    /// States no query with `lag` can see any more are dropped, so the history of a resource
    /// stays as long as the changes of the last `lag` seconds.
    mutating func record(_ arn: String, region: String, tags: [String: String]?, at time: Date, lag: TimeInterval) {
        var history = entries[arn] ?? []
        let everTagged = (history.last?.everTagged ?? false) || !(tags ?? [:]).isEmpty
        let entry = Entry(since: time, region: region, tags: tags, everTagged: everTagged)
        if let last = history.last {
            guard last.tags != entry.tags || last.everTagged != entry.everTagged else { return }
        } else {
            // A resource never tagged is never listed: nothing to remember yet.
            guard everTagged else { return }
        }
        history.append(entry)
        let kept = Self.pruned(history, before: time.addingTimeInterval(-lag))
        entries[arn] = kept.isEmpty ? nil : kept
    }

    /// Every listed resource as it was at `cutoff` (now, less the lag), by ARN.
    func listings(at cutoff: Date) -> [Listing] {
        entries.compactMap { arn, history in
            guard let state = history.last(where: { $0.since <= cutoff }), state.listed, let tags = state.tags else {
                return nil
            }
            return Listing(arn: arn, region: state.region, tags: tags)
        }
    }

    /// Drops the states no query at or after `cutoff` can see: all but the latest before it, and
    /// a resource whose latest state before it is its deletion, once nothing later is pending.
    mutating func prune(before cutoff: Date) {
        for (arn, history) in entries {
            let kept = Self.pruned(history, before: cutoff)
            entries[arn] = kept.isEmpty ? nil : kept
        }
    }

    private static func pruned(_ history: [Entry], before cutoff: Date) -> [Entry] {
        guard let current = history.lastIndex(where: { $0.since <= cutoff }) else { return history }
        let kept = Array(history[current...])
        if kept.count == 1 && kept[0].tags == nil { return [] }
        return kept
    }
}
