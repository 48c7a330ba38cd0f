import Crypto
import Foundation
import Manifest

/// Deterministic names and tokens: the same stack, resource, desired spec and generation always
/// give the same `clientRequestToken`, so a retry, a second CI run racing the first, or a re-run
/// after a crash never creates a duplicate.
enum Tokens {
    static func hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    /// The SHA-256 of `data` in lower-case hex.
    static func sha256Hex(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// `generation` tells a replacement's create from the original one (the ARN it replaces).
    static func clientRequestToken(
        stack: String, kind: ManifestResource.Kind, name: String, spec: String, generation: String
    ) -> String {
        "bctl-" + hex("\(stack)\n\(kind.rawValue)\n\(name)\n\(spec)\n\(generation)").prefix(48)
    }

    static func throughputSpec(_ pt: ProvisionedThroughputSpec) -> String {
        "\(pt.provisionedModelName)|\(pt.modelId)|\(pt.modelUnits)|\(pt.commitmentDuration?.rawValue ?? "-")"
    }

    static func importSpec(_ job: ModelImportJobSpec) -> String {
        "\(job.importedModelName)|\(job.roleArn)|\(job.s3Uri)|\(job.importedModelKmsKeyId ?? "-")"
            + "|\(job.vpcConfig.map { "\($0.subnetIds)\($0.securityGroupIds)" } ?? "-")"
    }

    /// A digest of every desired resource, tags included: a saved plan is stale once it changes.
    public static func manifestDigest(_ resources: [ManifestResource]) -> String {
        hex(resources.map { $0.kind.unit.digestLine($0) }.sorted().joined(separator: "\n"))
    }
}
