import AWSClient
import Foundation
import Synchronization

/// A transport that records every request and answers from a script, for exact request and
/// retry tests without a network.
public final class ScriptedTransport: HTTPTransport {
    public enum Answer: Sendable {
        case response(status: Int, headers: [(String, String)], body: [UInt8])
        case chunks(status: Int, headers: [(String, String)], chunks: [[UInt8]])
        case failure(TransportError)
    }

    private let state = Mutex<(requests: [HTTPRequest], answers: [Answer])>(([], []))
    private let pulled = Mutex(0)
    /// How many parts of `.chunks` bodies the client has asked for so far.
    public var pulls: Int { pulled.withLock { $0 } }

    public init(_ answers: [Answer] = []) { state.withLock { $0.answers = answers } }

    public static func json(_ status: Int = 200, _ text: String, headers: [(String, String)] = []) -> Answer {
        .response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }

    public static func error(
        _ status: Int, _ code: String, _ message: String = "boom", headers: [(String, String)] = []
    ) -> Answer {
        .response(
            status: status,
            headers: [("x-amzn-ErrorType", "\(code):http://internal.amazon.com/"), ("x-amzn-RequestId", "req-1")]
                + headers,
            body: Array("{\"message\":\"\(message)\"}".utf8))
    }

    public func enqueue(_ answer: Answer) { state.withLock { $0.answers.append(answer) } }
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let answer: Answer = state.withLock { s in
            s.requests.append(request)
            return s.answers.isEmpty
                ? .response(status: 599, headers: [], body: Array("no scripted answer".utf8)) : s.answers.removeFirst()
        }
        switch answer {
        case .response(let status, let headers, let body):
            return HTTPResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: body)
        case .chunks(let status, let headers, let chunks):
            let position = Position()
            return HTTPResponse(
                status: status, headers: headers.map { (name: $0.0, value: $0.1) },
                body: AsyncThrowingStream { [self] in
                    // Handed out part by part as asked for, and counted, like a network body.
                    let index = position.next()
                    pulled.withLock { $0 += 1 }
                    return index < chunks.count ? chunks[index] : nil
                })
        case .failure(let error):
            throw error
        }
    }
}

/// A clock that never sleeps: it records the waits and moves its time forward by them.
public final class TestClock: Sendable {
    public init() {}
    private let state = Mutex<(now: Date, sleeps: [Duration])>((Date(timeIntervalSince1970: 1_764_000_000), []))

    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    public var clock: AWSClock {
        AWSClock(
            now: { self.state.withLock { $0.now } },
            sleep: { duration in
                self.state.withLock { s in
                    s.sleeps.append(duration)
                    s.now = s.now.addingTimeInterval(
                        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
                }
            })
    }

    public func advance(_ seconds: TimeInterval) { state.withLock { $0.now = $0.now.addingTimeInterval(seconds) } }
}

public enum Clients {
    public static let credentials = StaticCredentialProvider(.init(accessKeyId: "AKIDTEST", secretAccessKey: "secret"))

    public static func service(
        _ transport: ScriptedTransport, clock: TestClock = TestClock(),
        retry: RetryPolicy = RetryPolicy(random: { 0.5 })
    ) -> ServiceClient {
        ServiceClient(
            transport: transport, credentials: credentials, region: "us-west-2",
            endpoint: URL(string: "https://bedrock.us-west-2.amazonaws.com")!,
            signingName: "bedrock", clock: clock.clock, retry: retry)
    }

    public static func bedrock(
        _ transport: ScriptedTransport, clock: TestClock = TestClock(),
        retry: RetryPolicy = RetryPolicy(random: { 0.5 })
    ) -> BedrockClient {
        BedrockClient(service: service(transport, clock: clock, retry: retry))
    }
}

extension HTTPRequest {
    public var jsonBody: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    public var queryText: String { query.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
}

/// Where a scripted body is: the next part to hand out.
private final class Position: Sendable {
    private let index = Mutex(0)
    func next() -> Int {
        index.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
