import AWSClient
import Foundation
import SigV4

/// STS on the emulator's port, as the query protocol defines it: GetCallerIdentity, so that a plan
/// names the account it is made against. Answers and errors are STS's XML.
extension Emulator {
    /// Whether a request is an STS call: bedrock has no operation on `POST /`.
    static func isSTS(_ request: EmulatorRequest) -> Bool { request.method == "POST" && request.path == "/" }

    func sts(_ request: EmulatorRequest, now: Date, requestId: String) -> EmulatorResponse {
        let form = EmulatorRequest.splitTarget("/?" + String(decoding: request.body, as: UTF8.self)).query
        func value(_ name: String) -> String? { form.first { $0.name == name }?.value }
        let accessKey: String
        switch authenticate(request, now: now, service: "sts") {
        case .success(let auth):
            accessKey = auth.accessKeyId
        case .failure(let error):
            return Self.stsError(error.status, Self.stsCode(error.kind), error.message, requestId)
        }
        guard value("Version") == STSWire.version else {
            return Self.stsError(400, "InvalidParameterValue", "Version must be 2011-06-15.", requestId)
        }
        switch value("Action") {
        case "GetCallerIdentity" where !admit(.getCallerIdentity, realNow: now):
            return Self.stsError(400, "Throttling", "Rate exceeded", requestId)
        case "GetCallerIdentity":
            // The caller is named after its access key: the emulator has no IAM users.
            let caller = CallerIdentity(
                account: Self.account, arn: "arn:aws:iam::\(Self.account):user/\(accessKey)", userId: accessKey)
            return Self.stsAnswer("GetCallerIdentity", caller.resultFields, requestId)
        case let action:
            return Self.stsError(
                400, "InvalidAction",
                "Could not find operation \(action ?? "") "
                    + "for version 2011-06-15", requestId)
        }
    }

    /// STS's names for the signature failures (a query-protocol service names them its own way).
    static func stsCode(_ kind: EmulatorErrorKind) -> String {
        switch kind {
        case .missingAuthenticationToken: return "MissingAuthenticationToken"
        case .unrecognizedClient: return "InvalidClientTokenId"
        case .incompleteSignature: return "IncompleteSignature"
        default: return "SignatureDoesNotMatch"
        }
    }

    static func stsAnswer(
        _ action: String, _ result: [(name: String, value: String)], _ requestId: String
    ) -> EmulatorResponse {
        EmulatorResponse(
            status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestId)],
            chunks: [Array(STSWire.answer(action, result: result, requestId: requestId).utf8)])
    }

    static func stsError(_ status: Int, _ code: String, _ message: String, _ requestId: String) -> EmulatorResponse {
        EmulatorResponse(
            status: status, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestId)],
            chunks: [Array(STSWire.error(status: status, code: code, message: message, requestId: requestId).utf8)])
    }
}
