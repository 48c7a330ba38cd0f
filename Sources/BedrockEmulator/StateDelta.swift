import Foundation

/// The difference between two emulator states, as one journal entry: the records added or
/// changed (whole), the keys removed, and the scalars that moved. Applying a state's delta from
/// an earlier state to that earlier state gives it back, record order included (records are
/// only ever appended, changed in place or removed).
struct StateDelta: Codable, Sendable, Equatable {
    var sequence: Int
    var throughputs: [ThroughputRecord]?
    var removedThroughputs: [String]?
    var jobs: [ImportJobRecord]?
    var removedJobs: [String]?
    var importedModels: [ImportedModelRecord]?
    var removedImportedModels: [String]?
    var deployments: [DeploymentRecord]?
    var removedDeployments: [String]?
    var inferenceProfiles: [InferenceProfileRecord]?
    var removedInferenceProfiles: [String]?
    var tags: [String: [String: String]]?
    var removedTags: [String]?
    var tokens: [String: IdempotencyRecord]?
    var removedTokens: [String]?
    var taggingIndex: [String: [TaggingIndex.Entry]]?
    var removedFromTaggingIndex: [String]?
    var randomState: UInt64?

    /// What changed from `old` to `new`, numbered `sequence`; nil when nothing did. Unchanged
    /// collections are recognised by identity in constant time; a changed one is compared
    /// record by record in memory, and only what differs is kept.
    init?(from old: EmulatorState, to new: EmulatorState, sequence: Int) {
        self.sequence = sequence
        (throughputs, removedThroughputs) = Self.diff(old.throughputs, new.throughputs, id: \.id)
        (jobs, removedJobs) = Self.diff(old.jobs, new.jobs, id: \.id)
        (importedModels, removedImportedModels) = Self.diff(old.importedModels, new.importedModels, id: \.id)
        (deployments, removedDeployments) = Self.diff(old.deployments, new.deployments, id: \.id)
        (inferenceProfiles, removedInferenceProfiles) = Self.diff(
            old.inferenceProfiles, new.inferenceProfiles, id: \.id)
        (tags, removedTags) = Self.diff(old.tags, new.tags)
        (tokens, removedTokens) = Self.diff(old.tokens, new.tokens)
        (taggingIndex, removedFromTaggingIndex) = Self.diff(old.taggingIndex.entries, new.taggingIndex.entries)
        randomState = old.randomState == new.randomState ? nil : new.randomState
        if self == StateDelta(empty: sequence) { return nil }
    }

    private init(empty sequence: Int) { self.sequence = sequence }

    /// Makes `state` the state this delta was taken to.
    func apply(to state: inout EmulatorState) {
        Self.apply(throughputs, removedThroughputs, to: &state.throughputs, id: \.id)
        Self.apply(jobs, removedJobs, to: &state.jobs, id: \.id)
        Self.apply(importedModels, removedImportedModels, to: &state.importedModels, id: \.id)
        Self.apply(deployments, removedDeployments, to: &state.deployments, id: \.id)
        Self.apply(inferenceProfiles, removedInferenceProfiles, to: &state.inferenceProfiles, id: \.id)
        Self.apply(tags, removedTags, to: &state.tags)
        Self.apply(tokens, removedTokens, to: &state.tokens)
        var index = state.taggingIndex.entries
        Self.apply(taggingIndex, removedFromTaggingIndex, to: &index)
        state.taggingIndex = TaggingIndex(entries: index)
        if let randomState { state.randomState = randomState }
        state.sequence = sequence
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
