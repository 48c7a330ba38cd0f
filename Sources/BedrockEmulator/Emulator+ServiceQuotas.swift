import AWSClient
import BedrockConstraints
import Foundation
import SigV4

/// The Service Quotas API (JSON 1.1, service code `bedrock`) on the emulator's port: the quotas'
/// applied values and AWS's defaults, and quota increase requests, which the `quotaRequests`
/// setting approves, denies or leaves pending once `quotaRequestSeconds` have passed.
extension Emulator {
    static let serviceQuotasTarget = "ServiceQuotasV20190624."

    /// Whether a request is a Service Quotas call (its `X-Amz-Target`).
    static func isServiceQuotas(_ request: EmulatorRequest) -> Bool {
        request.method == "POST" && request.path == "/"
            && (request.header("x-amz-target")?.hasPrefix(serviceQuotasTarget) ?? false)
    }

    /// Every member any of the served operations takes, each optional, so that a missing one is
    /// told apart from a malformed body.
    struct ServiceQuotasInput: Decodable {
        var serviceCode: String?
        var quotaCode: String?
        var maxResults: Int?
        var nextToken: String?
        var desiredValue: Double?
        var requestId: String?
        var status: String?

        enum CodingKeys: String, CodingKey {
            case serviceCode = "ServiceCode"
            case quotaCode = "QuotaCode"
            case maxResults = "MaxResults"
            case nextToken = "NextToken"
            case desiredValue = "DesiredValue"
            case requestId = "RequestId"
            case status = "Status"
        }
    }

    /// A Service Quotas error, in its protocol's form.
    struct QuotaFailure: Error {
        var code: String
        var message: String
        var status = 400

        static func null(_ member: String) -> QuotaFailure {
            QuotaFailure(
                code: "ValidationException",
                message: "1 validation error detected: Value null at '\(member)' failed to satisfy constraint: "
                    + "Member must not be null")
        }
        static let noQuota = QuotaFailure(
            code: "NoSuchResourceException", message: "The request failed because the specified quota does not exist.")
    }

    func serviceQuotas(_ request: EmulatorRequest, now: Date, requestId: String) -> EmulatorResponse {
        let region: String
        switch authenticate(request, now: now, service: "servicequotas") {
        case .success(let auth):
            region = auth.region
        case .failure(let error):
            return Self.quotaError(error.code, error.message, requestId, status: error.status)
        }
        if settings.quotasAccessDenied {
            return Self.quotaError(
                "AccessDeniedException", "You do not have sufficient access to perform this action.", requestId)
        }
        let operation = String(request.header("x-amz-target")?.dropFirst(Self.serviceQuotasTarget.count) ?? "")
        guard let known = EmulatorOperation(rawValue: operation), EmulatorOperation.serviceQuotas.contains(known)
        else {
            return Self.quotaError(
                "UnknownOperationException", "Operation \(operation) is not supported by this emulator.", requestId)
        }
        if !admit(known, realNow: now) {
            return Self.quotaError("TooManyRequestsException", "Rate exceeded", requestId)
        }
        guard let input = try? Self.decoder.decode(ServiceQuotasInput.self, from: Data(request.body)) else {
            guard JSONValue(parsing: request.body)?.members != nil else {
                return Self.quotaError("SerializationException", "The request body is not a JSON object.", requestId)
            }
            return Self.quotaError(
                "SerializationException",
                "A member of the request body has the wrong type (ServiceCode, QuotaCode, RequestId, Status and "
                    + "NextToken are strings, MaxResults an integer, DesiredValue a number).", requestId)
        }
        settleQuotaRequests(now: now.addingTimeInterval(timeOffset))
        do {
            let answer = try answer(known, input, region: region, now: now.addingTimeInterval(timeOffset))
            return Self.quotaAnswer(answer, requestId)
        } catch {
            return Self.quotaError(error.code, error.message, requestId, status: error.status)
        }
    }

