import NIOCore
import NIOHTTP1
import NIOPosix

/// The emulator on a loopback port, over HTTP/1.1 with keep-alive; streamed answers go out
/// chunk by chunk, and a dropped answer closes the connection without a word.
public enum EmulatorServer {
    /// Serves until cancelled. `onBound` receives the port (useful with port 0).
    public static func run(_ emulator: Emulator, port: Int, host: String = "127.0.0.1", onBound: @Sendable (Int) -> Void = { _ in }) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(wrappingChannelSynchronously: channel)
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

    private static func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, _ emulator: Emulator) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let h):
                    head = h
                    body = []
                case .body(let buffer):
                    body += buffer.readableBytesView
                case .end:
                    guard let h = head else { continue }
                    let (path, query) = EmulatorRequest.splitTarget(h.uri)
                    let request = EmulatorRequest(method: h.method.rawValue, path: path, query: query,
                                                  headers: h.headers.map { (name: $0.name, value: $0.value) }, body: body)
                    let response = await emulator.handle(request)
                    if response.dropConnection { return }
                    var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
                    let streamed = response.chunks.count > 1
                    if streamed { headers.add(name: "Transfer-Encoding", value: "chunked") } else {
                        headers.add(name: "Content-Length", value: String(response.body.count))
                    }
                    headers.add(name: "Date", value: httpDate())
                    let keepAlive = h.isKeepAlive
                    if !keepAlive { headers.add(name: "Connection", value: "close") }
                    try await outbound.write(.head(HTTPResponseHead(version: h.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)))
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

    private static func httpDate() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        var buffer = [Int8](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

#if canImport(Glibc)
import Glibc
#endif
