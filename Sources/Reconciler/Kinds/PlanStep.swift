import Manifest

/// The API calls of one resource kind (or the tag calls every kind shares), as steps of a plan.
/// A kind's unit names its step type (`ReconcilerKindUnit.steps`); `Step` holds a value of it.
///
/// A conforming enum has one case per call, named as the call's key in the plan's JSON, and
/// spells its keys out (`CodingKeys` and one `…CodingKeys` per case): they are part of the
/// plan's format. Its `calls` describe the same keys for the schema, which is generated from
/// them; the schema tests validate real plans holding every call against it, so the two must agree.
protocol PlanStep: Codable, Sendable, Hashable {
    /// The kind that owns the calls; nil for the tag calls every kind shares.
    static var kind: PlanAction.Kind? { get }
    /// Each call: its key, what it does, its arguments; in the order the schema lists them.
    static var calls: [StepCall] { get }
    /// Makes the call; returns the ARN of a resource it created. `arn` is the action's resource when known.
    func perform(with executor: Executor, for id: String, arn: String?) async throws -> String?
    /// How the call changes what counts against the account's quotas; nil for most calls.
    var quotaUse: QuotaCheck.Use? { get }
    /// Why Bedrock would refuse the call, asked before anything is applied; nil for most calls.
    func refusal(_ rules: inout ServiceRuleCheck) async -> String?
}

extension PlanStep {
    var quotaUse: QuotaCheck.Use? { nil }
    func refusal(_ rules: inout ServiceRuleCheck) async -> String? { nil }
}
