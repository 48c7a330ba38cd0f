/// How a Provisioned Throughput is replaced when a change cannot be made in place
/// (`spec.replacement`).
public enum ReplacementStrategy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Delete the old throughput, then create the new one: no double billing and no extra quota,
    /// but no capacity until the new one is InService. The default.
    case destroyBeforeCreate = "DestroyBeforeCreate"
    /// Create the new throughput under a temporary name, wait for it to be InService, delete the
    /// old one, then rename the new one: capacity never drops, and both are billed in between.
    case createBeforeDestroy = "CreateBeforeDestroy"
}
