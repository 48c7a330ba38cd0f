/// Decodes an event stream incrementally: feed it network chunks of any size, get whole
/// messages back as soon as they are complete. Both checksums are verified.
public struct EventStreamDecoder: Sendable {
    public enum DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        case preludeChecksumMismatch(expected: UInt32, computed: UInt32)
        case messageChecksumMismatch(expected: UInt32, computed: UInt32)
        case invalidLength(total: Int, headers: Int)
        case invalidHeader(String)
        case truncated(Int)

        public var description: String {
            switch self {
            case .preludeChecksumMismatch: return "Prelude checksum mismatch"
            case .messageChecksumMismatch: return "Message checksum mismatch"
            case .invalidLength(let total, let headers):
                return "invalid event-stream lengths (total \(total), headers \(headers))"
            case .invalidHeader(let why): return "invalid event-stream header: \(why)"
            case .truncated(let left): return "the event stream ended inside a message (\(left) bytes left over)"
            }
        }
    }

    /// Largest message accepted (the service's own limit is 16 MiB of payload).
    public static let maxMessageLength = 24 << 20

    private var buffer: [UInt8] = []
    private var start = 0

    public init() {}

    /// Adds `bytes` and returns every message now complete, in order.
    public mutating func feed(_ bytes: [UInt8]) throws(DecodingError) -> [EventStreamMessage] {
        buffer.append(contentsOf: bytes)
        var messages: [EventStreamMessage] = []
        while buffer.count - start >= 12 {
            let total = Int(readUInt32(start))
            let headersLength = Int(readUInt32(start + 4))
            let preludeCRC = readUInt32(start + 8)
            let computed = CRC32.checksum(buffer[start..<(start + 8)])
            guard computed == preludeCRC else {
                throw .preludeChecksumMismatch(expected: preludeCRC, computed: computed)
            }
            guard total >= 16, total <= Self.maxMessageLength, headersLength <= total - 16 else {
                throw .invalidLength(total: total, headers: headersLength)
            }
            guard buffer.count - start >= total else { break }
            let messageCRC = readUInt32(start + total - 4)
            let computedMessage = CRC32.checksum(buffer[start..<(start + total - 4)])
            guard computedMessage == messageCRC else {
                throw .messageChecksumMismatch(expected: messageCRC, computed: computedMessage)
            }
            let headers = try parseHeaders(from: start + 12, to: start + 12 + headersLength)
            messages.append(
                EventStreamMessage(
                    headers: headers, payload: Array(buffer[(start + 12 + headersLength)..<(start + total - 4)])))
            start += total
        }
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        return messages
    }

    /// Call at the end of the stream: an incomplete message left over is an error.
    public func finish() throws(DecodingError) {
        if buffer.count - start > 0 { throw .truncated(buffer.count - start) }
    }

    private func readUInt32(_ at: Int) -> UInt32 {
        UInt32(buffer[at]) << 24 | UInt32(buffer[at + 1]) << 16 | UInt32(buffer[at + 2]) << 8 | UInt32(buffer[at + 3])
    }

    private func readInt(_ at: Int, width: Int) -> Int64 {
        var v: UInt64 = 0
        for i in 0..<width { v = v << 8 | UInt64(buffer[at + i]) }
        let shift = UInt64(64 - 8 * width)
        return Int64(bitPattern: v << shift) >> Int64(shift)
    }

    private func parseHeaders(
        from: Int, to end: Int
    ) throws(DecodingError) -> [(name: String, value: EventStreamMessage.HeaderValue)] {
        var headers: [(name: String, value: EventStreamMessage.HeaderValue)] = []
        var i = from
        func need(_ n: Int) throws(DecodingError) {
            if i + n > end { throw .invalidHeader("a header runs past the headers section") }
        }
        while i < end {
            try need(1)
            let nameLength = Int(buffer[i])
            i += 1
            try need(nameLength + 1)
            let name = String(decoding: buffer[i..<(i + nameLength)], as: UTF8.self)
            i += nameLength
            let type = buffer[i]
            i += 1
            let value: EventStreamMessage.HeaderValue
            switch type {
            case 0: value = .bool(true)
            case 1: value = .bool(false)
            case 2:
                try need(1)
                value = .byte(Int8(readInt(i, width: 1)))
                i += 1
            case 3:
                try need(2)
                value = .int16(Int16(readInt(i, width: 2)))
                i += 2
            case 4:
                try need(4)
                value = .int32(Int32(readInt(i, width: 4)))
                i += 4
            case 5:
                try need(8)
                value = .int64(readInt(i, width: 8))
                i += 8
            case 6, 7:
                try need(2)
                let length = Int(readInt(i, width: 2) & 0xFFFF)
                i += 2
                try need(length)
                let bytes = Array(buffer[i..<(i + length)])
                i += length
                value = type == 6 ? .bytes(bytes) : .string(String(decoding: bytes, as: UTF8.self))
            case 8:
                try need(8)
                value = .timestamp(readInt(i, width: 8))
                i += 8
            case 9:
                try need(16)
                value = .uuid(Array(buffer[i..<(i + 16)]))
                i += 16
            default: throw .invalidHeader("unknown header value type \(type) for '\(name)'")
            }
            headers.append((name, value))
        }
        return headers
    }
}
