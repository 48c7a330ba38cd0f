import Foundation
import SigV4

/// One operation's request, before signing.
public struct OperationRequest: Sendable {
    public var name: String
    public var method: String
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Safe to send twice: a read, a delete, or a create carrying its idempotency token.
    public var idempotent: Bool

    /// The resource the call names, for messages: the identifier in its path
    /// (`/provisioned-model-throughput/ID`, `/model/ID/invoke`), else a `resourceARN` in its body.
    public var resource: String? {
        let segments = path.split(separator: "/")
        if segments.count >= 2 { return URIEncoding.decode(String(segments[1])) }
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        return json?["resourceARN"] as? String
    }

    public init(
        name: String, method: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = [], idempotent: Bool
    ) {
        self.name = name
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.idempotent = idempotent
    }
}

extension OperationRequest {
    /// A call of an AWS JSON 1.1 service (Service Quotas, the tagging API, the Price List): a POST
    /// to `/` naming the operation in `X-Amz-Target` (`PREFIX.NAME`), its input as the body.
    public static func json11<Input: Encodable>(
        target prefix: String, _ name: String, _ input: Input, idempotent: Bool = true
    ) throws -> OperationRequest {
        OperationRequest(
            name: name, method: "POST", path: "/",
            headers: [
                (name: "Content-Type", value: "application/x-amz-json-1.1"),
                (name: "X-Amz-Target", value: prefix + name),
            ], body: Array(try JSONCoding.encoder.encode(input)), idempotent: idempotent)
    }
}

/// Sends operations to one AWS service: signs each attempt afresh, retries by the policy, and
/// turns error answers into `AWSServiceError`s.
public struct ServiceClient: Sendable {
    public var transport: any HTTPTransport
    public var credentials: any CredentialProvider
    public var region: String
    public var endpoint: URL
    public var signingName: String
    public var clock: AWSClock
    public var retry: RetryPolicy
    public var timeout: Duration
    public var userAgent: String

    public init(
        transport: any HTTPTransport, credentials: any CredentialProvider, region: String, endpoint: URL,
        signingName: String,
        clock: AWSClock = .live, retry: RetryPolicy = .standard, timeout: Duration = .seconds(60),
        userAgent: String = "bedrockctl/0.1"
    ) {
        self.transport = transport
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint
        self.signingName = signingName
        self.clock = clock
        self.retry = retry
        self.timeout = timeout
        self.userAgent = userAgent
    }

    /// Sends `operation` until it succeeds, fails for good, or runs out of attempts; returns the
    /// successful response with its body still streaming (a streamed answer: a failure while
    /// reading it is not retried).
    public func send(_ operation: OperationRequest) async throws -> HTTPResponse {
        try await attempt(operation, collecting: false).response
    }

    /// Sends `operation` and reads its whole body within each attempt, so that a body that
    /// stalls or breaks off is retried by the policy like any other transport failure.
    public func sendCollected(
        _ operation: OperationRequest, limit: Int = 64 << 20
    ) async throws -> (response: HTTPResponse, body: [UInt8]) {
        let result = try await attempt(operation, collecting: true, limit: limit)
        return (result.response, result.body ?? [])
    }

