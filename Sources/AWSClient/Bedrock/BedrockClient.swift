import Foundation

/// The Bedrock control plane: Provisioned Throughput, model import, imported models, tags and
/// foundation models. Requests and answers follow the service model exactly.
public struct BedrockClient: Sendable {
    public var service: ServiceClient

    public init(service: ServiceClient) { self.service = service }

    static func body<T: Encodable>(_ value: T) throws -> [UInt8] { Array(try JSONCoding.encoder.encode(value)) }
    static let jsonHeaders = [(name: "Content-Type", value: "application/json")]

    // MARK: Provisioned Throughput

    public func createProvisionedModelThroughput(
        _ input: Bedrock.CreateProvisionedModelThroughputInput
    ) async throws -> Bedrock.CreateProvisionedModelThroughputOutput {
        try await service.json(
            OperationRequest(
                name: "CreateProvisionedModelThroughput", method: "POST", path: "/provisioned-model-throughput",
                headers: Self.jsonHeaders, body: try Self.body(input), idempotent: input.clientRequestToken != nil))
    }

    public func getProvisionedModelThroughput(_ id: String) async throws -> Bedrock.ProvisionedModel {
        try await service.json(
            OperationRequest(
                name: "GetProvisionedModelThroughput", method: "GET",
                path: "/provisioned-model-throughput/\(QueryEncoding.pathSegment(id))", idempotent: true))
    }

