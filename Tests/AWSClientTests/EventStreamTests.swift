import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// The event-stream framing vectors from aws-sdk-go (copied into Fixtures with LICENSE and
/// NOTICE): positive cases decode exactly, negative cases are refused with the named error.
@Suite struct EventStreamTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/eventstream")
    static let positive = [
        "all_headers", "empty_message", "int32_header", "payload_no_headers", "payload_one_str_header",
    ]
    static let negative = ["corrupted_header_len", "corrupted_headers", "corrupted_length", "corrupted_payload"]

    struct Expected: Decodable {
        struct Header: Decodable {
            var name: String
            var type: Int
            var value: JSONValue
        }
        var total_length: Int
        var headers_length: Int
        var prelude_crc: Int64
        var headers: [Header]
        var payload: String
        var message_crc: Int64
    }

    enum JSONValue: Decodable {
        case bool(Bool)
        case int(Int64)
        case string(String)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let i = try? c.decode(Int64.self) {
                self = .int(i)
            } else {
                self = .string(try c.decode(String.self))
            }
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    @Test(arguments: positive)
    func positiveVectorsDecodeExactly(_ name: String) throws {
        let encoded = try Self.bytes("encoded/positive/\(name)")
        let expected = try JSONDecoder().decode(Expected.self, from: Data(try Self.bytes("decoded/positive/\(name)")))
        var decoder = EventStreamDecoder()
        let messages = try decoder.feed(encoded)
        try decoder.finish()
        #expect(messages.count == 1)
        let message = try #require(messages.first)
        #expect(encoded.count == expected.total_length)
        #expect(message.payload == Array(Data(base64Encoded: expected.payload)!))
        #expect(UInt32(truncatingIfNeeded: expected.prelude_crc) == CRC32.checksum(encoded[0..<8]))
        #expect(UInt32(truncatingIfNeeded: expected.message_crc) == CRC32.checksum(encoded[0..<(encoded.count - 4)]))
        #expect(message.headers.count == expected.headers.count)
        for (got, want) in zip(message.headers, expected.headers) {
            #expect(got.name == want.name)
            #expect(Self.matches(got.value, type: want.type, want.value), "\(name): header \(want.name)")
        }
        #expect(message.encoded() == encoded, "encoding gives back the same bytes")
    }

    static func matches(_ value: EventStreamMessage.HeaderValue, type: Int, _ json: JSONValue) -> Bool {
        switch (value, type, json) {
        case (.bool(let b), 0, .bool(let j)), (.bool(let b), 1, .bool(let j)): return b == j
        case (.byte(let v), 2, .int(let j)): return Int64(v) == j
        case (.int16(let v), 3, .int(let j)): return Int64(v) == j
        case (.int32(let v), 4, .int(let j)): return Int64(v) == j
        case (.int64(let v), 5, .int(let j)): return v == j
        case (.bytes(let v), 6, .string(let j)): return v == Array(Data(base64Encoded: j)!)
        case (.string(let v), 7, .string(let j)): return Array(v.utf8) == Array(Data(base64Encoded: j)!)
        case (.timestamp(let v), 8, .int(let j)): return v == j
        case (.uuid(let v), 9, .string(let j)): return v == Array(Data(base64Encoded: j)!)
        default: return false
        }
    }

    @Test(arguments: negative)
    func negativeVectorsAreRefused(_ name: String) throws {
        let encoded = try Self.bytes("encoded/negative/\(name)")
        let expected = String(decoding: try Self.bytes("decoded/negative/\(name)"), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        var decoder = EventStreamDecoder()
        do {
            _ = try decoder.feed(encoded)
            Issue.record("\(name) decoded")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func framesSplitAcrossArbitraryChunksDecodeTheSame() throws {
        let stream = try Self.positive.flatMap { try Self.bytes("encoded/positive/\($0)") }
        for size in [1, 2, 3, 7, 13, 64, 1000] {
            var decoder = EventStreamDecoder()
            var messages: [EventStreamMessage] = []
            var offset = 0
            while offset < stream.count {
                messages += try decoder.feed(Array(stream[offset..<min(offset + size, stream.count)]))
                offset += size
            }
            try decoder.finish()
            #expect(messages.count == Self.positive.count, "chunk size \(size)")
        }
    }

    @Test func aStreamCutInsideAMessageIsAnError() throws {
        var decoder = EventStreamDecoder()
        let bytes = try Self.bytes("encoded/positive/all_headers")
        #expect(try decoder.feed(Array(bytes.prefix(100))).isEmpty)
        #expect(throws: EventStreamDecoder.DecodingError.truncated(100)) { try decoder.finish() }
    }
}
