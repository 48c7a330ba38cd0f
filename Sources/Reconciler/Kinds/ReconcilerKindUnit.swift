import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import YAML

/// One resource kind's reconcile half: how its desired resources are planned (and what the stack
/// owns of it but no longer declares), how they are read live, its step type (whose values
/// carry themselves out), its count quota, and how its live resources are exported as
/// manifests. The planner, the live read, the executor (for `madeMeanwhile`), `Step`'s
/// decoding, `QuotaCheck` and `Export` iterate the kinds through `PlanAction.Kind.unit`, the one
/// registration: its switch makes a new kind a compile error until it has a unit. The kind's
/// code lives in its folder under `Kinds/`.
protocol ReconcilerKindUnit: SendableMetatype {
    static var kind: PlanAction.Kind { get }
    /// Plans `desired` (the manifests' resources of this kind), then the prune of the stack's others.
    static func plan(_ desired: [ManifestResource], live: LiveState, planner: Planner, into draft: inout Planner.Draft)
    /// Orders the kind's actions among themselves once every kind has planned; most kinds need nothing.
    static func order(_ draft: inout Planner.Draft, live: LiveState, planner: Planner)
    /// Its resource types as the Resource Groups Tagging API names them (`bedrock:provisioned-model`).
    static var taggingTypes: [String] { get }
    /// The names in the account that `resource` (of the kind) wants read whoever owns them, in
    /// whatever form the kind's `list` looks them up.
    static func wantedNames(of resource: ManifestResource) -> Set<String>
    /// Lists the kind's live resources, at Bedrock's largest page; `wanted` is what `wantedNames` gave.
    static func list(_ client: BedrockClient, wanted: Set<String>) async throws -> KindListing
    /// What is read of one of the kind's resources beside its tags, found by the tagging API or the
    /// lists; the kind's listing takes it back with `ReadDetails.detail`. Most kinds need nothing.
    static func detail(
        of arn: String, tags: [String: String], stack: String, client: BedrockClient
    ) async throws -> (any Sendable)?
    /// Completes the state once every kind is read (reads the lists leave out); most kinds need nothing.
    static func complete(_ state: inout LiveState, stack: String, reader: LiveStateReader) async throws
    /// The names `get` takes for the kind's rows (`throughputs`; `import-jobs` and `imported-models`).
    static var getKinds: [String] { get }
    /// The kind's live resources as `get` shows them, each under one of `getKinds`.
    static func rows(_ live: LiveState) -> [(getKind: String, row: LiveRow)]
    /// The tags of the kind's resources that own what the manifests name (for the renamed-stack warning).
    static func owned(_ live: LiveState) -> [(arn: String, tags: [String: String])]
    /// Every live resource of the kind, as `release` names it ("throughput NAME"), its name as
    /// `wantedNames` spells names, and its tags.
    static func tagged(_ live: LiveState) -> [(description: String, name: String, arn: String, tags: [String: String])]
    /// The line `resource` (of the kind) adds to the manifests' digest: everything it is planned from.
    static func digestLine(_ resource: ManifestResource) -> String
    /// The ARN that answers `resource`'s smoke test, once it can; a kind without one says so.
    static func invocable(
        _ resource: ManifestResource, bedrock: BedrockClient
    ) async throws -> Result<String, SmokeTestRunner.NotReady>
    /// The records its live read keeps in `LiveState`, each a table of its own.
    static var liveRecords: [any LiveRecord.Type] { get }
    /// Whether another apply made `action`'s change meanwhile, once one of its steps failed; most
    /// kinds cannot tell, and the failure stands.
    static func madeMeanwhile(_ action: PlanAction, executor: Executor) async -> Bool
    /// Its calls: the values its actions' steps hold, which carry themselves out.
    static var steps: any PlanStep.Type { get }
    /// The quotas on how many of the kind an account may have in a region, and how many count
    /// against each; empty for a kind without one. Its steps' `createsOne` and `deletesOne`
    /// count against them.
    static func countQuotas(_ live: LiveState) -> [QuotaCheck.CountUse]
    /// Manifests for the live resources `wanted` keeps, sorted by name, and why any was left out.
    static func export(
        _ live: LiveState, wanted: @Sendable ([String: String]) -> Bool, with export: Export
    ) async throws -> (documents: [YAMLValue], warnings: [String])
}

extension ReconcilerKindUnit {
    static func detail(
        of arn: String, tags: [String: String], stack: String, client: BedrockClient
    ) async throws -> (any Sendable)? { nil }

    static func complete(_ state: inout LiveState, stack: String, reader: LiveStateReader) async throws {}

    static func order(_ draft: inout Planner.Draft, live: LiveState, planner: Planner) {}

    static func madeMeanwhile(_ action: PlanAction, executor: Executor) async -> Bool { false }

    static func countQuotas(_ live: LiveState) -> [QuotaCheck.CountUse] { [] }
}

extension PlanAction.Kind {
    /// The kind's reconcile unit: the one place a kind is registered.
    var unit: any ReconcilerKindUnit.Type {
        switch self {
        case .provisionedThroughput: return ThroughputKind.self
        case .modelImportJob: return ImportJobKind.self
        case .customModelDeployment: return DeploymentKind.self
        case .inferenceProfile: return InferenceProfileKind.self
        }
    }
}