    private func attempt(
        _ operation: OperationRequest, collecting: Bool, limit: Int = 64 << 20
    ) async throws -> (response: HTTPResponse, body: [UInt8]?) {
        var attempt = 1
        while true {
            try Task.checkCancellation()
            let error: Error
            var retryAfter: Duration?
            do {
                let sentAt = try await retry.limiter?.acquire()
                let response = try await transport.send(try await signed(operation), timeout: timeout)
                await retry.limiter?.record(throttled: Self.isThrottle(response), sentAt: sentAt)
                if (200..<300).contains(response.status) {
                    guard collecting else { return (response, nil) }
                    return (response, try await Self.collect(response, limit: limit, within: timeout))
                }
                // An error's body is bounded in size and time too: a dripping one is cut off, and the
                // error is known from its headers.
                let body = (try? await Self.collect(response, limit: 1 << 20, within: timeout)) ?? []
                retryAfter = RetryPolicy.serverDelay(response.header("retry-after"))
                error = AWSServiceError.decode(status: response.status, headers: response.headers, body: body)
            } catch let cancelled as CancellationError {
                throw cancelled
            } catch let failure {
                error = failure
            }
            switch retry.decide(
                after: error, attempt: attempt, idempotent: operation.idempotent, retryAfter: retryAfter)
            {
            case .fail:
                if let transport = error as? TransportError {
                    throw ServiceCallError(
                        operation: operation.name, endpoint: endpoint.absoluteString, underlying: transport)
                }
                if var service = error as? AWSServiceError {
                    service.operation = operation.name
                    service.resource = operation.resource
                    throw service
                }
                throw error
            case .retry(let delay):
                try await clock.sleep(delay)
                attempt += 1
            }
        }
    }

    /// The whole body, which must arrive within `deadline` (real time): an idle timeout alone
    /// lets a server that drips a byte at a time hold a call for ever.
    static func collect(_ response: HTTPResponse, limit: Int, within deadline: Duration) async throws -> [UInt8] {
        try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { try await response.collect(limit: limit) }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let body = first else { throw TransportError.timeout }
            return body
        }
    }

    /// Whether an answer asks the client to slow down, from its status and error type alone (the
    /// body is not read yet): 429 (but a model still loading), or a throttling error type.
    static func isThrottle(_ response: HTTPResponse) -> Bool {
        let type = response.header("x-amzn-errortype") ?? ""
        if type.hasPrefix(RetryPolicy.modelNotReadyCode) { return false }
        return response.status == 429
            || [
                "Throttling", "ThrottlingException", "ThrottledException", "TooManyRequestsException",
                "RequestLimitExceeded",
            ].contains { type.hasPrefix($0) }
    }

    /// The largest control-plane answer read: Bedrock's pages are a few hundred kilobytes.
    static let maxJSONBody = 8 << 20

    /// Sends and decodes a JSON answer (an empty body decodes as `{}`).
    public func json<Output: Decodable>(
        _ operation: OperationRequest, as type: Output.Type = Output.self
    ) async throws -> Output {
        let body = try await sendCollected(operation, limit: Self.maxJSONBody).body
        do {
            return try JSONCoding.decoder.decode(Output.self, from: body.isEmpty ? Data("{}".utf8) : Data(body))
        } catch {
            throw ResponseDecodingError(
                operation: operation.name, underlying: "\(error)",
                body: Redaction.redact(String(decoding: body.prefix(300), as: UTF8.self)))
        }
    }

    func signed(_ operation: OperationRequest) async throws -> HTTPRequest {
        var request = HTTPRequest(
            method: operation.method, endpoint: endpoint, path: operation.path, query: operation.query,
            headers: operation.headers, body: operation.body)
        request.headers.insert(("Host", request.hostHeader), at: 0)
        request.headers.append(("User-Agent", userAgent))
        if !operation.body.isEmpty || ["POST", "PUT", "PATCH"].contains(operation.method) {
            request.headers.append(("Content-Length", String(operation.body.count)))
        }
        let creds = try await credentials.credentials().credentials
        Redaction.register(creds.secretAccessKey, creds.sessionToken)
        let signer = Signer(credentials: creds, region: region, service: signingName)
        let signedRequest = signer.sign(
            SigningRequest(
                method: request.method, path: request.path, query: request.query, headers: request.headers,
                body: request.body), date: clock.now())
        request.headers = signedRequest.headers
        return request
    }
}

/// A success answer whose body is not what the service model says.
public struct ResponseDecodingError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var underlying: String
    public var body: String

    public init(operation: String, underlying: String, body: String) {
        self.operation = operation
        self.underlying = underlying
        self.body = body
    }

    public var description: String {
        "\(operation): the response could not be decoded: \(underlying) (body starts: \(body))"
    }
}
