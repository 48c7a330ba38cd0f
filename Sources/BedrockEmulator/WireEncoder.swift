import Foundation

/// Encodes the client's Codable shapes as the emulator answers: JSON with members in the shape's
/// declaration order, timestamps as the service writes them (`2026-11-25T04:01:35.632Z`), absent
/// optionals left out. The emulator and the client share one definition of each answer.
///
/// Built for the emulator's request rate: scalars are stored in their container without a node
/// of their own, dates and string enums are written without a nested encoder, and the tree is
/// written straight to bytes.
enum WireEncoder {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = TreeEncoder()
        do { try encoder.encodeValue(value) } catch { return Array("null".utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(512)
        encoder.box.write(into: &out)
        return out
    }
}

/// A member or item: a scalar, or a container still being filled.
enum WireNode {
    case scalar(JSONValue)
    case box(WireBox)

    func write(into out: inout [UInt8]) {
        switch self {
        case .scalar(let value): JSONWriter.write(value, into: &out)
        case .box(let box): box.write(into: &out)
        }
    }
}

/// A container under construction: containers keep writing into their box until the encode
/// returns; members and items are kept in the box, so adding one copies nothing.
final class WireBox {
    enum Kind { case value, object, array }

    var kind = Kind.value
    var scalar = JSONValue.null
    var members: [(key: String, node: WireNode)] = []
    var items: [WireNode] = []

    func write(into out: inout [UInt8]) {
        switch kind {
        case .value: JSONWriter.write(scalar, into: &out)
        case .object:
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.node.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .array:
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}

extension JSONValue {
    static func integer<I: BinaryInteger>(_ value: I) -> JSONValue { .number(Double(value)) }

    /// A date or a string enum as one scalar, without encoding it through a nested encoder.
    static func direct<T: Encodable>(_ value: T) -> JSONValue? {
        if T.self == Date.self, let date = value as? Date { return .string(Emulator.timestamp(date)) }
        if let raw = value as? any RawRepresentable<String> { return .string(raw.rawValue) }
        return nil
    }
}

final class TreeEncoder: Encoder {
    let box: WireBox
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(box: WireBox = WireBox(), codingPath: [any CodingKey] = []) {
        self.box = box
        self.codingPath = codingPath
    }

    /// Encodes `value` into this encoder's box.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let direct = JSONValue.direct(value) {
            box.kind = .value
            box.scalar = direct
        } else {
            try value.encode(to: self)
        }
    }

    /// The node `value` becomes: a scalar when it is one, else a box it encoded itself into.
    static func node<T: Encodable>(_ value: T, at codingPath: [any CodingKey]) throws -> WireNode {
        if let direct = JSONValue.direct(value) { return .scalar(direct) }
        let encoder = TreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.box.kind == .value ? .scalar(encoder.box.scalar) : .box(encoder.box)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.kind = .object
        return KeyedEncodingContainer(KeyedWire<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.kind = .array
        return UnkeyedWire(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWire(encoder: self) }
}

struct KeyedWire<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: WireBox
    let codingPath: [any CodingKey]

    private func put(_ value: JSONValue, _ key: Key) { box.members.append((key.stringValue, .scalar(value))) }

    private func child(_ key: Key) -> WireBox {
        let child = WireBox()
        box.members.append((key.stringValue, .box(child)))
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.integer(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.members.append((key.stringValue, try TreeEncoder.node(value, at: codingPath + [key])))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(box: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(box: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(box: box, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(box: child(key), codingPath: codingPath + [key])
    }
}

struct UnkeyedWire: UnkeyedEncodingContainer {
    let box: WireBox
    let codingPath: [any CodingKey]
    var count: Int { box.items.count }

    private func put(_ value: JSONValue) { box.items.append(.scalar(value)) }

    private func next() -> WireBox {
        let child = WireBox()
        box.items.append(.box(child))
        return child
    }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(.number(value)) }
    mutating func encode(_ value: Float) throws { put(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { put(.integer(value)) }
    mutating func encode(_ value: Int8) throws { put(.integer(value)) }
    mutating func encode(_ value: Int16) throws { put(.integer(value)) }
    mutating func encode(_ value: Int32) throws { put(.integer(value)) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { put(.integer(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        box.items.append(try TreeEncoder.node(value, at: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    )
        -> KeyedEncodingContainer<NestedKey>
    {
        TreeEncoder(box: next(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeEncoder(box: next(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(box: next(), codingPath: codingPath) }
}

struct SingleWire: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ value: JSONValue) {
        encoder.box.kind = .value
        encoder.box.scalar = value
    }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(.number(value)) }
    mutating func encode(_ value: Float) throws { put(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { put(.integer(value)) }
    mutating func encode(_ value: Int8) throws { put(.integer(value)) }
    mutating func encode(_ value: Int16) throws { put(.integer(value)) }
    mutating func encode(_ value: Int32) throws { put(.integer(value)) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt8) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt16) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt32) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt64) throws { put(.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}