    public func updateProvisionedModelThroughput(
        _ id: String, _ input: Bedrock.UpdateProvisionedModelThroughputInput
    ) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "UpdateProvisionedModelThroughput", method: "PATCH",
                path: "/provisioned-model-throughput/\(QueryEncoding.pathSegment(id))",
                headers: Self.jsonHeaders, body: try Self.body(input), idempotent: true))
    }

    public func deleteProvisionedModelThroughput(_ id: String) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "DeleteProvisionedModelThroughput", method: "DELETE",
                path: "/provisioned-model-throughput/\(QueryEncoding.pathSegment(id))", idempotent: true))
    }

    public func listProvisionedModelThroughputs(
        _ filter: Bedrock.ListProvisionedModelThroughputsFilter = .init()
    ) -> Paginator<Bedrock.ProvisionedModelSummary> {
        Paginator { [service] token in
            var query = Self.timeFilters(filter.creationTimeAfter, filter.creationTimeBefore)
            if let status = filter.statusEquals { query.append(("statusEquals", status.rawValue)) }
            if let arn = filter.modelArnEquals { query.append(("modelArnEquals", arn)) }
            if let name = filter.nameContains { query.append(("nameContains", name)) }
            query += Self.pageQuery(filter.maxResults, token, filter.sortOrder)
            let output: Bedrock.ListProvisionedModelThroughputsOutput = try await service.json(
                OperationRequest(
                    name: "ListProvisionedModelThroughputs", method: "GET", path: "/provisioned-model-throughputs",
                    query: query, idempotent: true))
            return (output.provisionedModelSummaries ?? [], output.nextToken)
        }
    }

    // MARK: Model import

    public func createModelImportJob(
        _ input: Bedrock.CreateModelImportJobInput
    ) async throws -> Bedrock.CreateModelImportJobOutput {
        try await service.json(
            OperationRequest(
                name: "CreateModelImportJob", method: "POST", path: "/model-import-jobs",
                headers: Self.jsonHeaders, body: try Self.body(input), idempotent: input.clientRequestToken != nil))
    }

    public func getModelImportJob(_ id: String) async throws -> Bedrock.ModelImportJob {
        try await service.json(
            OperationRequest(
                name: "GetModelImportJob", method: "GET", path: "/model-import-jobs/\(QueryEncoding.pathSegment(id))",
                idempotent: true))
    }

    public func listModelImportJobs(
        _ filter: Bedrock.ListModelImportJobsFilter = .init()
    ) -> Paginator<Bedrock.ModelImportJobSummary> {
        Paginator { [service] token in
            var query = Self.timeFilters(filter.creationTimeAfter, filter.creationTimeBefore)
            if let status = filter.statusEquals { query.append(("statusEquals", status.rawValue)) }
            if let name = filter.nameContains { query.append(("nameContains", name)) }
            query += Self.pageQuery(filter.maxResults, token, filter.sortOrder)
            let output: Bedrock.ListModelImportJobsOutput = try await service.json(
                OperationRequest(
                    name: "ListModelImportJobs", method: "GET", path: "/model-import-jobs", query: query,
                    idempotent: true))
            return (output.modelImportJobSummaries ?? [], output.nextToken)
        }
    }

    public func getImportedModel(_ id: String) async throws -> Bedrock.ImportedModel {
        try await service.json(
            OperationRequest(
                name: "GetImportedModel", method: "GET", path: "/imported-models/\(QueryEncoding.pathSegment(id))",
                idempotent: true))
    }

    public func deleteImportedModel(_ id: String) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "DeleteImportedModel", method: "DELETE",
                path: "/imported-models/\(QueryEncoding.pathSegment(id))", idempotent: true))
    }

    public func listImportedModels(
        _ filter: Bedrock.ListImportedModelsFilter = .init()
    ) -> Paginator<Bedrock.ImportedModelSummary> {
        Paginator { [service] token in
            var query = Self.timeFilters(filter.creationTimeAfter, filter.creationTimeBefore)
            if let name = filter.nameContains { query.append(("nameContains", name)) }
            query += Self.pageQuery(filter.maxResults, token, filter.sortOrder)
            let output: Bedrock.ListImportedModelsOutput = try await service.json(
                OperationRequest(
                    name: "ListImportedModels", method: "GET", path: "/imported-models", query: query, idempotent: true)
            )
            return (output.modelSummaries ?? [], output.nextToken)
        }
    }

    // MARK: Tags

    public func tagResource(_ arn: String, tags: [Bedrock.Tag]) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "TagResource", method: "POST", path: "/tagResource", headers: Self.jsonHeaders,
                body: try Self.body(Bedrock.TagResourceInput(resourceARN: arn, tags: tags)), idempotent: true))
    }

    public func untagResource(_ arn: String, keys: [String]) async throws {
        _ = try await service.sendCollected(
            OperationRequest(
                name: "UntagResource", method: "POST", path: "/untagResource", headers: Self.jsonHeaders,
                body: try Self.body(Bedrock.UntagResourceInput(resourceARN: arn, tagKeys: keys)), idempotent: true))
    }

    public func listTagsForResource(_ arn: String) async throws -> [Bedrock.Tag] {
        let output: Bedrock.ListTagsForResourceOutput = try await service.json(
            OperationRequest(
                name: "ListTagsForResource", method: "POST", path: "/listTagsForResource", headers: Self.jsonHeaders,
                body: try Self.body(Bedrock.ListTagsForResourceInput(resourceARN: arn)), idempotent: true))
        return output.tags ?? []
    }

    // MARK: Foundation models

    public func getFoundationModel(_ id: String) async throws -> Bedrock.FoundationModel {
        let output: Bedrock.GetFoundationModelOutput = try await service.json(
            OperationRequest(
                name: "GetFoundationModel", method: "GET", path: "/foundation-models/\(QueryEncoding.pathSegment(id))",
                idempotent: true))
        guard let details = output.modelDetails else {
            throw ResponseDecodingError(operation: "GetFoundationModel", underlying: "no modelDetails", body: "")
        }
        return details
    }

    /// Whether this account may use a foundation model in the client's region.
    public func getFoundationModelAvailability(_ id: String) async throws -> Bedrock.FoundationModelAvailability {
        try await service.json(
            OperationRequest(
                name: "GetFoundationModelAvailability", method: "GET",
                path: "/foundation-model-availability/\(QueryEncoding.pathSegment(id))", idempotent: true))
    }

    /// One custom model of the account.
    public func getCustomModel(_ id: String) async throws -> Bedrock.CustomModel {
        try await service.json(
            OperationRequest(
                name: "GetCustomModel", method: "GET", path: "/custom-models/\(QueryEncoding.pathSegment(id))",
                idempotent: true))
    }

    public func listFoundationModels(
        _ filter: Bedrock.ListFoundationModelsFilter = .init()
    ) async throws -> [Bedrock.FoundationModel] {
        var query: [(name: String, value: String)] = []
        if let v = filter.byProvider { query.append(("byProvider", v)) }
        if let v = filter.byCustomizationType { query.append(("byCustomizationType", v)) }
        if let v = filter.byOutputModality { query.append(("byOutputModality", v)) }
        if let v = filter.byInferenceType { query.append(("byInferenceType", v)) }
        let output: Bedrock.ListFoundationModelsOutput = try await service.json(
            OperationRequest(
                name: "ListFoundationModels", method: "GET", path: "/foundation-models", query: query, idempotent: true)
        )
        return output.modelSummaries ?? []
    }

    // MARK: Query helpers

    static func timeFilters(_ after: Date?, _ before: Date?) -> [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let after { query.append(("creationTimeAfter", JSONCoding.formatDate(after))) }
        if let before { query.append(("creationTimeBefore", JSONCoding.formatDate(before))) }
        return query
    }

    static func pageQuery(
        _ maxResults: Int?, _ token: String?, _ order: Bedrock.SortOrder?
    ) -> [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let maxResults { query.append(("maxResults", String(maxResults))) }
        if let token { query.append(("nextToken", token)) }
        if let order {
            query.append(("sortBy", "CreationTime"))
            query.append(("sortOrder", order.rawValue))
        }
        return query
    }
}
