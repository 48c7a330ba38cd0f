import Foundation
import SigV4

/// One HTTP request as the client sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    /// `scheme://host[:port]`, without a path.
    public var endpoint: URL
    /// The path as it goes on the wire (percent-encoded).
    public var path: String
    /// Decoded query parameters, in order.
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(
        method: String, endpoint: URL, path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) {
        self.method = method
        self.endpoint = endpoint
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { HeaderLookup.value(name, in: headers) }

    /// The full URL, query encoded as SigV4 encodes it.
    public var url: String {
        var text = endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            text +=
                "?"
                + query.map { "\(QueryEncoding.encode($0.name))=\(QueryEncoding.encode($0.value))" }.joined(
                    separator: "&")
        }
        return text
    }

    /// `host` or `host:port` as the Host header carries it.
    public var hostHeader: String {
        let host = endpoint.host ?? ""
        if let port = endpoint.port,
            !((endpoint.scheme == "https" && port == 443) || (endpoint.scheme == "http" && port == 80))
        {
            return "\(host):\(port)"
        }
        return host
    }
}

/// An HTTP response; the body arrives as a stream of chunks, so streamed answers are read as
/// they come.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: AsyncThrowingStream<[UInt8], Error>

    public init(status: Int, headers: [(name: String, value: String)], body: AsyncThrowingStream<[UInt8], Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose whole body is already known.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.init(
            status: status, headers: headers,
            body: AsyncThrowingStream { continuation in
                if !body.isEmpty { continuation.yield(body) }
                continuation.finish()
            })
    }

    public func header(_ name: String) -> String? { HeaderLookup.value(name, in: headers) }

    /// The whole body, up to `limit` bytes.
    public func collect(limit: Int = 64 << 20) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            bytes.append(contentsOf: chunk)
            if bytes.count > limit { throw TransportError.responseTooLarge(limit) }
        }
        return bytes
    }
}

/// Sends HTTP requests: the live client in production, a scripted one in tests.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}

/// A failure below HTTP: the request may or may not have reached the server.
public enum TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection failed or was closed before a complete response: safe to retry only for
    /// idempotent requests.
    case connection(String)
    case timeout
    case responseTooLarge(Int)

    public var description: String {
        switch self {
        case .connection(let why): return "connection failed: \(why)"
        case .timeout: return "the request timed out"
        case .responseTooLarge(let limit): return "the response is larger than \(limit) bytes"
        }
    }
}

/// Query strings are encoded exactly as SigV4 encodes them, so the server sees what was signed.
enum QueryEncoding {
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || "-._~".contains(c)
            {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Percent-encodes one path segment (an id or ARN in a path).
    static func pathSegment(_ text: String) -> String { encode(text) }
}