    private func answer(
        _ operation: EmulatorOperation, _ input: ServiceQuotasInput, region: String, now: Date
    ) throws(QuotaFailure) -> [UInt8] {
        if operation == .getRequestedServiceQuotaChange {
            guard let id = input.requestId else { throw .null("requestId") }
            guard let record = state.quotaRequests.first(where: { $0.id == id && $0.region == region }) else {
                throw QuotaFailure(
                    code: "NoSuchResourceException",
                    message: "The request failed because the specified request "
                        + "does not exist.")
            }
            return WireEncoder.encode(
                ServiceQuotas.RequestedChangeResponse(
                    requestedQuota: requestedChange(record)))
        }
        guard let service = input.serviceCode else { throw .null("serviceCode") }
        guard service == ModelUnitQuota.serviceCode else {
            throw QuotaFailure(
                code: "NoSuchResourceException",
                message: "The request failed because the specified service does not "
                    + "exist.")
        }
        switch operation {
        case .getServiceQuota, .getAWSDefaultServiceQuota:
            guard let code = input.quotaCode else { throw .null("quotaCode") }
            guard let quota = EmulatorQuotas.quota(code: code) else { throw .noQuota }
            return WireEncoder.encode(
                ServiceQuotas.GetServiceQuotaResponse(
                    quota: serviceQuota(quota, region: region, aws: operation == .getAWSDefaultServiceQuota)))
        case .listServiceQuotas, .listAWSDefaultServiceQuotas:
            var all = ModelUnitQuota.all
            if operation == .listServiceQuotas, let code = input.quotaCode {
                all = all.filter { EmulatorQuotas.code(of: $0) == code }
            }
            let page = try Self.page(of: all, size: input.maxResults, token: input.nextToken)
            return WireEncoder.encode(
                ServiceQuotas.ListServiceQuotasResponse(
                    quotas: page.items.map {
                        serviceQuota($0, region: region, aws: operation == .listAWSDefaultServiceQuotas)
                    }, nextToken: page.next))
        case .requestServiceQuotaIncrease:
            return WireEncoder.encode(
                ServiceQuotas.RequestedChangeResponse(
                    requestedQuota: try requestIncrease(input, region: region, now: now)))
        default:
            guard let code = input.quotaCode else { throw .null("quotaCode") }
            guard EmulatorQuotas.quota(code: code) != nil else { throw .noQuota }
            var status: ServiceQuotas.RequestStatus?
            if let value = input.status {
                status = ServiceQuotas.RequestStatus(rawValue: value)
                guard let status, ServiceQuotas.RequestStatus.all.contains(status) else {
                    throw QuotaFailure(
                        code: "ValidationException",
                        message: "1 validation error detected: Value '\(value)' at 'status' failed to satisfy "
                            + "constraint: Member must satisfy enum value set: ["
                            + ServiceQuotas.RequestStatus.all.map(\.rawValue).joined(separator: ", ") + "]")
                }
            }
            // Newest first.
            let matching = state.quotaRequests.reversed().filter {
                $0.region == region && $0.quotaCode == code && (status == nil || $0.status == status)
            }
            let page = try Self.page(of: matching, size: input.maxResults, token: input.nextToken)
            return WireEncoder.encode(
                ServiceQuotas.ListRequestedChangesResponse(
                    nextToken: page.next, requestedQuotas: page.items.map(requestedChange)))
        }
    }

    /// Files an increase request: PENDING until it is decided (`settleQuotaRequests`).
    private func requestIncrease(
        _ input: ServiceQuotasInput, region: String, now: Date
    ) throws(QuotaFailure) -> ServiceQuotas.RequestedChange {
        guard let code = input.quotaCode else { throw .null("quotaCode") }
        guard let desired = input.desiredValue else { throw .null("desiredValue") }
        guard desired.isFinite, (0...EmulatorSettings.maxQuota).contains(desired) else {
            throw QuotaFailure(
                code: "ValidationException",
                message: "1 validation error detected: Value '\(desired)' at 'desiredValue' failed to satisfy "
                    + "constraint: Member must have value between 0 and 10000000000")
        }
        guard let quota = EmulatorQuotas.quota(code: code) else { throw .noQuota }
        guard quota.adjustable else {
            throw QuotaFailure(code: "IllegalArgumentException", message: "The quota \(code) is not adjustable.")
        }
        let current = quotaValue(quota, region: region)
        guard desired > current else {
            throw QuotaFailure(
                code: "IllegalArgumentException",
                message: "The requested value \(QuotaFailure.format(desired)) must be greater than the quota's "
                    + "current value, \(QuotaFailure.format(current)).")
        }
        if state.quotaRequests.contains(where: { $0.region == region && $0.quotaCode == code && $0.status.isOpen }) {
            throw QuotaFailure(
                code: "ResourceAlreadyExistsException",
                message: "A request to increase the quota \(code) is already open. Wait for it to be resolved.")
        }
        let record = QuotaRequestRecord(
            id: randomId(length: 32, alphabet: "0123456789abcdef"), region: region, quotaCode: code,
            desiredValue: desired, status: .pending, created: now, lastUpdated: now)
        state.quotaRequests.append(record)
        persist()
        return requestedChange(record)
    }

