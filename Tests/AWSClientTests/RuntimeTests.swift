import Foundation
import Synchronization
import TestSupport
import Testing

@testable import AWSClient

@Suite struct RuntimeTests {
    static func runtime(_ transport: ScriptedTransport) -> BedrockRuntimeClient {
        BedrockRuntimeClient(
            service: ServiceClient(
                transport: transport, credentials: Clients.credentials, region: "us-east-1",
                endpoint: URL(string: "https://bedrock-runtime.us-east-1.amazonaws.com")!, signingName: "bedrock",
                clock: TestClock().clock, retry: RetryPolicy(random: { 0 })))
    }

    static func chunk(_ text: String) -> EventStreamMessage {
        EventStreamMessage(
            headers: [
                (":event-type", .string("chunk")), (":content-type", .string("application/json")),
                (":message-type", .string("event")),
            ],
            payload: Array("{\"bytes\":\"\(Data(text.utf8).base64EncodedString())\",\"p\":\"abcd\"}".utf8))
    }

    @Test func invokeModel() async throws {
        let transport = ScriptedTransport([
            .response(
                status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"outputText":"hi"}"#.utf8))
        ])
        let output = try await Self.runtime(transport).invokeModel(
            "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcdefghijkl", body: Array("{}".utf8))
        #expect(String(decoding: output.body, as: UTF8.self) == #"{"outputText":"hi"}"#)
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(
            request.path
                == "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A111122223333%3Aprovisioned-model%2Fabcdefghijkl/invoke")
        #expect(request.header("accept") == "application/json")
        #expect(request.body == Array("{}".utf8))
    }

    @Test func streamedChunksArriveInOrderAcrossSplitFrames() async throws {
        let bytes = ["Hel", "lo, ", "world"].flatMap { Self.chunk($0).encoded() }
        let pieces = stride(from: 0, to: bytes.count, by: 17).map { Array(bytes[$0..<min($0 + 17, bytes.count)]) }
        let transport = ScriptedTransport([
            .chunks(status: 200, headers: [("X-Amzn-Bedrock-Content-Type", "application/json")], chunks: pieces)
        ])
        let output = try await Self.runtime(transport).invokeModelWithResponseStream(
            "amazon.titan-text-express-v1", body: Array("{}".utf8))
        var texts: [String] = []
        for try await chunk in output.chunks { texts.append(String(decoding: chunk, as: UTF8.self)) }
        #expect(texts == ["Hel", "lo, ", "world"])
        #expect(output.contentType == "application/json")
        #expect(transport.requests.first?.path == "/model/amazon.titan-text-express-v1/invoke-with-response-stream")
        #expect(transport.requests.first?.header("x-amzn-bedrock-accept") == "application/json")
    }

    @Test func aStreamIsReadOnlyAsFarAsItsReaderHasGot() async throws {
        let transport = ScriptedTransport([
            .chunks(status: 200, headers: [], chunks: ["one", "two", "three", "four"].map { Self.chunk($0).encoded() })
        ])
        let output = try await Self.runtime(transport).invokeModelWithResponseStream(
            "amazon.titan-text-express-v1", body: Array("{}".utf8))
        var iterator = output.chunks.makeAsyncIterator()
        #expect(try await iterator.next().map { String(decoding: $0, as: UTF8.self) } == "one")
        // Nothing reads ahead of the reader in the background.
        try await Task.sleep(for: .milliseconds(200))
        #expect(transport.pulls == 1, "one part asked for, not \(transport.pulls)")
        #expect(try await iterator.next().map { String(decoding: $0, as: UTF8.self) } == "two")
        #expect(transport.pulls == 2)
    }

