import Foundation
import TestSupport
import Testing
@testable import AWSClient

@Suite struct RuntimeTests {
    static func runtime(_ transport: ScriptedTransport) -> BedrockRuntimeClient {
        BedrockRuntimeClient(service: ServiceClient(transport: transport, credentials: Clients.credentials, region: "us-east-1",
                                                    endpoint: URL(string: "https://bedrock-runtime.us-east-1.amazonaws.com")!, signingName: "bedrock",
                                                    clock: TestClock().clock, retry: RetryPolicy(random: { 0 })))
    }

    static func chunk(_ text: String) -> EventStreamMessage {
        EventStreamMessage(headers: [(":event-type", .string("chunk")), (":content-type", .string("application/json")), (":message-type", .string("event"))],
                           payload: Array("{\"bytes\":\"\(Data(text.utf8).base64EncodedString())\",\"p\":\"abcd\"}".utf8))
    }

    @Test func invokeModel() async throws {
        let transport = ScriptedTransport([.response(status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"outputText":"hi"}"#.utf8))])
        let output = try await Self.runtime(transport).invokeModel("arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcdefghijkl", body: Array("{}".utf8))
        #expect(String(decoding: output.body, as: UTF8.self) == #"{"outputText":"hi"}"#)
        let request = try #require(transport.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A111122223333%3Aprovisioned-model%2Fabcdefghijkl/invoke")
        #expect(request.header("accept") == "application/json")
        #expect(request.body == Array("{}".utf8))
    }

    @Test func streamedChunksArriveInOrderAcrossSplitFrames() async throws {
        let bytes = ["Hel", "lo, ", "world"].flatMap { Self.chunk($0).encoded() }
        let pieces = stride(from: 0, to: bytes.count, by: 17).map { Array(bytes[$0..<min($0 + 17, bytes.count)]) }
        let transport = ScriptedTransport([.chunks(status: 200, headers: [("X-Amzn-Bedrock-Content-Type", "application/json")], chunks: pieces)])
        let output = try await Self.runtime(transport).invokeModelWithResponseStream("amazon.titan-text-express-v1", body: Array("{}".utf8))
        var texts: [String] = []
        for try await chunk in output.chunks { texts.append(String(decoding: chunk, as: UTF8.self)) }
        #expect(texts == ["Hel", "lo, ", "world"])
        #expect(output.contentType == "application/json")
        #expect(transport.requests.first?.path == "/model/amazon.titan-text-express-v1/invoke-with-response-stream")
        #expect(transport.requests.first?.header("x-amzn-bedrock-accept") == "application/json")
    }

    @Test(arguments: [("modelStreamErrorException", 424), ("throttlingException", 429), ("validationException", 400),
                      ("internalServerException", 500), ("modelTimeoutException", 408), ("serviceUnavailableException", 503)])
    func streamExceptionsBecomeTypedErrors(type: String, status: Int) async throws {
        let exception = EventStreamMessage(headers: [(":exception-type", .string(type)), (":content-type", .string("application/json")), (":message-type", .string("exception"))],
                                           payload: Array(#"{"message":"it broke"}"#.utf8))
        let transport = ScriptedTransport([.chunks(status: 200, headers: [], chunks: [Self.chunk("part").encoded(), exception.encoded()])])
        let output = try await Self.runtime(transport).invokeModelWithResponseStream("amazon.titan-text-express-v1", body: [])
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
        let output = try await Self.runtime(transport).invokeModelWithResponseStream("amazon.titan-text-express-v1", body: [])
        await #expect(throws: EventStreamDecoder.DecodingError.self) { for try await _ in output.chunks {} }
    }
}
