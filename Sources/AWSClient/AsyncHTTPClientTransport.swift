import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The live transport, over async-http-client. Its lifetime is structured: use `withTransport`.
public struct AsyncHTTPClientTransport: HTTPTransport {
    let client: HTTPClient

    /// Runs `body` with a transport whose connections are closed when it returns, throws or is
    /// cancelled (async-http-client's own `withHTTPClient`, which shuts the client down in every case).
    /// `readTimeout` is an idle timeout: the longest silence allowed while a response (its head
    /// or any part of its body) is awaited, so a server that stalls mid-body cannot hang a run.
    public static func withTransport<R>(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60),
        _ body: (AsyncHTTPClientTransport) async throws -> R
    ) async throws -> R {
        var configuration = HTTPClient.Configuration()
        configuration.decompression = .disabled
        // The retry policy retries; a refused connection must not be retried inside the pool too,
        // for the whole connect timeout, before the policy even sees it.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .milliseconds(
            connectTimeout.components.seconds * 1000 + connectTimeout.components.attoseconds / 1_000_000_000_000_000)
        configuration.timeout.read = .milliseconds(
            readTimeout.components.seconds * 1000 + readTimeout.components.attoseconds / 1_000_000_000_000_000)
        return try await HTTPClient.withHTTPClient(configuration: configuration) { client in
            try await body(AsyncHTTPClientTransport(client: client))
        }
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers where name.lowercased() != "content-length" {
            outgoing.headers.add(name: name, value: value)
        }
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method) {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let seconds = timeout.components.seconds
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: .seconds(seconds))
        } catch {
            throw Self.transportError(error)
        }
        let headers = response.headers.map { (name: $0.name, value: $0.value) }
        // Pulled part by part as the caller reads, on the caller's task: nothing is read ahead of
        // it, and a caller that stops reading (or is cancelled) stops the download.
        let parts = PullingIterator(response.body.makeAsyncIterator())
        let stream = AsyncThrowingStream<[UInt8], Error> {
            do {
                return try await parts.next().map { Array($0.readableBytesView) }
            } catch {
                throw Self.transportError(error)
            }
        }
        return HTTPResponse(status: Int(response.status.code), headers: headers, body: stream)
    }

    /// async-http-client's errors as the retry policy knows them.
    static func transportError(_ error: Error) -> Error {
        if error is CancellationError { return error }
        if let error = error as? HTTPClientError, [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            return TransportError.timeout
        }
        return TransportError.connection("\(error)")
    }
}