    @Test(arguments: [
        ("modelStreamErrorException", 424), ("throttlingException", 429), ("validationException", 400),
        ("internalServerException", 500), ("modelTimeoutException", 408), ("serviceUnavailableException", 503),
    ])
    func streamExceptionsBecomeTypedErrors(type: String, status: Int) async throws {
        let exception = EventStreamMessage(
            headers: [
                (":exception-type", .string(type)), (":content-type", .string("application/json")),
                (":message-type", .string("exception")),
            ],
            payload: Array(#"{"message":"it broke"}"#.utf8))
        let transport = ScriptedTransport([
            .chunks(status: 200, headers: [], chunks: [Self.chunk("part").encoded(), exception.encoded()])
        ])
        let output = try await Self.runtime(transport).invokeModelWithResponseStream(
            "amazon.titan-text-express-v1", body: [])
        var received: [String] = []
        do {
            for try await chunk in output.chunks { received.append(String(decoding: chunk, as: UTF8.self)) }
            Issue.record("no error")
        } catch let error as AWSServiceError {
            #expect(error.code == type.prefix(1).uppercased() + type.dropFirst())
            #expect(error.message == "it broke")
            #expect(error.status == status)
        }
        #expect(received == ["part"])
    }

    @Test func aCorruptFrameEndsTheStreamWithAnError() async throws {
        var bytes = Self.chunk("x").encoded()
        bytes[bytes.count - 6] ^= 0xFF
        let transport = ScriptedTransport([.chunks(status: 200, headers: [], chunks: [bytes])])
        let output = try await Self.runtime(transport).invokeModelWithResponseStream(
            "amazon.titan-text-express-v1", body: [])
        await #expect(throws: EventStreamDecoder.DecodingError.self) { for try await _ in output.chunks {} }
    }

    static let notReady = ScriptedTransport.error(
        429, "ModelNotReadyException", "Model is not ready for inference. Wait and try your request again.")

    /// A loading model is retried as the SDKs retry it, each retry announced before its wait, and
    /// the ordinary retry policy does not retry it on top (one request a retry, no more).
    @Test func aLoadingModelIsRetriedUntilItAnswers() async throws {
        let transport = ScriptedTransport([
            Self.notReady, Self.notReady,
            .response(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8)),
        ])
        let clock = TestClock()
        let notices = Notices()
        var runtime = BedrockRuntimeClient(
            service: ServiceClient(
                transport: transport, credentials: Clients.credentials, region: "us-east-1",
                endpoint: URL(string: "https://bedrock-runtime.us-east-1.amazonaws.com")!,
                signingName: "bedrock", clock: clock.clock, retry: RetryPolicy(random: { 0.5 })))
        runtime.onModelNotReady = { notices.append($0) }
        let output = try await runtime.invokeModel(
            "arn:aws:bedrock:us-east-1:111122223333:imported-model/abcdefghijkl", body: Array("{}".utf8))
        #expect(output.body == Array("{}".utf8))
        #expect(transport.requests.count == 3)
        #expect(notices.all.map(\.retry) == [1, 2] && notices.all.allSatisfy { $0.maxRetries == 5 })
        #expect(
            notices.all.map(\.delay) == [.milliseconds(500), .seconds(1)], "exponential from 1 s, full jitter at 0.5")
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
        #expect(notices.all.first?.message == "Model is not ready for inference. Wait and try your request again.")
    }

    @Test func aModelStillLoadingAfterFiveRetriesIsTheServicesError() async throws {
        let transport = ScriptedTransport(Array(repeating: Self.notReady, count: 7))
        let notices = Notices()
        var runtime = Self.runtime(transport)
        runtime.onModelNotReady = { notices.append($0) }
        do {
            _ = try await runtime.invokeModelWithResponseStream(
                "arn:aws:bedrock:us-east-1:111122223333:imported-model/abcdefghijkl", body: [])
            Issue.record("no error")
        } catch let error as AWSServiceError {
            #expect(error.code == "ModelNotReadyException" && error.status == 429)
        }
        #expect(transport.requests.count == 6, "one attempt and five retries")
        #expect(notices.all.map(\.retry) == [1, 2, 3, 4, 5])
    }

    @Test func noRetriesWithTheNonePolicy() async throws {
        let transport = ScriptedTransport([Self.notReady, Self.notReady])
        let runtime = BedrockRuntimeClient(
            service: ServiceClient(
                transport: transport, credentials: Clients.credentials, region: "us-east-1",
                endpoint: URL(string: "https://bedrock-runtime.us-east-1.amazonaws.com")!,
                signingName: "bedrock", clock: TestClock().clock, retry: .none))
        await #expect(throws: AWSServiceError.self) { _ = try await runtime.invokeModel("m.x", body: []) }
        #expect(transport.requests.count == 1)
    }

    /// The kind of an error comes from its type, not its status: Bedrock's ConflictException is a
    /// 400, and the client must not need the 409 the emulator once sent.
    @Test(arguments: [
        ("ConflictException", 400, AWSServiceError.Kind.conflict), ("ConflictException", 409, .conflict),
        ("ValidationException", 400, .validation), ("ResourceNotFoundException", 404, .notFound),
    ])
    func errorKindsFollowTheErrorType(code: String, status: Int, kind: AWSServiceError.Kind) {
        let error = AWSServiceError.decode(
            status: status,
            headers: [("x-amzn-ErrorType", "\(code):http://internal.amazon.com/coral/com.amazon.bedrock/")],
            body: Array(#"{"message":"m"}"#.utf8))
        #expect(error.code == code && error.kind == kind)
    }
}

/// Notices received, in order.
final class Notices: Sendable {
    private let state = Mutex<[ModelNotReadyNotice]>([])
    func append(_ notice: ModelNotReadyNotice) { state.withLock { $0.append(notice) } }
    var all: [ModelNotReadyNotice] { state.withLock { $0 } }
}
