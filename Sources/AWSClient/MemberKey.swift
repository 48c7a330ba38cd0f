/// A JSON member whose name is known only at run time: a kind's table in a state file, a plan
/// step's call. One coding key for every container keyed by such names.
public struct MemberKey: CodingKey, Sendable, Hashable {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
