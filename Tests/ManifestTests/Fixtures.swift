import Manifest
import YAML

enum Fixtures {
    static func load(_ text: String, file: String = "m.yaml") -> ManifestSet {
        ManifestLoader.load([ManifestInput(path: file, bytes: Array(text.utf8))])
    }

    /// A valid ProvisionedThroughput document with `specLines` appended to its spec.
    static func throughput(
        name: String = "pt", spec specLines: [String] = [], modelId: String? = "amazon.titan-text-express-v1:0:8k",
        units: String? = "1"
    ) -> String {
        var lines = [
            "apiVersion: bedrockctl/v1", "kind: ProvisionedThroughput", "metadata:", "  name: \(name)", "spec:",
        ]
        if let modelId { lines.append("  modelId: \(modelId)") }
        if let units { lines.append("  modelUnits: \(units)") }
        lines += specLines.map { "  " + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A valid ModelImportJob document with `extra` appended to its spec.
    static func importJob(name: String = "job", model: String = "imported", extra: [String] = []) -> String {
        ([
            "apiVersion: bedrockctl/v1", "kind: ModelImportJob", "metadata:", "  name: \(name)", "spec:",
            "  importedModelName: \(model)", "  roleArn: arn:aws:iam::111122223333:role/Import",
            "  modelDataSource: {s3DataSource: {s3Uri: \"s3://bucket/model/\"}}",
        ] + extra.map { "  " + $0 }).joined(separator: "\n") + "\n"
    }

    static func messages(_ set: ManifestSet) -> [String] { set.diagnostics.map(\.description) }
}
