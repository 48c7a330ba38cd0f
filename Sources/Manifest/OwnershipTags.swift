/// The tags bedrockctl puts on every resource it manages, tying a live resource to its stack and
/// to the manifest's `metadata.name`. Manifests may not set them, and they count against the
/// service's tag quota.
public enum OwnershipTags {
    public static let prefix = "bedrockctl:"
    public static let stackKey = "bedrockctl:stack"
    public static let nameKey = "bedrockctl:name"
    public static let all = [stackKey, nameKey]
}
