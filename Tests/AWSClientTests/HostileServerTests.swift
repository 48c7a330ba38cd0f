import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// The client against a server that stalls, drips, floods, lies and garbles
/// (Interop/hostile_server.py): every call ends, in bounded time, with a typed error.
@Suite(.timeLimit(.minutes(5))) struct HostileServerTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Interop/hostile_server.py"
    ).path

    /// Runs `body` with a client of short timeouts against the server in `mode`; returns the error
    /// and how long the call took.
    static func failure(
        _ mode: String, clock: TestClock? = nil, maxAttempts: Int = 2, timeout: Duration = .seconds(4),
        _ body: @escaping @Sendable (BedrockClient, BedrockRuntimeClient) async throws -> Void
    ) async throws -> (Error?, Duration) {
        try await HostileServer.run(mode: mode, script: script) { endpoint in
            try await AsyncHTTPClientTransport.withTransport(connectTimeout: .seconds(5), readTimeout: .seconds(2)) {
                transport in
                let retry = RetryPolicy(
                    maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxBackoff: .milliseconds(50),
                    random: { 0.5 })
                let service = ServiceClient(
                    transport: transport, credentials: Clients.credentials, region: "us-east-1", endpoint: endpoint,
                    signingName: "bedrock", clock: clock?.clock ?? .live, retry: retry, timeout: timeout)
                let started = ContinuousClock.now
                do {
                    try await body(BedrockClient(service: service), BedrockRuntimeClient(service: service))
                    return (nil, ContinuousClock.now - started)
                } catch {
                    return (error, ContinuousClock.now - started)
                }
            }
        }
    }

    static let get: @Sendable (BedrockClient, BedrockRuntimeClient) async throws -> Void = { bedrock, _ in
        _ = try await bedrock.getProvisionedModelThroughput("p")
    }

    @Test(arguments: ["stall-after-headers", "slow-drip", "never-answer"])
    func aServerThatStopsTalkingTimesOutAndIsRetried(_ mode: String) async throws {
        let (error, took) = try await Self.failure(mode, Self.get)
        #expect((error as? ServiceCallError)?.underlying == .timeout, "\(String(describing: error))")
        #expect(took < .seconds(60), "two attempts of at most 4 s each (slower on a loaded machine), took \(took)")
    }

    /// Cut off at the limit; on a machine so loaded that the server pauses past the idle timeout,
    /// by the timeout instead. Either way the call ends, bounded in memory.
    @Test func anErrorWhoseBodyDripsEndsByItsDeadline() async throws {
        let clock = TestClock()
        let (error, took) = try await Self.failure("slow-drip-error", clock: clock, Self.get)
        #expect((error as? AWSServiceError)?.code == "ThrottlingException", "\(String(describing: error))")
        #expect(took < .seconds(60), "two attempts of a 4 s deadline each, took \(took)")
    }

    @Test func aHugeBodyIsCutOffAtTheLimit() async throws {
        // A generous deadline, so the size limit, not the clock, ends the call on a loaded machine.
        let (error, _) = try await Self.failure("huge-body", maxAttempts: 1, timeout: .seconds(60), Self.get)
        #expect(
            (error as? ServiceCallError)?.underlying == .responseTooLarge(ServiceClient.maxJSONBody)
                || (error as? ServiceCallError)?.underlying == .timeout,
            "\(String(describing: error))")
    }

    @Test func anInvalidBodyIsADecodingError() async throws {
        let (error, _) = try await Self.failure("invalid-json", Self.get)
        #expect(error is ResponseDecodingError, "\(String(describing: error))")
    }

    @Test(arguments: ["retry-after-inf", "retry-after-nan", "retry-after-huge", "retry-after-negative"])
    func aHostileRetryAfterNeitherTrapsNorStalls(_ mode: String) async throws {
        let clock = TestClock()
        let (error, _) = try await Self.failure(mode, clock: clock, maxAttempts: 3, Self.get)
        #expect((error as? AWSServiceError)?.kind == .throttling, "\(String(describing: error))")
        #expect(clock.sleeps.count == 2 && clock.sleeps.allSatisfy { $0 >= .zero && $0 <= RetryPolicy.maxServerDelay })
    }

    @Test(arguments: [
        "eventstream-garbage", "eventstream-huge-length", "eventstream-bad-prelude-crc", "eventstream-bad-message-crc",
        "eventstream-zero-length", "eventstream-headers-overflow", "eventstream-bad-header", "eventstream-truncated",
    ])
    func aGarbledEventStreamIsADecodingError(_ mode: String) async throws {
        let (error, took) = try await Self.failure(mode) { _, runtime in
            let output = try await runtime.invokeModelWithResponseStream("m", body: Array("{}".utf8))
            for try await _ in output.chunks {}
        }
        #expect(error is EventStreamDecoder.DecodingError, "\(String(describing: error))")
        #expect(took < .seconds(60))
    }

    @Test(arguments: ["close-mid-body", "status-garbage", "header-garbage"])
    func aBrokenAnswerIsAConnectionError(_ mode: String) async throws {
        let (error, took) = try await Self.failure(mode, Self.get)
        #expect(error is ServiceCallError, "\(String(describing: error))")
        #expect(took < .seconds(60))
    }

    @Test func theControlModeAnswers() async throws {
        let (error, _) = try await Self.failure("ok") { _, runtime in
            _ = try await runtime.invokeModel("m", body: Array("{}".utf8))
        }
        #expect(error == nil, "\(String(describing: error))")
    }
}

/// An endpoint where nothing listens fails fast, saying which call, where, and what to check.
@Suite struct RefusedEndpointTests {
    @Test func aRefusedConnectionFailsAtOnceNamingTheEndpointAndOperation() async throws {
        // A port bound but not listening, held for the whole test: a connection to it is refused,
        // and no other suite's server can take it meanwhile.
        let (socketFD, port) = try boundPort()
        defer { close(socketFD) }
        let endpoint = "http://127.0.0.1:\(port)"
        // The standard policy at its worst jitter, its waits on a test clock: the connection
        // attempts take real time, the waits are counted.
        let clock = TestClock()
        let policy = RetryPolicy(random: { 0.999 })
        let started = ContinuousClock.now
        // Connect and request timeouts of ten minutes: a pool that retried a refusal would hold the first
        // attempt that long, so the bound below tells the two apart by a wide margin however busy the machine.
        let error: Error? = try await AsyncHTTPClientTransport.withTransport(connectTimeout: .seconds(600)) {
            transport in
            let service = ServiceClient(
                transport: transport, credentials: Clients.credentials, region: "us-east-1",
                endpoint: URL(string: endpoint)!, signingName: "bedrock", clock: clock.clock, retry: policy,
                timeout: .seconds(600))
            do {
                _ = try await BedrockClient(service: service).listProvisionedModelThroughputs().collect()
                return nil
            } catch {
                return error
            }
        }
        let waited = clock.sleeps.reduce(Duration.zero, +)
        #expect(waited < .seconds(3), "the policy's own waits: \(clock.sleeps)")
        // Unloaded this takes milliseconds; in a full suite on two busy cores it has taken 35 s.
        #expect(
            ContinuousClock.now - started < .seconds(120),
            "no connection attempt lingers (the pool does not retry refusals)")
        let text = "\(error.map { "\($0)" } ?? "no error")"
        #expect(text.contains("ListProvisionedModelThroughputs at \(endpoint) failed"), "\(text)")
        #expect(text.contains("is the emulator running"), "\(text)")
    }

    func boundPort() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