    /// Decides the requests that are due, as the settings say, and saves what changed.
    func settleQuotaRequests(now: Date) {
        var changed = false
        for index in state.quotaRequests.indices {
            changed =
                state.quotaRequests[index].settle(
                    at: now, after: settings.quotaRequestSeconds, outcome: settings.quotaRequests) || changed
        }
        if changed { persist() }
    }

    func requestedChange(_ record: QuotaRequestRecord) -> ServiceQuotas.RequestedChange {
        let quota = EmulatorQuotas.quota(code: record.quotaCode)
        return ServiceQuotas.RequestedChange(
            id: record.id, caseId: record.caseId, serviceCode: ModelUnitQuota.serviceCode,
            serviceName: ModelUnitQuota.serviceName, quotaCode: record.quotaCode, quotaName: quota?.name,
            desiredValue: record.desiredValue, status: record.status,
            created: record.created.timeIntervalSince1970, lastUpdated: record.lastUpdated.timeIntervalSince1970,
            requester: #"{"accountId":"\#(Self.account)","callerArn":"arn:aws:iam::\#(Self.account):root"}"#,
            quotaArn: Self.quotaArn(record.quotaCode, region: record.region), globalQuota: false, unit: "None",
            quotaRequestedAtLevel: "ACCOUNT")
    }

    /// A quota as the account has it (`aws: false`) or as AWS's default (`aws: true`).
    func serviceQuota(_ quota: ModelUnitQuota, region: String, aws: Bool = false) -> ServiceQuotas.ServiceQuota {
        let code = EmulatorQuotas.code(of: quota)
        return ServiceQuotas.ServiceQuota(
            serviceCode: ModelUnitQuota.serviceCode, quotaCode: code, quotaName: quota.name,
            value: aws ? quota.newAccountValue : quotaValue(quota, region: region),
            serviceName: ModelUnitQuota.serviceName, quotaArn: Self.quotaArn(code, region: region), unit: "None",
            adjustable: quota.adjustable, globalQuota: false)
    }

    static func quotaArn(_ code: String, region: String) -> String {
        "arn:aws:servicequotas:\(region):\(account):\(ModelUnitQuota.serviceCode)/\(code)"
    }

    /// One page of `items`: `size` (1 to 100, default 100) from the offset `token` names. Tokens
    /// are base64, as the model's `NextToken` pattern has them.
    static func page<T>(of items: [T], size: Int?, token: String?) throws(QuotaFailure) -> (items: [T], next: String?) {
        let size = size ?? 100
        guard (1...100).contains(size) else {
            throw QuotaFailure(
                code: "ValidationException",
                message: "1 validation error detected: Value '\(size)' at 'maxResults' failed to satisfy constraint: "
                    + "Member must have value between 1 and 100")
        }
        var start = 0
        if let token {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                text.hasPrefix("offset:"), let offset = Int(text.dropFirst("offset:".count)),
                (0..<max(items.count, 1)).contains(offset)
            else { throw QuotaFailure(code: "InvalidPaginationTokenException", message: "Invalid pagination token.") }
            start = offset
        }
        let end = min(items.count, start + size)
        let next = end < items.count ? Data("offset:\(end)".utf8).base64EncodedString() : nil
        return (Array(items[min(start, end)..<end]), next)
    }

    static func quotaAnswer(_ body: [UInt8], _ requestId: String) -> EmulatorResponse {
        EmulatorResponse(
            status: 200, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestId)],
            chunks: [body])
    }

    static func quotaError(
        _ code: String, _ message: String, _ requestId: String, status: Int = 400
    ) -> EmulatorResponse {
        EmulatorResponse(
            status: status,
            headers: [
                ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestId),
                ("x-amzn-ErrorType", code),
            ],
            chunks: [JSONWriter.encode(.object(["__type": .string(code), "message": .string(message)]))])
    }
}

extension Emulator.QuotaFailure {
    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
