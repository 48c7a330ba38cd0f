import AWSClient
import BedrockConstraints
import Foundation

extension Executor {
    /// Whether a failed rename or model change is in place all the same: a second apply racing
    /// this one made it first.
    func alreadyMade(_ action: PlanAction) async -> Bool {
        guard action.kind == .provisionedThroughput, let arn = action.liveArn,
            let update = action.steps.lazy.compactMap({ step -> (String?, String?)? in
                if case .updateThroughput(_, let name, let model)? = step.as(ThroughputStep.self),
                    name?.hasPrefix("bctl-tmp-") != true
                {
                    return (name, model)
                }
                return nil
            }).last,
            let live = try? await client.getProvisionedModelThroughput(arn), live.status == .inService
        else { return false }
        let nameDone = update.0.map { $0 == live.provisionedModelName } ?? true
        let modelDone = update.1.map { $0 == live.modelArn || live.modelArn.hasSuffix("/" + $0) } ?? true
        return nameDone && modelDone
    }

    /// Creates a throughput with the plan's token. The service answers a repeated token with the
    /// first answer, even when that throughput has since been deleted: then the token is spent,
    /// and the next generation (`TOKEN-2`, `TOKEN-3`, …) is tried. The walk is deterministic, so
    /// a retry, a re-run after a crash and a racing second apply all reach the same throughput,
    /// and a manifest put back after a delete creates a new one.
    func createThroughput(
        name: String, modelId: String, units: Int, commitment: CommitmentDuration?, tags: [String: String],
        token: String, for id: String
    ) async throws -> String {
        try await createWalkingGenerations(of: token, what: "throughput", for: id) { attempt in
            try await client.createProvisionedModelThroughput(
                .init(
                    clientRequestToken: attempt, modelUnits: units, provisionedModelName: name, modelId: modelId,
                    commitmentDuration: commitment,
                    tags: Self.wireTags(tags))
            ).provisionedModelArn
        } exists: { arn in
            _ = try await client.getProvisionedModelThroughput(arn)
        }
    }
}
