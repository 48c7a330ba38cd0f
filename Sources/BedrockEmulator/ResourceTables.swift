/// The records of every registered kind (`EmulatorResources.all`), one array a kind, found by the
/// record's type: a value, so a copy of the state is a snapshot. Changing an array in place does
/// not copy it here; it is copied only when a snapshot (the last saved state) still shares it.
struct ResourceTables: Sendable {
    private var storage: [ObjectIdentifier: any Sendable] = [:]

    /// Empty tables, one for each registered kind.
    init() {
        for kind in EmulatorResources.all { add(kind) }
    }

    private mutating func add<T: EmulatorResource>(_ kind: T.Type) { storage[ObjectIdentifier(kind)] = [T]() }

    /// A kind's records. A kind not in `EmulatorResources.all` has no table: a programming error,
    /// caught by the first test that touches it.
    subscript<T: EmulatorResource>(_ kind: T.Type) -> [T] {
        get {
            guard let records = storage[ObjectIdentifier(kind)] else { Self.unregistered(kind) }
            return records as! [T]
        }
        _modify {
            let key = ObjectIdentifier(kind)
            var records: [T]
            do {
                // Taken out of the dictionary, so that the array is held once and is changed in place.
                guard let boxed = storage.removeValue(forKey: key) else { Self.unregistered(kind) }
                records = boxed as! [T]
            }
            defer { storage[key] = records }
            yield &records
        }
    }

    private static func unregistered(_ kind: Any.Type) -> Never {
        fatalError("\(kind) is not registered in EmulatorResources.all")
    }
}
