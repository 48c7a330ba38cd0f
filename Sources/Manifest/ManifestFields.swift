import YAML

/// The fields each mapping of a manifest takes, in the order the format documents them.
enum ManifestFields {
    static let document = KeySet(["apiVersion", "kind", "metadata", "spec"])
    static let metadata = KeySet(["name"])
    static let smokeTest = KeySet(["body", "contentType", "accept", "stream", "contains"])
}
