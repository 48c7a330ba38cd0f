import BedrockConstraints
import Foundation

/// What a throughput action runs before and after apply, for its price: the live throughputs it
/// works on (the one it names and any it deletes), and what they become (a model swapped in
/// place, a new throughput created, one deleted).
struct ThroughputCapacity: Sendable, Hashable {
    var modelId: String
    var modelUnits: Int
    var commitment: CommitmentDuration?
    /// The foundation model a live throughput runs (its custom model's base).
    var foundationModelArn: String?
    /// Set for a live throughput: when its commitment ends.
    var commitmentEnds: Date?
    /// Created by the action: what apply buys.
    var bought: Bool

    init(_ live: LiveState.Throughput) {
        modelId = live.modelArn
        modelUnits = live.modelUnits
        commitment = live.commitmentDuration
        foundationModelArn = live.foundationModelArn
        commitmentEnds = live.commitmentExpirationTime
        bought = false
    }

    init(modelId: String, modelUnits: Int, commitment: CommitmentDuration?) {
        self.modelId = modelId
        self.modelUnits = modelUnits
        self.commitment = commitment
        bought = true
    }

    func key(region: String) -> PriceKey? {
        PriceKey(region: region, modelId: modelId, term: commitment, foundationModelArn: foundationModelArn)
    }

    /// Before and after `action` (a throughput's), from the live state and its steps. A conflict
    /// is not the stack's and runs nothing of it.
    static func of(_ action: PlanAction, live: LiveState) -> (before: [Self], after: [Self]) {
        guard action.kind == .provisionedThroughput, action.type != .conflict else { return ([], []) }
        var arns: [String] = action.liveArn.map { [$0] } ?? []
        var deleted: Set<String> = []
        var swaps: [String: String] = [:]
        var created: [Self] = []
        for step in action.steps {
            switch step.as(ThroughputStep.self) {
            case .createThroughput(_, let modelId, let units, let commitment, _, _)?:
                created.append(Self(modelId: modelId, modelUnits: units, commitment: commitment))
            case .deleteThroughput(let target)?:
                deleted.insert(target)
                if !arns.contains(target) { arns.append(target) }
            case .updateThroughput(let target, _, let newModelId?)?:
                swaps[target] = newModelId
            default: break
            }
        }
        let records = arns.compactMap { arn in live.throughputs.first { $0.arn == arn } }
        let before = records.map(Self.init)
        let kept = records.filter { !deleted.contains($0.arn) }.map { record in
            var capacity = Self(record)
            if let model = swaps[record.arn] {
                capacity.modelId = model
                if BedrockARN(model)?.customModelBase == nil { capacity.foundationModelArn = nil }
            }
            return capacity
        }
        return (before, kept + created)
    }
}
