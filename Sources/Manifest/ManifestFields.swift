import YAML

/// The fields of the mappings every kind shares (the document, its metadata, a smoke test), in the
/// order the format documents them; each kind's spec fields are in its unit under `Kinds/`.
enum ManifestFields {
    static let document = KeySet(["apiVersion", "kind", "metadata", "spec"])
    static let metadata = KeySet(["name"])
    static let smokeTest = KeySet(["prompt", "body", "contentType", "accept", "stream", "contains"])
}
