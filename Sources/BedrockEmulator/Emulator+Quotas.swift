import AWSClient
import BedrockConstraints
import Foundation
import SigV4

/// Model-unit quotas: enforced when a throughput is created, and served through the Service
/// Quotas API (JSON 1.1, `GetServiceQuota` and `ListServiceQuotas`, service code `bedrock`) on the
/// emulator's port.
extension Emulator {
    static let serviceQuotasTarget = "ServiceQuotasV20190624."

    /// Whether a request is a Service Quotas call (its `X-Amz-Target`).
    static func isServiceQuotas(_ request: EmulatorRequest) -> Bool {
        request.method == "POST" && request.path == "/"
            && (request.header("x-amz-target")?.hasPrefix(serviceQuotasTarget) ?? false)
    }

    /// Refuses a create that would take the account past its quota, as the service does: 400
    /// ServiceQuotaExceededException, nothing created.
    func checkQuota(units: Int, committed: Bool, model: ResolvedModel, region: String) throws(EmulatorError) {
        guard
            let quota = ModelUnitQuota.applying(
                foundationModelId: model.foundationModelId, custom: model.custom != nil,
                committed: committed)
        else { return }
        let value = Int(settings.quotaValue(quota).rounded(.down))
        let kind = committed ? "commitment" : "no commitment"
        switch quota.scope {
        case .perThroughput:
            guard units > value else { return }
            if value == 0 {
                throw .quotaExceeded(
                    "Your account does not currently have any \(kind) model units reserved for "
                        + "\(model.foundationModelId)."
                )
            }
            throw .quotaExceeded(
                "The requested \(units) model units exceed the \(value) model units per provisioned model your account "
                    + "has reserved for \(model.foundationModelId) (\(quota.code)).")
        case .resourceCount:
            return
        case .acrossAccount:
            let inUse = state.throughputs.filter {
                $0.region == region && $0.commitmentDuration == nil && quotaOf($0) == quota
            }
            .reduce(0) { $0 + $1.modelUnits }
            guard inUse + units > value else { return }
            if value == 0 {
                throw .quotaExceeded(
                    "Your account does not currently have any \(kind) model units reserved for "
                        + "\(model.foundationModelId)."
                )
            }
            throw .quotaExceeded(
                "Your account does not have enough \(kind) model units reserved: \(units) requested, \(inUse) of "
                    + "\(value) in use (\(quota.code)).")
        }
    }

    /// Refuses a create past a count quota (deployments, application inference profiles) with
    /// ServiceQuotaExceededException, nothing created; `existing` is how many the region has.
    func checkCount(_ quota: ModelUnitQuota, existing: Int) throws(EmulatorError) {
        let value = Int(settings.quotaValue(quota).rounded(.down))
        guard existing + 1 > value else { return }
        throw .quotaExceeded("The account already has \(existing) of \(value) allowed: \(quota.name) (\(quota.code)).")
    }

    /// The quota a live throughput counts against.
    func quotaOf(_ throughput: ThroughputRecord) -> ModelUnitQuota? {
        let custom = BedrockARN(throughput.modelArn)?.type == .customModel
        let base = BedrockARN(throughput.foundationModelArn)?.foundationModelId ?? ""
        return ModelUnitQuota.applying(
            foundationModelId: base, custom: custom, committed: throughput.commitmentDuration != nil)
    }

    // MARK: - The Service Quotas API

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
        if let known = EmulatorOperation(rawValue: operation), [.getServiceQuota, .listServiceQuotas].contains(known),
            !admit(known, realNow: now)
        {
            return Self.quotaError("TooManyRequestsException", "Rate exceeded", requestId)
        }
        guard let body = try? Self.decoder.decode(ServiceQuotas.ServiceQuotaRequest.self, from: Data(request.body))
        else {
            guard JSONValue(parsing: request.body)?.members != nil else {
                return Self.quotaError("SerializationException", "The request body is not a JSON object.", requestId)
            }
            return Self.quotaError(
                "SerializationException",
                "A member of the request body has the wrong type (ServiceCode, QuotaCode and NextToken are strings, "
                    + "MaxResults an integer).", requestId)
        }
        guard let service = body.serviceCode else {
            return Self.quotaError(
                "ValidationException",
                "1 validation error detected: Value null at 'serviceCode' failed to satisfy "
                    + "constraint: Member must not be null", requestId)
        }
        guard service == ModelUnitQuota.serviceCode else {
            return Self.quotaError(
                "NoSuchResourceException", "The request failed because the specified service does not exist.", requestId
            )
        }
        switch operation {
        case "GetServiceQuota":
            guard let code = body.quotaCode, let quota = ModelUnitQuota.quota(code: code) else {
                return Self.quotaError(
                    "NoSuchResourceException", "The request failed because the specified quota does not exist.",
                    requestId)
            }
            return Self.quotaAnswer(
                ServiceQuotas.GetServiceQuotaResponse(quota: serviceQuota(quota, region: region)), requestId)
        case "ListServiceQuotas":
            var all = ModelUnitQuota.all
            if let code = body.quotaCode { all = all.filter { $0.code == code } }
            let size = body.maxResults ?? 100
            guard (1...100).contains(size) else {
                return Self.quotaError(
                    "ValidationException",
                    "1 validation error detected: Value '\(size)' at 'maxResults' failed to "
                        + "satisfy constraint: Member must have value less than or equal to 100", requestId)
            }
            var start = 0
            if let token = body.nextToken {
                guard let offset = Int(token.dropFirst("quotas-".count)), token.hasPrefix("quotas-"),
                    (0..<all.count).contains(offset)
                else {
                    return Self.quotaError("InvalidPaginationTokenException", "Invalid pagination token.", requestId)
                }
                start = offset
            }
            let page = all[start..<min(all.count, start + size)]
            let answer = ServiceQuotas.ListServiceQuotasResponse(
                quotas: page.map { serviceQuota($0, region: region) },
                nextToken: start + size < all.count ? "quotas-\(start + size)" : nil)
            return Self.quotaAnswer(answer, requestId)
        default:
            return Self.quotaError(
                "UnknownOperationException", "Operation \(operation) is not supported by this emulator.", requestId)
        }
    }

    func serviceQuota(_ quota: ModelUnitQuota, region: String) -> ServiceQuotas.ServiceQuota {
        ServiceQuotas.ServiceQuota(
            serviceCode: ModelUnitQuota.serviceCode, quotaCode: quota.code, quotaName: quota.name,
            value: settings.quotaValue(quota), serviceName: ModelUnitQuota.serviceName,
            quotaArn: "arn:aws:servicequotas:\(region):\(Self.account):\(ModelUnitQuota.serviceCode)/\(quota.code)",
            unit: "None", adjustable: true, globalQuota: false)
    }

    static func quotaAnswer<T: Encodable>(_ shape: T, _ requestId: String) -> EmulatorResponse {
        EmulatorResponse(
            status: 200, headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestId)],
            chunks: [WireEncoder.encode(shape)])
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
