import AWSClient
import Foundation
import Manifest

/// A live resource found by its Bedrock name and owned through its tags.
public protocol NamedLiveResource: Sendable {
    var arn: String { get }
    var name: String { get }
    var tags: [String: String] { get }
}

/// One field of a resource as the manifest wants it and as it is: changed in place, or by
/// replacing the resource.
struct FieldDiff: Sendable, Hashable {
    var field: String
    var before: String?
    var after: String?
    var inPlace: Bool

    var differs: Bool { before != after }
}

/// A resource kind whose whole reconcile logic is this: found by its Bedrock name, owned through
/// the ownership tags, compared field by field, each field changed in place or by replacement,
/// its tags kept equal to the manifest's, pruned when gone from the manifests. The planner runs
/// every such kind through `Planner.planNamed`; each kind's folder holds its conformance, its
/// steps' execution (`Executor`), its live read and its export.
protocol NamedResourceKind {
    associatedtype Spec: ManifestSpec
    associatedtype Live: NamedLiveResource
    /// The kind's calls.
    associatedtype Call: PlanStep

    static var kind: PlanAction.Kind { get }
    /// What one is called in messages: "custom model deployment".
    static var noun: String { get }
    static func live(in state: LiveState) -> [Live]
    static func name(of spec: Spec) -> String
    static func bedrockName(of spec: Spec) -> String
    static func tags(of spec: Spec) -> [String: String]
    /// The spec's fields against the live resource's.
    static func fields(of spec: Spec, live: Live?) -> [FieldDiff]
    /// What the token of a create is made from: every field that a create sends.
    static func tokenSpec(_ spec: Spec) -> String
    static func createSteps(_ spec: Spec, tags: [String: String], token: String) -> [Call]
    /// The steps that make the in-place fields of `live` equal the spec's.
    static func updateSteps(_ spec: Spec, live: Live) -> [Call]
    static func deleteSteps(_ live: Live) -> [Call]
    /// Why the live resource is broken (Failed): it is replaced without `--allow-replace`.
    static func failure(of live: Live) -> String?
    /// A status apply must wait out before it can change the resource (Creating), and the steps that wait.
    static func pending(_ live: Live) -> (status: String, steps: [Call])?
}

extension NamedResourceKind {
    static var kind: PlanAction.Kind { Spec.kind }
    static func name(of spec: Spec) -> String { spec.name }
    static func bedrockName(of spec: Spec) -> String { spec.bedrockName.value }
    static func actionId(_ name: String) -> String { Planner.actionId(kind, name) }
}

/// A named kind's reconcile unit: the shared planner, and an export of its own.
protocol NamedReconcilerKind: NamedResourceKind, ReconcilerKindUnit {
    /// The kind's spec, when `resource` is of the kind.
    static func spec(of resource: ManifestResource) -> Spec?
    /// What starts the kind's lines in the manifests' digest ("CMD").
    static var digestPrefix: String { get }
}

extension NamedReconcilerKind {
    static func plan(
        _ desired: [ManifestResource], live: LiveState, planner: Planner, into draft: inout Planner.Draft
    ) {
        planner.planNamed(Self.self, desired.compactMap(spec), live: live, into: &draft)
    }

    static func spec(of resource: ManifestResource) -> Spec? { resource.spec(Spec.self) }

    static var steps: any PlanStep.Type { Call.self }

    static func owned(_ live: LiveState) -> [(arn: String, tags: [String: String])] {
        Self.live(in: live).map { ($0.arn, $0.tags) }
    }

    static func wantedNames(of resource: ManifestResource) -> Set<String> {
        spec(of: resource).map { [bedrockName(of: $0)] } ?? []
    }

    static func tagged(_ live: LiveState) -> [(description: String, name: String, arn: String, tags: [String: String])]
    {
        Self.live(in: live).map { ("\(noun) \($0.name)", $0.name, $0.arn, $0.tags) }
    }

    static func digestLine(_ resource: ManifestResource) -> String {
        guard let spec = spec(of: resource) else { return "" }
        return "\(digestPrefix) \(name(of: spec)) \(tokenSpec(spec)) \(tags(of: spec).sorted { $0.key < $1.key })"
    }
}
