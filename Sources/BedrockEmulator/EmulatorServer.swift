import AWSClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The emulator on a loopback port, over HTTP/1.1 with keep-alive; streamed answers go out
/// chunk by chunk, and a dropped answer closes the connection without a word.
///
/// A hostile client cannot exhaust it: headers are limited in size and count, a body larger
/// than `maxBody` is refused with a ValidationException (at once when its Content-Length says
/// so), and a request that is not complete within `requestDeadline` of the connection opening,
/// or of the previous answer, has its connection closed (slowloris, idle keep-alive connections).
public enum EmulatorServer {
    /// The largest request body accepted (our choice; the service documents none for these calls).
    public static let maxBody = 16 << 20
    /// Header limits: Bedrock's requests carry about ten headers of a few hundred bytes.
    static let decoderLimits: NIOHTTPDecoderLimitConfiguration = {
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderFieldCount = 100
        limits.maxHeaderFieldSize = 16 * 1024
        limits.maxHeaderListSize = 64 * 1024
        return limits
    }()

    /// Serves until cancelled. `onBound` receives the port (useful with port 0).
    public static func run(
        _ emulator: Emulator, port: Int, host: String = "127.0.0.1", requestDeadline: Duration = .seconds(20),
        onBound: @Sendable (Int) -> Void = { _ in }
    ) async throws {
        let deadline = TimeAmount.nanoseconds(
            requestDeadline.components.seconds * 1_000_000_000 + requestDeadline.components.attoseconds / 1_000_000_000)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withEncoderConfiguration: .init(),
                        withDecoderLimitConfiguration: decoderLimits)
                    try channel.pipeline.syncOperations.addHandler(RequestDeadlineHandler(deadline: deadline))
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        onBound(server.channel.localAddress?.port ?? port)
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await serve(connection, emulator) }
                }
            }
        }
    }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, _ emulator: Emulator
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let h):
                    if let length = h.headers.first(name: "content-length").flatMap(Int.init), length > maxBody {
                        try await refuseTooLarge(outbound, version: h.version)
                        return
                    }
                    head = h
                    body = []
                case .body(let buffer):
                    guard body.count + buffer.readableBytes <= maxBody else {
                        try await refuseTooLarge(outbound, version: head?.version ?? .http1_1)
                        return
                    }
                    body += buffer.readableBytesView
                case .end:
                    guard let h = head else { continue }
                    let (path, query) = EmulatorRequest.splitTarget(h.uri)
                    let request = EmulatorRequest(
                        method: h.method.rawValue, path: path, query: query,
                        headers: h.headers.map { (name: $0.name, value: $0.value) }, body: body)
                    let response = await emulator.handle(request)
                    if response.dropConnection { return }
                    var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
                    let streamed = response.chunks.count > 1
                    if streamed {
                        headers.add(name: "Transfer-Encoding", value: "chunked")
                    } else {
                        headers.add(name: "Content-Length", value: String(response.body.count))
                    }
                    if !headers.contains(name: "Date") { headers.add(name: "Date", value: HTTPDate.format(Date())) }
                    let keepAlive = h.isKeepAlive
                    if !keepAlive { headers.add(name: "Connection", value: "close") }
                    try await outbound.write(
                        .head(
                            HTTPResponseHead(
                                version: h.version, status: HTTPResponseStatus(statusCode: response.status),
                                headers: headers)))
                    for (index, chunk) in response.chunks.enumerated() where !chunk.isEmpty {
                        if streamed && index > 0 { try? await Task.sleep(for: .milliseconds(2)) }
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk))))
                    }
                    try await outbound.write(.end(nil))
                    head = nil
                    if !keepAlive { return }
                }
            }
        }
    }

    /// A ValidationException, with the status the service model gives it, then the connection is
    /// closed.
    private static func refuseTooLarge(
        _ outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>, version: HTTPVersion
    ) async throws {
        let refusal = EmulatorError.tooLarge
        let body = Array(#"{"message":"\#(refusal.message)"}"#.utf8)
        var headers = HTTPHeaders([
            ("Content-Type", "application/json"), ("x-amzn-ErrorType", refusal.kind.errorTypeHeader),
            ("Connection", "close"),
        ])
        headers.add(name: "Content-Length", value: String(body.count))
        let status = HTTPResponseStatus(statusCode: refusal.status)
        try await outbound.write(.head(HTTPResponseHead(version: version, status: status, headers: headers)))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
        try await outbound.write(.end(nil))
    }

}

#if canImport(Glibc)
    import Glibc
#endif
