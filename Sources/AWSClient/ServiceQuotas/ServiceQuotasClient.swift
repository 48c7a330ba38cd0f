import Foundation

/// Service Quotas (JSON 1.1): the two reads bedrockctl makes, to check a plan against the
/// account's model-unit quotas before anything is created.
public struct ServiceQuotasClient: Sendable {
    public var service: ServiceClient

    public init(service: ServiceClient) { self.service = service }

    static let targetPrefix = "ServiceQuotasV20190624."

    func operation<Input: Encodable>(_ name: String, _ input: Input) throws -> OperationRequest {
        OperationRequest(
            name: name, method: "POST", path: "/",
            headers: [
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "X-Amz-Target", value: Self.targetPrefix + name),
            ], body: Array(try JSONCoding.encoder.encode(input)), idempotent: true)
    }

    public func getServiceQuota(serviceCode: String, quotaCode: String) async throws -> ServiceQuotas.ServiceQuota {
        let answer: ServiceQuotas.GetServiceQuotaResponse = try await service.json(
            operation(
                "GetServiceQuota", ServiceQuotas.ServiceQuotaRequest(serviceCode: serviceCode, quotaCode: quotaCode)))
        return answer.quota
    }

    /// Every quota of a service, all pages.
    public func listServiceQuotas(serviceCode: String) -> Paginator<ServiceQuotas.ServiceQuota> {
        Paginator { [self] token in
            let input = ServiceQuotas.ServiceQuotaRequest(serviceCode: serviceCode, maxResults: 100, nextToken: token)
            let page: ServiceQuotas.ListServiceQuotasResponse = try await service.json(
                operation("ListServiceQuotas", input))
            return (page.quotas ?? [], page.nextToken)
        }
    }
}

/// The Service Quotas shapes bedrockctl reads, as botocore's `service-quotas` model names them.
public enum ServiceQuotas {
    /// The input of GetServiceQuota (service and quota code) and of ListServiceQuotas (service,
    /// and optionally a quota code, a page size and a token). The model requires `ServiceCode`; it
    /// is optional here so that a server can tell an input without one from a malformed one.
    public struct ServiceQuotaRequest: Codable, Sendable, Hashable {
        public var serviceCode: String?
        public var quotaCode: String?
        public var maxResults: Int?
        public var nextToken: String?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode", quotaCode = "QuotaCode", maxResults = "MaxResults"
            case nextToken = "NextToken"
        }

        public init(serviceCode: String?, quotaCode: String? = nil, maxResults: Int? = nil, nextToken: String? = nil) {
            self.serviceCode = serviceCode
            self.quotaCode = quotaCode
            self.maxResults = maxResults
            self.nextToken = nextToken
        }
    }

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
