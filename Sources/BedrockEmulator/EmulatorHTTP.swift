import Foundation
import SigV4

/// A request as the emulator receives it, from a socket or in-process: exactly the parts SigV4
/// signs, so it is verified as it is.
public typealias EmulatorRequest = SigningRequest

extension SigningRequest {
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Splits `path?query` as it arrives on the wire.
    public static func splitTarget(_ target: String) -> (path: String, query: [(name: String, value: String)]) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [(name: String, value: String)] = []
        if parts.count == 2 {
            for item in parts[1].split(separator: "&") where !item.isEmpty {
                let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(
                    (
                        URIEncoding.decode(String(kv[0]), plusAsSpace: true),
                        kv.count == 2 ? URIEncoding.decode(String(kv[1]), plusAsSpace: true) : ""
                    ))
            }
        }
        return (String(parts[0]), query)
    }
}

/// The emulator's answer.
public struct EmulatorResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body, in the chunks it is written in (one for ordinary answers, several for streams).
    public var chunks: [[UInt8]]
    /// The change was made, but the connection is closed without an answer (a fault).
    public var dropConnection: Bool

    public init(
        status: Int, headers: [(name: String, value: String)] = [], chunks: [[UInt8]] = [], dropConnection: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.chunks = chunks
        self.dropConnection = dropConnection
    }

    public var body: [UInt8] { chunks.flatMap { $0 } }

    /// An answer that is no client shape: errors, model answers, the emulator's own endpoints.
    static func json(_ status: Int, _ value: JSONValue, requestId: String) -> EmulatorResponse {
        EmulatorResponse(
            status: status, headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", requestId)],
            chunks: [JSONWriter.encode(value)])
    }

    /// An answer in one of the client's shapes: the emulator and the client share each answer's definition.
    static func wire<T: Encodable>(_ status: Int, _ shape: T, requestId: String) -> EmulatorResponse {
        EmulatorResponse(
            status: status, headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", requestId)],
            chunks: [WireEncoder.encode(shape)])
    }

    /// An answer with no members (`{}`).
    static func empty(_ status: Int = 200, requestId: String) -> EmulatorResponse {
        EmulatorResponse(
            status: status, headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", requestId)],
            chunks: [Array("{}".utf8)])
    }

    /// An error's answer: `{"message"}` (and `resourceName` where the model gives the error one);
    /// Bedrock sends no `Retry-After`, throttled or not.
    static func error(_ error: EmulatorError, requestId: String) -> EmulatorResponse {
        var body: [String: JSONValue] = ["message": .string(error.message)]
        if let name = error.resourceName { body["resourceName"] = .string(name) }
        var response = json(error.status, .object(body), requestId: requestId)
        response.headers.append(("x-amzn-ErrorType", error.kind.errorTypeHeader))
        return response
    }
}

/// An error answer as the service sends it: HTTP status, `x-amzn-ErrorType` and `{"message"}`,
/// all following from its kind.
public struct EmulatorError: Error, Sendable, Hashable {
    public var kind: EmulatorErrorKind
    public var message: String
    /// The resource a TooManyTagsException is about (its `resourceName` member).
    public var resourceName: String?

    public init(_ kind: EmulatorErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var code: String { kind.code }
    public var status: Int { kind.status }

    public static func validation(_ message: String) -> EmulatorError { .init(.validation, message) }
    public static func notFound(_ message: String) -> EmulatorError { .init(.resourceNotFound, message) }
    public static func conflict(_ message: String) -> EmulatorError { .init(.conflict, message) }
    public static func quotaExceeded(_ message: String) -> EmulatorError { .init(.serviceQuotaExceeded, message) }
    public static func tooManyTags(_ message: String, resourceName: String? = nil) -> EmulatorError {
        var error = EmulatorError(.tooManyTags, message)
        error.resourceName = resourceName
        return error
    }
    public static func modelNotReady(_ message: String) -> EmulatorError { .init(.modelNotReady, message) }
    public static func accessDenied(_ message: String) -> EmulatorError { .init(.accessDenied, message) }
    public static let throttled = EmulatorError(.throttling, "Too many requests, please wait before trying again.")
    /// A body past the server's limit, refused before it is read.
    public static let tooLarge = EmulatorError(.validation, "Request body too large.")
    public static let internalError = EmulatorError(
        .internalServer, "An internal server error occurred. Retry your request.")
    public static func unknownOperation(_ method: String, _ path: String) -> EmulatorError {
        .init(.unknownOperation, "No operation matches \(method) \(path)")
    }
}
