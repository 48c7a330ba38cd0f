import Foundation
import SigV4

/// STS on the emulator's port, as the query protocol defines it: GetCallerIdentity, so that a plan
/// names the account it is made against. Answers and errors are STS's XML.
extension Emulator {
    static let stsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    /// Whether a request is an STS call: bedrock has no operation on `POST /`.
    static func isSTS(_ request: EmulatorRequest) -> Bool { request.method == "POST" && request.path == "/" }

    func sts(_ request: EmulatorRequest, now: Date, requestId: String) -> EmulatorResponse {
        let form = EmulatorRequest.splitTarget("/?" + String(decoding: request.body, as: UTF8.self)).query
        func value(_ name: String) -> String? { form.first { $0.name == name }?.value }
        let secrets = credentials.secrets
        let accessKey: String
        switch Verifier(secretFor: { secrets[$0] }).verify(request, now: now) {
        case .success(let auth) where auth.service == "sts":
            accessKey = auth.accessKeyId
        case .success(let auth):
            return Self.stsError(
                403, "SignatureDoesNotMatch",
                "Credential should be scoped to correct service: 'sts', not '\(auth.service)'.", requestId)
        case .failure(.missingAuthentication):
            return Self.stsError(
                403, "MissingAuthenticationToken", "Request is missing Authentication Token", requestId)
        case .failure(.unknownAccessKey):
            return Self.stsError(
                403, "InvalidClientTokenId", "The security token included in the request is invalid.", requestId)
        case .failure(.clockSkew):
            return Self.stsError(403, "SignatureDoesNotMatch", "Signature expired.", requestId)
        case .failure(.incompleteSignature(let why)):
            return Self.stsError(403, "IncompleteSignature", why, requestId)
        case .failure(.signatureMismatch):
            return Self.stsError(
                403, "SignatureDoesNotMatch",
                """
                The request signature we calculated does not match the signature you provided. \
                Check your AWS Secret Access Key and signing method. Consult the service documentation for details.
                """, requestId)
        }
        guard value("Version") == "2011-06-15" else {
            return Self.stsError(400, "InvalidParameterValue", "Version must be 2011-06-15.", requestId)
        }
        switch value("Action") {
        case "GetCallerIdentity" where !admit(.getCallerIdentity, realNow: now):
            return Self.stsError(400, "Throttling", "Rate exceeded", requestId)
        case "GetCallerIdentity":
            let result = """
                <GetCallerIdentityResult>\
                <Arn>arn:aws:iam::\(Self.account):user/\(Self.xmlEscaped(accessKey))</Arn>\
                <UserId>\(Self.xmlEscaped(accessKey))</UserId>\
                <Account>\(Self.account)</Account>\
                </GetCallerIdentityResult>
                """
            return Self.stsAnswer("GetCallerIdentity", result, requestId)
        case let action:
            return Self.stsError(
                400, "InvalidAction",
                "Could not find operation \(Self.xmlEscaped(action ?? "")) "
                    + "for version 2011-06-15", requestId)
        }
    }

    static func stsAnswer(_ action: String, _ result: String, _ requestId: String) -> EmulatorResponse {
        let xml = """
            <\(action)Response xmlns="\(stsNamespace)">\(result)\
            <ResponseMetadata><RequestId>\(requestId)</RequestId></ResponseMetadata></\(action)Response>
            """
        return EmulatorResponse(
            status: 200, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestId)],
            chunks: [Array(xml.utf8)])
    }

    static func stsError(_ status: Int, _ code: String, _ message: String, _ requestId: String) -> EmulatorResponse {
        let type = status >= 500 ? "Receiver" : "Sender"
        let xml = """
            <ErrorResponse xmlns="\(stsNamespace)"><Error><Type>\(type)</Type><Code>\(code)</Code>\
            <Message>\(xmlEscaped(message))</Message></Error><RequestId>\(requestId)</RequestId></ErrorResponse>
            """
        return EmulatorResponse(
            status: status, headers: [("Content-Type", "text/xml"), ("x-amzn-RequestId", requestId)],
            chunks: [Array(xml.utf8)])
    }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
