import Foundation

/// Service Quotas (JSON 1.1): the two reads bedrockctl makes, to check a plan against the
/// account's model-unit quotas before anything is created.
public struct ServiceQuotasClient: Sendable {
    public var service: ServiceClient

    public init(service: ServiceClient) { self.service = service }

    static let targetPrefix = "ServiceQuotasV20190624."

    func operation(_ name: String, _ body: [String: Any]) throws -> OperationRequest {
        OperationRequest(
            name: name, method: "POST", path: "/",
            headers: [
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "X-Amz-Target", value: Self.targetPrefix + name),
            ], body: Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])), idempotent: true)
    }

    public func getServiceQuota(serviceCode: String, quotaCode: String) async throws -> ServiceQuotas.ServiceQuota {
        let answer: ServiceQuotas.GetServiceQuotaResponse = try await service.json(
            operation("GetServiceQuota", ["ServiceCode": serviceCode, "QuotaCode": quotaCode]))
        return answer.quota
    }

    /// Every quota of a service, all pages.
    public func listServiceQuotas(serviceCode: String) -> Paginator<ServiceQuotas.ServiceQuota> {
        Paginator { [self] token in
            var body: [String: Any] = ["ServiceCode": serviceCode, "MaxResults": 100]
            if let token { body["NextToken"] = token }
            let page: ServiceQuotas.ListServiceQuotasResponse = try await service.json(
                operation("ListServiceQuotas", body))
            return (page.quotas ?? [], page.nextToken)
        }
    }
}

/// The Service Quotas shapes bedrockctl reads, as botocore's `service-quotas` model names them.
public enum ServiceQuotas {
    public struct ServiceQuota: Codable, Sendable, Hashable {
        public var serviceCode: String?
        public var quotaCode: String?
        public var quotaName: String?
        public var value: Double?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode", quotaCode = "QuotaCode", quotaName = "QuotaName", value = "Value"
        }

        public init(serviceCode: String?, quotaCode: String?, quotaName: String?, value: Double?) {
            self.serviceCode = serviceCode
            self.quotaCode = quotaCode
            self.quotaName = quotaName
            self.value = value
        }
    }

    struct GetServiceQuotaResponse: Decodable {
        var quota: ServiceQuota
        enum CodingKeys: String, CodingKey { case quota = "Quota" }
    }

    struct ListServiceQuotasResponse: Decodable {
        var quotas: [ServiceQuota]?
        var nextToken: String?
        enum CodingKeys: String, CodingKey { case quotas = "Quotas", nextToken = "NextToken" }
    }
}
