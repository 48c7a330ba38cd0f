import Foundation
import SigV4

/// The STS calls bedrockctl makes, over STS's query protocol: the two the credential chain needs,
/// and GetCallerIdentity, which names the account a plan is made against.
struct STSClient: Sendable {
    var transport: any HTTPTransport
    var endpoint: URL
    var region: String
    var clock: AWSClock

    /// AssumeRoleWithWebIdentity: unsigned; the token file's JWT is the proof.
    func assumeRoleWithWebIdentity(
        roleArn: String, sessionName: String, token: String
    ) async throws -> ExpiringCredentials {
        try await call(
            [
                "Action": "AssumeRoleWithWebIdentity", "RoleArn": roleArn, "RoleSessionName": sessionName,
                "WebIdentityToken": token,
            ],
            signedWith: nil, source: "web identity (\(roleArn))")
    }

    /// AssumeRole, signed with the source credentials.
    func assumeRole(
        roleArn: String, sessionName: String, externalId: String?, durationSeconds: Int?, source: Credentials
    ) async throws -> ExpiringCredentials {
        var parameters = ["Action": "AssumeRole", "RoleArn": roleArn, "RoleSessionName": sessionName]
        if let externalId { parameters["ExternalId"] = externalId }
        if let durationSeconds { parameters["DurationSeconds"] = String(durationSeconds) }
        return try await call(parameters, signedWith: source, source: "assumed role \(roleArn)")
    }

    /// GetCallerIdentity, signed: the account, ARN and user id of the credentials.
    func getCallerIdentity(_ credentials: Credentials) async throws -> CallerIdentity {
        let text = try await exchange(["Action": "GetCallerIdentity"], signedWith: credentials) { error in
            CallerIdentityError(endpoint: endpoint.absoluteString, reason: error)
        }
        guard let identity = CallerIdentity(answer: text) else {
            throw CallerIdentityError(endpoint: endpoint.absoluteString, reason: "the answer names no account")
        }
        return identity
    }

    private func call(
        _ parameters: [String: String], signedWith credentials: Credentials?, source: String
    ) async throws -> ExpiringCredentials {
        let text = try await exchange(parameters, signedWith: credentials) {
            CredentialError.failed("\(source): \($0)")
        }
        guard let key = STSWire.element("AccessKeyId", in: text),
            let secret = STSWire.element("SecretAccessKey", in: text)
        else {
            throw CredentialError.failed("\(source): STS answered without credentials")
        }
        let expiration = STSWire.element("Expiration", in: text).flatMap(JSONCoding.parseDate)
        let sessionToken = STSWire.element("SessionToken", in: text)
        Redaction.register(secret, sessionToken)
        return ExpiringCredentials(
            Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: sessionToken),
            expiration: expiration, source: source)
    }

    /// Sends one call and returns the body of a 200 answer; `failure` makes the error thrown
    /// otherwise from a sentence that names the endpoint and the action.
    private func exchange(
        _ parameters: [String: String], signedWith credentials: Credentials?,
        failure: (String) -> any Error
    ) async throws -> String {
        var all = parameters
        all["Version"] = STSWire.version
        let body = Array(
            all.sorted { $0.key < $1.key }.map { "\(QueryEncoding.encode($0.key))=\(QueryEncoding.encode($0.value))" }
                .joined(separator: "&").utf8)
        var request = HTTPRequest(
            method: "POST", endpoint: endpoint, path: "/",
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            ], body: body)
        request.headers.insert(("Host", request.hostHeader), at: 0)
        if let credentials {
            let signer = Signer(credentials: credentials, region: region, service: "sts")
            let signed = signer.sign(
                SigningRequest(
                    method: request.method, path: request.path, query: request.query, headers: request.headers,
                    body: body), date: clock.now())
            request.headers = signed.headers
        }
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: .seconds(30))
        } catch {
            throw failure("STS at \(endpoint.absoluteString) could not be reached: \(error)")
        }
        let text = String(decoding: try await response.collect(limit: 1 << 20), as: UTF8.self)
        guard response.status == 200 else {
            let code = STSWire.element("Code", in: text) ?? "HTTP \(response.status)"
            let message = STSWire.element("Message", in: text) ?? text
            throw failure(
                Redaction.redact("STS refused \(parameters["Action"]!): \(code): \(String(message.prefix(2000)))"))
        }
        return text
    }
}
