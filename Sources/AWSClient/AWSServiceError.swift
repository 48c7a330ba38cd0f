import Foundation
import SigV4

/// An error answer from an AWS service: its code, message, HTTP status and request id.
public struct AWSServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case notFound, validation, conflict, throttling, quotaExceeded, accessDenied, authentication, serverError, other
    }

    public var code: String
    public var message: String
    public var status: Int
    public var requestId: String?
    /// The call that failed and the resource it named, when known (set by `ServiceClient`).
    public var operation: String?
    public var resource: String?

    public init(
        code: String, message: String, status: Int, requestId: String? = nil, operation: String? = nil,
        resource: String? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.requestId = requestId
        self.operation = operation
        self.resource = resource
    }

    /// What a caller branches on.
    public var kind: Kind {
        switch code {
        case "ResourceNotFoundException", "NotFoundException": return .notFound
        case "ValidationException", "ValidationError": return .validation
        case "ConflictException", "ResourceInUseException": return .conflict
        case _ where Self.throttlingCodes.contains(code): return .throttling
        case "ServiceQuotaExceededException", "TooManyTagsException", "LimitExceededException": return .quotaExceeded
        case "AccessDeniedException", "AccessDenied": return .accessDenied
        case "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature",
            "MissingAuthenticationTokenException", "MissingAuthenticationToken", "ExpiredTokenException",
            "InvalidClientTokenId":
            return .authentication
        default: return status >= 500 ? .serverError : .other
        }
    }

    static let throttlingCodes: Set<String> = [
        "ThrottlingException", "Throttling", "ThrottledException", "TooManyRequestsException", "RequestThrottled",
        "RequestThrottledException", "SlowDown", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    public var description: String {
        let call = operation.map { "\($0)\(resource.map { " of \($0)" } ?? ""): " } ?? ""
        return "\(call)\(code) (HTTP \(status)): \(message)\(requestId.map { " [request id \($0)]" } ?? "")"
    }

    /// Decodes an error response of a rest-json service: the code from `x-amzn-ErrorType`, else
    /// the body's `__type` or `code`, with any `prefix#` and `:suffix` removed.
    static func decode(status: Int, headers: [(name: String, value: String)], body: [UInt8]) -> AWSServiceError {
        func header(_ name: String) -> String? { HeaderLookup.value(name, in: headers) }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        let xml: (code: String?, message: String?) =
            text.hasPrefix("<")
            ? (STSWire.element("Code", in: text), STSWire.element("Message", in: text)) : (nil, nil)
        var code =
            header("x-amzn-errortype") ?? json?["__type"] as? String ?? json?["code"] as? String ?? json?["Code"]
            as? String ?? xml.code ?? ""
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
        if code.isEmpty {
            code = status == 404 ? "NotFound" : status >= 500 ? "InternalServerException" : "HTTP\(status)"
        }
        let message =
            json?["message"] as? String ?? json?["Message"] as? String ?? json?["errorMessage"] as? String
            ?? xml.message ?? String(decoding: body.prefix(500), as: UTF8.self)
        return AWSServiceError(
            code: String(Redaction.redact(code).prefix(200)), message: Redaction.redact(String(message.prefix(8192))),
            status: status,
            requestId: (header("x-amzn-requestid") ?? header("x-amz-request-id")).map { String($0.prefix(200)) })
    }
}
