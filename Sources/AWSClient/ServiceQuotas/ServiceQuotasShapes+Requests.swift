import Foundation

/// The Service Quotas shapes of quota increase requests and of AWS's defaults, as botocore's
/// `service-quotas` 2019-06-24 model names them. Timestamps are epoch seconds, as JSON 1.1
/// services write them.
extension ServiceQuotas {
    /// A request's status (`RequestStatus`).
    public struct RequestStatus: Bedrock.OpenEnum {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let pending = RequestStatus(rawValue: "PENDING")
        public static let caseOpened = RequestStatus(rawValue: "CASE_OPENED")
        public static let approved = RequestStatus(rawValue: "APPROVED")
        public static let denied = RequestStatus(rawValue: "DENIED")
        public static let caseClosed = RequestStatus(rawValue: "CASE_CLOSED")
        public static let notApproved = RequestStatus(rawValue: "NOT_APPROVED")
        public static let invalidRequest = RequestStatus(rawValue: "INVALID_REQUEST")

        /// Every value the model lists.
        public static let all: [RequestStatus] = [
            .pending, .caseOpened, .approved, .denied, .caseClosed, .notApproved, .invalidRequest,
        ]
        /// Still open: a second request for the same quota is refused meanwhile.
        public var isOpen: Bool { self == .pending || self == .caseOpened }
    }

    public struct RequestServiceQuotaIncreaseInput: Codable, Sendable, Hashable {
        public var serviceCode: String?
        public var quotaCode: String?
        public var desiredValue: Double?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode"
            case quotaCode = "QuotaCode"
            case desiredValue = "DesiredValue"
        }

        public init(serviceCode: String?, quotaCode: String?, desiredValue: Double?) {
            self.serviceCode = serviceCode
            self.quotaCode = quotaCode
            self.desiredValue = desiredValue
        }
    }

    /// `RequestedServiceQuotaChange`.
    public struct RequestedChange: Codable, Sendable, Hashable {
        public var id: String?
        public var caseId: String?
        public var serviceCode: String?
        public var serviceName: String?
        public var quotaCode: String?
        public var quotaName: String?
        public var desiredValue: Double?
        public var status: RequestStatus?
        public var created: Double?
        public var lastUpdated: Double?
        public var requester: String?
        public var quotaArn: String?
        public var globalQuota: Bool?
        public var unit: String?
        public var quotaRequestedAtLevel: String?

        enum CodingKeys: String, CodingKey {
            case id = "Id"
            case caseId = "CaseId"
            case serviceCode = "ServiceCode"
            case serviceName = "ServiceName"
            case quotaCode = "QuotaCode"
            case quotaName = "QuotaName"
            case desiredValue = "DesiredValue"
            case status = "Status"
            case created = "Created"
            case lastUpdated = "LastUpdated"
            case requester = "Requester"
            case quotaArn = "QuotaArn"
            case globalQuota = "GlobalQuota"
            case unit = "Unit"
            case quotaRequestedAtLevel = "QuotaRequestedAtLevel"
        }

        public init(
            id: String?, caseId: String? = nil, serviceCode: String?, serviceName: String? = nil, quotaCode: String?,
            quotaName: String? = nil, desiredValue: Double?, status: RequestStatus?, created: Double? = nil,
            lastUpdated: Double? = nil, requester: String? = nil, quotaArn: String? = nil, globalQuota: Bool? = nil,
            unit: String? = nil, quotaRequestedAtLevel: String? = nil
        ) {
            self.id = id
            self.caseId = caseId
            self.serviceCode = serviceCode
            self.serviceName = serviceName
            self.quotaCode = quotaCode
            self.quotaName = quotaName
            self.desiredValue = desiredValue
            self.status = status
            self.created = created
            self.lastUpdated = lastUpdated
            self.requester = requester
            self.quotaArn = quotaArn
            self.globalQuota = globalQuota
            self.unit = unit
            self.quotaRequestedAtLevel = quotaRequestedAtLevel
        }
    }

    /// The answer of RequestServiceQuotaIncrease and of GetRequestedServiceQuotaChange: the request.
    public struct RequestedChangeResponse: Codable, Sendable {
        public var requestedQuota: RequestedChange?
        enum CodingKeys: String, CodingKey { case requestedQuota = "RequestedQuota" }
        public init(requestedQuota: RequestedChange?) { self.requestedQuota = requestedQuota }
    }

    public struct GetRequestedServiceQuotaChangeInput: Codable, Sendable {
        public var requestId: String?
        enum CodingKeys: String, CodingKey { case requestId = "RequestId" }
        public init(requestId: String?) { self.requestId = requestId }
    }

    public struct ListRequestedChangesByQuotaInput: Codable, Sendable {
        public var serviceCode: String?
        public var quotaCode: String?
        public var status: RequestStatus?
        public var nextToken: String?
        public var maxResults: Int?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode"
            case quotaCode = "QuotaCode"
            case status = "Status"
            case nextToken = "NextToken"
            case maxResults = "MaxResults"
        }

        public init(
            serviceCode: String?, quotaCode: String?, status: RequestStatus? = nil, nextToken: String? = nil,
            maxResults: Int? = nil
        ) {
            self.serviceCode = serviceCode
            self.quotaCode = quotaCode
            self.status = status
            self.nextToken = nextToken
            self.maxResults = maxResults
        }
    }

    public struct ListRequestedChangesResponse: Codable, Sendable {
        public var nextToken: String?
        public var requestedQuotas: [RequestedChange]?
        enum CodingKeys: String, CodingKey {
            case nextToken = "NextToken"
            case requestedQuotas = "RequestedQuotas"
        }
        public init(nextToken: String?, requestedQuotas: [RequestedChange]?) {
            self.nextToken = nextToken
            self.requestedQuotas = requestedQuotas
        }
    }
}
