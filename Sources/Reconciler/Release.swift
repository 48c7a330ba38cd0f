import Manifest

/// Stop managing a resource without deleting it (Terraform's `state rm`, Crossplane's orphan
/// policy): the untagging of its ownership tags, found by stack and manifest name.
public struct Release: Sendable, Hashable {
    /// One live resource to untag: what it is, and its ARN.
    public struct Target: Sendable, Hashable {
        public var description: String
        public var arn: String
    }

    public var targets: [Target]

    public enum Problem: Error, Sendable, Hashable, CustomStringConvertible {
        case badTarget(String)
        case notFound(kind: String, name: String, stack: String)

        public var description: String {
            switch self {
            case .badTarget(let text):
                let kinds = PlanAction.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                return "expected KIND/NAME with KIND one of \(kinds), got '\(text)'"
            case .notFound(let kind, let name, let stack):
                return "no live \(kind) is managed as \(name) by stack \(stack)"
            }
        }
    }

    /// What releasing `target` (`KIND/NAME`, NAME the manifest's `metadata.name`) from `stack`
    /// untags: a throughput; or an import job and the imported model it made.
    public init(_ target: String, stack: String, live: LiveState) throws(Problem) {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw .badTarget(target) }
        let (kind, name) = (parts[0], parts[1])
        func owned(_ tags: [String: String]) -> Bool {
            tags[OwnershipTags.stackKey] == stack && tags[OwnershipTags.nameKey] == name
        }
        guard let typed = PlanAction.Kind(rawValue: kind) else { throw .badTarget(target) }
        targets = typed.unit.tagged(live).filter { owned($0.tags) }.map {
            Target(description: $0.description, arn: $0.arn)
        }
        guard !targets.isEmpty else { throw .notFound(kind: kind, name: name, stack: stack) }
    }
}
