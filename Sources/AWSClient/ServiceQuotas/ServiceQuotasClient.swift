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
        public var serviceName: String?
        public var quotaArn: String?
        public var unit: String?
        public var adjustable: Bool?
        public var globalQuota: Bool?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode", quotaCode = "QuotaCode", quotaName = "QuotaName", value = "Value"
            case serviceName = "ServiceName", quotaArn = "QuotaArn", unit = "Unit", adjustable = "Adjustable"
            case globalQuota = "GlobalQuota"
        }

        public init(
            serviceCode: String?, quotaCode: String?, quotaName: String?, value: Double?, serviceName: String? = nil,
            quotaArn: String? = nil, unit: String? = nil, adjustable: Bool? = nil, globalQuota: Bool? = nil
        ) {
            self.serviceCode = serviceCode
            self.quotaCode = quotaCode
            self.quotaName = quotaName
            self.value = value
            self.serviceName = serviceName
            self.quotaArn = quotaArn
            self.unit = unit
            self.adjustable = adjustable
            self.globalQuota = globalQuota
        }
    }

    public struct GetServiceQuotaResponse: Codable, Sendable {
        public var quota: ServiceQuota
        enum CodingKeys: String, CodingKey { case quota = "Quota" }

        public init(quota: ServiceQuota) { self.quota = quota }
    }

    public struct ListServiceQuotasResponse: Codable, Sendable {
        public var quotas: [ServiceQuota]?
        public var nextToken: String?
        enum CodingKeys: String, CodingKey { case quotas = "Quotas", nextToken = "NextToken" }

        public init(quotas: [ServiceQuota]?, nextToken: String?) {
            self.quotas = quotas
            self.nextToken = nextToken
        }
    }
}
