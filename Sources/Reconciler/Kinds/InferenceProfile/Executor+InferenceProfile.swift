import AWSClient
import Foundation

extension Executor {
    /// Creates an application inference profile with the plan's token, walking the token's
    /// generations as a throughput's create does; returns its ARN.
    func createInferenceProfile(
        name: String, copyFrom: String, description: String?, tags: [String: String], token: String, for id: String
    ) async throws -> String {
        try await createWalkingGenerations(of: token, what: "inference profile", for: id) { attempt in
            try await client.createInferenceProfile(
                .init(
                    inferenceProfileName: name, description: description, clientRequestToken: attempt,
                    modelSource: .init(copyFrom: copyFrom),
                    tags: Self.wireTags(tags))
            ).inferenceProfileArn
        } exists: { arn in
            _ = try await client.getInferenceProfile(arn)
        }
    }

    func deleteInferenceProfile(_ target: String) async throws {
        try await deleting { try await client.deleteInferenceProfile(target) }
    }
}
