import Foundation

/// Encodes the client's Codable shapes as the emulator answers: JSON with keys in byte order,
/// timestamps as the service writes them (`2026-11-25T04:01:35.632Z`), absent optionals left
/// out. The emulator and the client share one definition of each answer; this encoder only
/// builds a `JSONValue` and hands it to `JSONWriter`, so answers cost what they cost before.
enum WireEncoder {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        JSONWriter.encode(tree(value))
    }

    /// The JSON tree of `value`; a value that cannot be encoded is `null` (the shapes always can).
    static func tree<T: Encodable>(_ value: T) -> JSONValue {
        let encoder = TreeEncoder()
        do { try encoder.encodeValue(value) } catch { return .null }
        return encoder.box.value
    }
}

/// A node of the tree under construction: containers keep writing into their box until the
/// encode returns; members and items are kept in the box, so adding one copies nothing.
final class WireBox {
    enum Kind { case value, object, array }

    var kind = Kind.value
    var scalar = JSONValue.null
    var members: [String: WireBox] = [:]
    var items: [WireBox] = []

    func set(_ value: JSONValue) {
        kind = .value
        scalar = value
    }

    var value: JSONValue {
        switch kind {
        case .value: return scalar
        case .object: return .object(members.mapValues(\.value))
        case .array: return .array(items.map(\.value))
        }
    }
}

extension JSONValue {
    static func integer<I: BinaryInteger>(_ value: I) -> JSONValue { .number(Double(value)) }
}

final class TreeEncoder: Encoder {
    let box: WireBox
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(box: WireBox = WireBox(), codingPath: [any CodingKey] = []) {
        self.box = box
        self.codingPath = codingPath
    }

    /// Encodes `value` into this encoder's box: dates as timestamps, everything else as it encodes itself.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if let date = value as? Date {
            box.set(.string(Emulator.timestamp(date)))
        } else {
            try value.encode(to: self)
        }
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

    private func child(_ key: Key) -> WireBox {
        let child = WireBox()
        box.members[key.stringValue] = child
        return child
    }

    private func put(_ value: JSONValue, _ key: Key) { child(key).set(value) }

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
        try TreeEncoder(box: child(key), codingPath: codingPath + [key]).encodeValue(value)
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

    private func next() -> WireBox {
        let child = WireBox()
        box.items.append(child)
        return child
    }

    private func put(_ value: JSONValue) { next().set(value) }

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
        try TreeEncoder(box: next(), codingPath: codingPath).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
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

    private func put(_ value: JSONValue) { encoder.box.set(value) }

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
