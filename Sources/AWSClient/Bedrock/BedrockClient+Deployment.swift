import Foundation

extension BedrockClient {
    // MARK: Custom model deployments

    public func createCustomModelDeployment(
        _ input: Bedrock.CreateCustomModelDeploymentInput
    ) async throws -> Bedrock.CreateCustomModelDeploymentOutput {
        try await service.json(
            OperationRequest(
                name: "CreateCustomModelDeployment", method: "POST",
                path: "/model-customization/custom-model-deployments",
                headers: Self.jsonHeaders, body: try Self.body(input), idempotent: input.clientRequestToken != nil))
    }

    public func getCustomModelDeployment(_ id: String) async throws -> Bedrock.CustomModelDeployment {
        try await service.json(
            OperationRequest(
                name: "GetCustomModelDeployment", method: "GET",
                path: "/model-customization/custom-model-deployments/\(QueryEncoding.pathSegment(id))",
                idempotent: true))
    }

    public func updateCustomModelDeployment(
        _ id: String, _ input: Bedrock.UpdateCustomModelDeploymentInput
    ) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "UpdateCustomModelDeployment", method: "PATCH",
                path: "/model-customization/custom-model-deployments/\(QueryEncoding.pathSegment(id))",
                headers: Self.jsonHeaders, body: try Self.body(input), idempotent: true))
    }

    public func deleteCustomModelDeployment(_ id: String) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "DeleteCustomModelDeployment", method: "DELETE",
                path: "/model-customization/custom-model-deployments/\(QueryEncoding.pathSegment(id))",
                idempotent: true))
    }

    public func listCustomModelDeployments(
        _ filter: Bedrock.ListCustomModelDeploymentsFilter = .init()
    ) -> Paginator<Bedrock.CustomModelDeploymentSummary> {
        Paginator { [service] token in
            var query: [(name: String, value: String)] = []
            if let name = filter.nameContains { query.append(("nameContains", name)) }
            if let status = filter.statusEquals { query.append(("statusEquals", status.rawValue)) }
            if let arn = filter.modelArnEquals { query.append(("modelArnEquals", arn)) }
            query += Self.pageQuery(filter.maxResults, token, nil)
            let output: Bedrock.ListCustomModelDeploymentsOutput = try await service.json(
                OperationRequest(
                    name: "ListCustomModelDeployments", method: "GET",
                    path: "/model-customization/custom-model-deployments", query: query, idempotent: true))
            return (output.modelDeploymentSummaries ?? [], output.nextToken)
        }
    }

    // MARK: Inference profiles

    public func createInferenceProfile(
        _ input: Bedrock.CreateInferenceProfileInput
    ) async throws -> Bedrock.CreateInferenceProfileOutput {
        try await service.json(
            OperationRequest(
                name: "CreateInferenceProfile", method: "POST", path: "/inference-profiles",
                headers: Self.jsonHeaders, body: try Self.body(input), idempotent: input.clientRequestToken != nil))
    }

    public func getInferenceProfile(_ id: String) async throws -> Bedrock.InferenceProfile {
        try await service.json(
            OperationRequest(
                name: "GetInferenceProfile", method: "GET",
                path: "/inference-profiles/\(QueryEncoding.pathSegment(id))", idempotent: true))
    }

    public func deleteInferenceProfile(_ id: String) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "DeleteInferenceProfile", method: "DELETE",
                path: "/inference-profiles/\(QueryEncoding.pathSegment(id))", idempotent: true))
    }

    /// Inference profiles of one type (`APPLICATION` for the ones callers made), or all.
    public func listInferenceProfiles(
        type: Bedrock.InferenceProfileType? = nil, maxResults: Int? = nil
    ) -> Paginator<Bedrock.InferenceProfile> {
        Paginator { [service] token in
            var query: [(name: String, value: String)] = []
            if let type { query.append(("type", type.rawValue)) }
            query += Self.pageQuery(maxResults, token, nil)
            let output: Bedrock.ListInferenceProfilesOutput = try await service.json(
                OperationRequest(
                    name: "ListInferenceProfiles", method: "GET", path: "/inference-profiles", query: query,
                    idempotent: true))
            return (output.inferenceProfileSummaries ?? [], output.nextToken)
        }
    }
}
