import Foundation
import Testing

@testable import BedrockEmulator

/// A create's token is replayed when the input is the same document, whatever its spelling:
/// records in `--state` files written before the emulator read JSON one way hold Foundation's
/// serialization, which escapes `/` and orders keys its own way.
@Suite struct IdempotencyDigestTests {
    static let body = Array(
        (#"{"clientRequestToken":"t-1","jobName":"j","#
            + #""modelDataSource":{"s3DataSource":{"s3Uri":"s3://acme/llama/"}},"#
            + #""jobTags":[{"key":"team/ml","value":"ü \"q\""}],"modelUnits":1}"#).utf8)

    /// The digest as emulators before this one wrote it.
    static func foundationDigest(_ body: [UInt8]) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        object["clientRequestToken"] = nil
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func with(_ replacements: [(String, String)]) -> [UInt8] {
        var text = String(decoding: body, as: UTF8.self)
        for (old, new) in replacements { text = text.replacingOccurrences(of: old, with: new) }
        return Array(text.utf8)
    }

    @Test func aRecordWrittenByFoundationStillReplaysItsInput() throws {
        let legacy = try Self.foundationDigest(Self.body)
        #expect(legacy != Emulator.digest(Self.body), "the spellings differ: \(legacy)")
        #expect(Emulator.sameInput(Self.body, as: legacy))
        #expect(Emulator.sameInput(Self.with([("t-1", "t-2")]), as: legacy), "the token is not part of the input")
        #expect(!Emulator.sameInput(Self.with([("\"modelUnits\":1", "\"modelUnits\":2")]), as: legacy))
        #expect(!Emulator.sameInput(Self.with([("team/ml", "team/ai")]), as: legacy))
    }

    @Test func aRecordWrittenNowReplaysItsInputAndNoOther() {
        let digest = Emulator.digest(Self.body)
        #expect(Emulator.sameInput(Self.body, as: digest))
        #expect(!Emulator.sameInput(Self.with([("s3://acme/", "s3://other/")]), as: digest))
        #expect(!Emulator.sameInput(Self.with([("\"jobName\":\"j\",", "")]), as: digest), "a member left out")
    }
}
