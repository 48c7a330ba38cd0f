import Foundation

/// One `application/vnd.amazon.eventstream` message: typed headers and a payload.
public struct EventStreamMessage: Sendable, Hashable {
    public enum HeaderValue: Sendable, Hashable {
        case bool(Bool)
        case byte(Int8)
        case int16(Int16)
        case int32(Int32)
        case int64(Int64)
        case bytes([UInt8])
        case string(String)
        /// Milliseconds since the epoch.
        case timestamp(Int64)
        case uuid([UInt8])
    }

    public var headers: [(name: String, value: HeaderValue)]
    public var payload: [UInt8]

    public init(headers: [(name: String, value: HeaderValue)], payload: [UInt8]) {
        self.headers = headers
        self.payload = payload
    }

    public func header(_ name: String) -> HeaderValue? { headers.first { $0.name == name }?.value }

    public func stringHeader(_ name: String) -> String? {
        if case .string(let s)? = header(name) { return s }
        return nil
    }

    public static func == (lhs: EventStreamMessage, rhs: EventStreamMessage) -> Bool {
        lhs.payload == rhs.payload && lhs.headers.elementsEqual(rhs.headers, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(payload)
        for (name, value) in headers {
            hasher.combine(name)
            hasher.combine(value)
        }
    }

    /// The message framed: prelude (total length, headers length, prelude CRC), headers,
    /// payload, message CRC; all integers big-endian.
    public func encoded() -> [UInt8] {
        var headerBytes: [UInt8] = []
        for (name, value) in headers {
            let nameBytes = Array(name.utf8)
            headerBytes.append(UInt8(nameBytes.count))
            headerBytes += nameBytes
            switch value {
            case .bool(let b): headerBytes.append(b ? 0 : 1)
            case .byte(let v): headerBytes += [2, UInt8(bitPattern: v)]
            case .int16(let v):
                headerBytes.append(3)
                headerBytes += Self.bigEndian(v)
            case .int32(let v):
                headerBytes.append(4)
                headerBytes += Self.bigEndian(v)
            case .int64(let v):
                headerBytes.append(5)
                headerBytes += Self.bigEndian(v)
            case .bytes(let b):
                headerBytes.append(6)
                headerBytes += Self.bigEndian(UInt16(b.count)) + b
            case .string(let s):
                let b = Array(s.utf8)
                headerBytes.append(7)
                headerBytes += Self.bigEndian(UInt16(b.count)) + b
            case .timestamp(let v):
                headerBytes.append(8)
                headerBytes += Self.bigEndian(v)
            case .uuid(let b):
                headerBytes.append(9)
                headerBytes += b
            }
        }
        let total = 12 + headerBytes.count + payload.count + 4
        var out = Self.bigEndian(UInt32(total)) + Self.bigEndian(UInt32(headerBytes.count))
        out += Self.bigEndian(CRC32.checksum(out))
        out += headerBytes
        out += payload
        out += Self.bigEndian(CRC32.checksum(out))
        return out
    }

    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}
