import BedrockConstraints
import YAML

/// Desired state of one custom model deployment (`kind: CustomModelDeployment`): on-demand
/// serving of a custom model. Its model changes in place; its name or description, by
/// replacement.
public struct CustomModelDeploymentSpec: Sendable, Hashable {
    /// `metadata.name`: identity in the stack.
    public var name: String
    /// `spec.modelDeploymentName`, or `metadata.name` when absent.
    public var modelDeploymentName: String
    public var modelArn: String
    public var description: String?
    public var tags: [String: String]
    public var smokeTest: SmokeTest?
    public var source: Mark

    public init(
        name: String, modelDeploymentName: String? = nil, modelArn: String, description: String? = nil,
        tags: [String: String] = [:], smokeTest: SmokeTest? = nil, source: Mark
    ) {
        self.name = name
        self.modelDeploymentName = modelDeploymentName ?? name
        self.modelArn = modelArn
        self.description = description
        self.tags = tags
        self.smokeTest = smokeTest
        self.source = source
    }
}

extension CustomModelDeploymentSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .customModelDeployment }
    public var bedrockName: (field: String, value: String) { ("spec.modelDeploymentName", modelDeploymentName) }
}

enum CustomModelDeploymentUnit: ManifestKindUnit {
    static var kind: ManifestResource.Kind { .customModelDeployment }
    static let specFields = KeySet(["modelDeploymentName", "modelArn", "description", "tags", "smokeTest"])
    static var kindName: String { kind.rawValue }
    static let metadataName = StringRule(kindName, ["metadata", "name"], .modelDeploymentName)
    static let deploymentName = StringRule(kindName, ["spec", "modelDeploymentName"], .modelDeploymentName)
    static let modelArn = StringRule(kindName, ["spec", "modelArn"], .customModelArn)
    static let description = StringRule(kindName, ["spec", "description"], .customModelDeploymentDescription)
    static var strings: [StringRule] { [metadataName, deploymentName, modelArn, description] }
    static var tagFields: [[String]] { [["spec", "tags"]] }

    static var schema: OrderedJSON {
        ManifestSchema.resource(
            ManifestSchema.metadata(
                metadataName,
                "Identity in the stack; also the deployment's name when spec.modelDeploymentName is absent."),
            spec: ManifestSchema.object(
                specFields, required: ["modelArn"], nullable: false,
                [
                    "modelDeploymentName": ManifestSchema.string(
                        deploymentName, "The name sent to Bedrock; defaults to metadata.name. A change replaces it.",
                        optional: true),
                    "modelArn": ManifestSchema.string(
                        modelArn, "The custom model to serve on demand; a change is made in place."),
                    "description": ManifestSchema.string(
                        description, "What the deployment is for; a change replaces it.", optional: true),
                    "tags": ManifestSchema.tags,
                    "smokeTest": ManifestSchema.smokeTest,
                ]),
            required: ["metadata", "spec"])
    }

    static func decode(
        metadata: MappingReader?, spec: MappingReader?, source: Mark, log: inout DiagnosticLog
    ) -> ManifestResource? {
        let name = metadata?.string(metadataName, required: true, log: &log)
        guard let spec else { return nil }
        let deploymentName = spec.string(deploymentName, required: false, log: &log)
        let model = spec.string(modelArn, required: true, log: &log)
        if let model, let mark = spec.field("modelArn")?.mark {
            ModelIdCheck.checkRegion(of: model, path: spec.fieldPath("modelArn"), at: mark, log: &log)
        }
        let text = spec.string(description, required: false, log: &log)
        let tags = TagReader.read(spec, "tags", log: &log)
        let smokeTest = SmokeTest.read(spec, log: &log)
        guard let name, let model else { return nil }
        return .customModelDeployment(
            CustomModelDeploymentSpec(
                name: name, modelDeploymentName: deploymentName, modelArn: model, description: text, tags: tags,
                smokeTest: smokeTest, source: source))
    }
}

extension ManifestResource {
    /// A resource of this kind.
    public static func customModelDeployment(_ spec: CustomModelDeploymentSpec) -> ManifestResource {
        ManifestResource(spec)
    }
}
