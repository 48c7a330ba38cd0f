import AWSClient
import Foundation
import Manifest

/// One API call of an action: a value of one kind's step type (`ThroughputStep`, …), or of
/// `TagStep` for the tag calls every kind shares. A plan keeps steps as plain data; the step
/// carries itself out (`PlanStep.perform`).
///
/// Encoded as an object with one member, the call, whose value holds the call's arguments
/// (`{"deleteThroughput": {"target": "arn:…"}}`): each step type spells its keys out, and
/// `schemas/plan-v1.schema.json`'s steps are generated from their `calls`. A saved plan's step is
/// decoded by the step type that has its call, found through the kinds' units (and `TagStep`).
public struct Step: Codable, Sendable, Hashable, CustomStringConvertible {
    let call: any PlanStep

    init(_ call: some PlanStep) { self.call = call }

    /// The step as `type`, or nil if it is another kind's.
    func `as`<T: PlanStep>(_ type: T.Type) -> T? { call as? T }

    /// The kind whose step it is; nil for the calls every kind shares (tags).
    var kind: PlanAction.Kind? { type(of: call).kind }

    public var description: String { "\(call)" }

    /// Every step type: each kind's, then the shared tag calls.
    static let types: [any PlanStep.Type] = PlanAction.Kind.allCases.map { $0.unit.steps } + [TagStep.self]

    /// The step type of each call, by its key.
    static let typesByCall: [String: any PlanStep.Type] = Dictionary(
        types.flatMap { type in type.calls.map { ($0.name, type) } }, uniquingKeysWith: { first, _ in first })

    public init(from decoder: Decoder) throws {
        // Members that name no call are ignored, as unknown members are everywhere in a plan.
        let container = try decoder.container(keyedBy: MemberKey.self)
        let calls = container.allKeys.map(\.stringValue).filter { Self.typesByCall[$0] != nil }.sorted()
        guard let name = calls.first, let type = Self.typesByCall[name] else {
            let members = container.allKeys.map(\.stringValue).sorted()
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a step names no call (its members: \(members)); the calls are "
                        + Self.typesByCall.keys.sorted().joined(separator: ", ")))
        }
        guard calls.count == 1 else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "a step is one call; this one names \(calls.count) (\(calls))"))
        }
        call = try type.init(from: decoder)
    }

    public func encode(to encoder: Encoder) throws { try call.encode(to: encoder) }

    public static func == (lhs: Step, rhs: Step) -> Bool { AnyHashable(lhs.call) == AnyHashable(rhs.call) }

    public func hash(into hasher: inout Hasher) { AnyHashable(call).hash(into: &hasher) }
}

extension Step {
    /// The schema's `$defs.step`: one entry per call of every step type, generated from their
    /// `calls`; `schemas/plan-v1.schema.json` holds it as generated (the schema test checks).
    static var schema: OrderedJSON { .object([("oneOf", .array(types.flatMap { $0.calls.map(\.schema) }))]) }
}
