import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import YAML

/// Manifests for live resources, so a team can start managing what it already has: the stack's
/// own resources (under their manifest names), and with `includeUnmanaged` the ones no stack
/// manages (under their live names, for `plan --adopt`). Planning the result shows no change for
/// the stack's own resources, and only the ownership tags of an adoption for the others.
public struct Export: Sendable {
    public var client: BedrockClient
    public var region: String
    public var concurrency: Int

    public init(client: BedrockClient, region: String, concurrency: Int = LiveStateReader.defaultConcurrency) {
        self.client = client
        self.region = region
        self.concurrency = concurrency
    }

    public struct Result: Sendable {
        public var documents: [YAMLValue]
        /// Resources that could not be exported, and why.
        public var warnings: [String]
    }

    /// Reads the account and writes the documents: a `kind: Stack` first, then throughputs,
    /// import jobs, deployments and inference profiles, each sorted by name.
    public func export(
        stack: String, includeUnmanaged: Bool, kinds: Set<ManifestResource.Kind> = Set(ManifestResource.Kind.allCases)
    ) async throws -> Result {
        let live = try await LiveStateReader(
            client: client, region: region, concurrency: concurrency, discovery: .full
        ).read(stack: stack)
        @Sendable func wanted(_ tags: [String: String]) -> Bool {
            let owner = tags[OwnershipTags.stackKey]
            return owner == stack || (includeUnmanaged && owner == nil)
        }
        var documents: [YAMLValue] = [Self.stackDocument(stack)]
        var warnings: [String] = []
        for kind in ManifestResource.Kind.allCases where kinds.contains(kind) {
            let exported = try await kind.unit.export(live, wanted: wanted, with: self)
            documents += exported.documents
            warnings += exported.warnings
        }
        return Result(documents: documents, warnings: warnings)
    }

    struct NotExportable: Error {
        var message: String
    }

    static func manifestName(_ tags: [String: String]) -> String? { tags[OwnershipTags.nameKey] }

    static func userTags(_ tags: [String: String]) -> [String: String] {
        tags.filter { !$0.key.hasPrefix(OwnershipTags.prefix) }
    }

    static func tagMapping(_ tags: [String: String]) -> YAMLValue {
        .mapping(tags.sorted { $0.key < $1.key }.map { YAMLValue.Entry($0.key, .string($0.value)) })
    }

    static func header(kind: String, name: String) -> [YAMLValue.Entry] {
        [
            .init("apiVersion", .string("bedrockctl/v1")), .init("kind", .string(kind)),
            .init("metadata", .mapping([.init("name", .string(name))])),
        ]
    }

    /// A document of `kind` named `name`: `spec`, then the user's tags (under `tagsKey`) when there are any.
    static func document(
        kind: ManifestResource.Kind, name: String, spec: [YAMLValue.Entry], tags: [String: String],
        tagsKey: String = "tags"
    )
        -> YAMLValue
    {
        var spec = spec
        let tags = userTags(tags)
        if !tags.isEmpty { spec.append(.init(tagsKey, tagMapping(tags))) }
        return .mapping(header(kind: kind.rawValue, name: name) + [.init("spec", .mapping(spec))])
    }

    static func stackDocument(_ stack: String) -> YAMLValue {
        .mapping(header(kind: StackDeclaration.kind, name: stack))
    }

    /// A foundation model by its id, as manifests usually name it; a custom model by its ARN.
    static func modelId(_ arn: String) -> String { BedrockARN(arn)?.foundationModelId ?? arn }
}
