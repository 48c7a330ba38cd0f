/// One kind of record a live read finds, kept in `LiveState` by its type. A kind's unit names its
/// records (`ReconcilerKindUnit.liveRecords`); the state, its digest and its equality go through
/// that list.
public protocol LiveRecord: Sendable, Codable, Hashable {
    /// Its member in the live state's JSON, from which the digest is made.
    static var stateKey: String { get }
    var arn: String { get }
}
