import Foundation

/// Service Quotas (JSON 1.1): the reads bedrockctl makes to check a plan against the account's
/// quotas before anything is created, AWS's defaults, and quota increase requests.
public struct ServiceQuotasClient: Sendable {
    public var service: ServiceClient

    public init(service: ServiceClient) { self.service = service }

    static let targetPrefix = "ServiceQuotasV20190624."

    func operation<Input: Encodable>(
        _ name: String, _ input: Input, idempotent: Bool = true
    ) throws -> OperationRequest {
        try .json11(target: Self.targetPrefix, name, input, idempotent: idempotent)
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

extension ServiceQuotasClient {
    /// A quota's value on a new account.
    public func getAWSDefaultServiceQuota(
        serviceCode: String, quotaCode: String
    ) async throws -> ServiceQuotas.ServiceQuota {
        let answer: ServiceQuotas.GetServiceQuotaResponse = try await service.json(
            operation(
                "GetAWSDefaultServiceQuota",
                ServiceQuotas.ServiceQuotaRequest(serviceCode: serviceCode, quotaCode: quotaCode)))
        return answer.quota
    }

    /// Every quota of a service with AWS's default values, all pages.
    public func listAWSDefaultServiceQuotas(serviceCode: String) -> Paginator<ServiceQuotas.ServiceQuota> {
        Paginator { [self] token in
            let input = ServiceQuotas.ServiceQuotaRequest(serviceCode: serviceCode, maxResults: 100, nextToken: token)
            let page: ServiceQuotas.ListServiceQuotasResponse = try await service.json(
                operation("ListAWSDefaultServiceQuotas", input))
            return (page.quotas ?? [], page.nextToken)
        }
    }

    /// Asks for a quota's value to be raised to `desiredValue`. Not retried: the call has no
    /// idempotency token, and a second request for the same quota is refused while one is open.
    public func requestServiceQuotaIncrease(
        serviceCode: String, quotaCode: String, desiredValue: Double
    ) async throws -> ServiceQuotas.RequestedChange {
        let input = ServiceQuotas.RequestServiceQuotaIncreaseInput(
            serviceCode: serviceCode, quotaCode: quotaCode, desiredValue: desiredValue)
        let answer: ServiceQuotas.RequestedChangeResponse = try await service.json(
            operation("RequestServiceQuotaIncrease", input, idempotent: false))
        guard let change = answer.requestedQuota else {
            throw ResponseDecodingError(
                operation: "RequestServiceQuotaIncrease", underlying: "no RequestedQuota", body: "")
        }
        return change
    }

    public func getRequestedServiceQuotaChange(requestId: String) async throws -> ServiceQuotas.RequestedChange {
        let answer: ServiceQuotas.RequestedChangeResponse = try await service.json(
            operation(
                "GetRequestedServiceQuotaChange",
                ServiceQuotas.GetRequestedServiceQuotaChangeInput(
                    requestId: requestId)))
        guard let change = answer.requestedQuota else {
            throw ResponseDecodingError(
                operation: "GetRequestedServiceQuotaChange", underlying: "no RequestedQuota", body: "")
        }
        return change
    }

    /// The increase requests of one quota, newest first as the service lists them, all pages.
    public func listRequestedServiceQuotaChangeHistoryByQuota(
        serviceCode: String, quotaCode: String, status: ServiceQuotas.RequestStatus? = nil
    ) -> Paginator<ServiceQuotas.RequestedChange> {
        Paginator { [self] token in
            let input = ServiceQuotas.ListRequestedChangesByQuotaInput(
                serviceCode: serviceCode, quotaCode: quotaCode, status: status, nextToken: token, maxResults: 100)
            let page: ServiceQuotas.ListRequestedChangesResponse = try await service.json(
                operation("ListRequestedServiceQuotaChangeHistoryByQuota", input))
            return (page.requestedQuotas ?? [], page.nextToken)
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
