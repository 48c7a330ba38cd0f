import AWSClient
import Foundation

extension Executor {
    /// Creates a deployment with the plan's token, walking the token's generations as a
    /// throughput's create does; returns its ARN.
    func createDeployment(
        name: String, modelArn: String, description: String?, tags: [String: String], token: String, for id: String
    ) async throws -> String {
        try await createWalkingGenerations(of: token, what: "custom model deployment", for: id) { attempt in
            try await client.createCustomModelDeployment(
                .init(
                    modelDeploymentName: name, modelArn: modelArn, description: description,
                    tags: Self.wireTags(tags),
                    clientRequestToken: attempt)
            ).customModelDeploymentArn
        } exists: { arn in
            _ = try await client.getCustomModelDeployment(arn)
        }
    }

    /// Waits until the deployment is Active with no update under way.
    func waitForDeployment(_ name: String, arn: String?, for id: String) async throws {
        try await waitUntil(id, what: "custom model deployment \(name)") {
            let deployment = try await client.getCustomModelDeployment(arn ?? name)
            switch deployment.status {
            case .failed:
                throw ExecutionError.failed(
                    "custom model deployment \(name) failed: \(deployment.failureMessage ?? "no reason given")")
            case .active:
                switch deployment.updateDetails?.updateStatus {
                case .updating?: return (false, "Active, updating to \(deployment.updateDetails?.modelArn ?? "?")")
                case .updateFailed?:
                    throw ExecutionError.failed(
                        "the update of custom model deployment \(name) failed: "
                            + (deployment.failureMessage ?? "no reason given"))
                default: return (true, "Active")
                }
            default: return (false, deployment.status.rawValue)
            }
        }
    }

    func deleteDeployment(_ target: String) async throws {
        try await deleting { try await client.deleteCustomModelDeployment(target) }
    }
}
