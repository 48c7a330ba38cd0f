import Manifest

/// The names the manifests give their resources in the account: a live resource with one of them
/// matters to the plan whoever owns it (a conflict, an adoption, or the stack's own resource that
/// the tagging index does not list yet). Each kind's unit says which names its resources want
/// (`ReconcilerKindUnit.wantedNames`) and looks them up in its own `list`.
public struct WantedNames: Sendable, Hashable {
    private var names: [PlanAction.Kind: Set<String>] = [:]

    public init() {}

    public init(_ resources: [ManifestResource]) {
        for resource in resources {
            names[resource.kind, default: []].formUnion(resource.kind.unit.wantedNames(of: resource))
        }
    }

    /// What `kind`'s unit made of the manifests' resources of that kind.
    func of(_ kind: PlanAction.Kind) -> Set<String> { names[kind] ?? [] }
}
