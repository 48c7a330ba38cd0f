import AWSClient
import Foundation

/// The emulator as an `HTTPTransport`: requests go straight to it, no socket. A dropped
/// connection surfaces as the transport error a real one would.
public struct EmulatorTransport: HTTPTransport {
    public let emulator: Emulator

    public init(_ emulator: Emulator) { self.emulator = emulator }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var headers = request.headers
        if !headers.contains(where: { $0.name.lowercased() == "host" }) { headers.append(("Host", request.hostHeader)) }
        let response = await emulator.handle(
            EmulatorRequest(
                method: request.method, path: request.path, query: request.query, headers: headers, body: request.body))
        if response.dropConnection {
            throw TransportError.connection("the emulator closed the connection without answering")
        }
        let chunks = response.chunks
        return HTTPResponse(
            status: response.status, headers: response.headers,
            body: AsyncThrowingStream { continuation in
                for chunk in chunks { continuation.yield(chunk) }
                continuation.finish()
            })
    }
}
