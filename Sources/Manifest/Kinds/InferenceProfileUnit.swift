import BedrockConstraints
import YAML

/// Desired state of one application inference profile (`kind: InferenceProfile`): a team's own
/// handle on a foundation model or a system-defined inference profile, for tracking the cost and
/// use of its on-demand calls. Immutable but for its tags: any other change is a replacement.
public struct InferenceProfileSpec: Sendable, Hashable {
    /// `metadata.name`: identity in the stack.
    public var name: String
    /// `spec.inferenceProfileName`, or `metadata.name` when absent.
    public var inferenceProfileName: String
    /// `spec.modelSource.copyFrom`: a foundation model's or a system inference profile's ARN.
    public var copyFrom: String
    public var description: String?
    public var tags: [String: String]
    public var smokeTest: SmokeTest?
    public var source: Mark

    public init(
        name: String, inferenceProfileName: String? = nil, copyFrom: String, description: String? = nil,
        tags: [String: String] = [:], smokeTest: SmokeTest? = nil, source: Mark
    ) {
        self.name = name
        self.inferenceProfileName = inferenceProfileName ?? name
        self.copyFrom = copyFrom
        self.description = description
        self.tags = tags
        self.smokeTest = smokeTest
        self.source = source
    }
}

extension InferenceProfileSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .inferenceProfile }
    public var bedrockName: (field: String, value: String) { ("spec.inferenceProfileName", inferenceProfileName) }
}

enum InferenceProfileUnit: ManifestKindUnit {
    static var kind: ManifestResource.Kind { .inferenceProfile }
    static let specFields = KeySet(["inferenceProfileName", "modelSource", "description", "tags", "smokeTest"])
    static let modelSourceFields = KeySet(["copyFrom"])
    static var kindName: String { kind.rawValue }
    static let metadataName = StringRule(kindName, ["metadata", "name"], .inferenceProfileName)
    static let profileName = StringRule(kindName, ["spec", "inferenceProfileName"], .inferenceProfileName)
    static let copyFrom = StringRule(kindName, ["spec", "modelSource", "copyFrom"], .inferenceProfileModelSourceArn)
    static let description = StringRule(kindName, ["spec", "description"], .inferenceProfileDescription)
    static var strings: [StringRule] { [metadataName, profileName, copyFrom, description] }
    static var tagFields: [[String]] { [["spec", "tags"]] }

    static var schema: OrderedJSON {
        ManifestSchema.resource(
            ManifestSchema.metadata(
                metadataName, "Identity in the stack; also the profile's name when spec.inferenceProfileName is absent."
            ),
            spec: ManifestSchema.object(
                specFields, required: ["modelSource"], nullable: false,
                [
                    "inferenceProfileName": ManifestSchema.string(
                        profileName, "The name sent to Bedrock; defaults to metadata.name. A change replaces it.",
                        optional: true),
                    "modelSource": ManifestSchema.object(
                        modelSourceFields, required: ["copyFrom"], nullable: false,
                        [
                            "copyFrom": ManifestSchema.string(
                                copyFrom,
                                "The foundation model or system-defined inference profile whose models the profile "
                                    + "routes to; a change replaces it.")
                        ]),
                    "description": ManifestSchema.string(
                        description, "What the profile is for; a change replaces it.", optional: true),
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
        let profileName = spec.string(profileName, required: false, log: &log)
        var sourceArn: String?
        if let model = spec.mapping("modelSource", fields: modelSourceFields, required: true, log: &log) {
            sourceArn = model.string(copyFrom, required: true, log: &log)
            if let sourceArn, let mark = model.field("copyFrom")?.mark {
                ModelIdCheck.checkRegion(of: sourceArn, path: model.fieldPath("copyFrom"), at: mark, log: &log)
            }
        }
        let text = spec.string(description, required: false, log: &log)
        let tags = TagReader.read(spec, "tags", log: &log)
        let smokeTest = SmokeTest.read(spec, log: &log)
        guard let name, let sourceArn else { return nil }
        return .inferenceProfile(
            InferenceProfileSpec(
                name: name, inferenceProfileName: profileName, copyFrom: sourceArn, description: text, tags: tags,
                smokeTest: smokeTest, source: source))
    }
}

extension ManifestResource {
    /// A resource of this kind.
    public static func inferenceProfile(_ spec: InferenceProfileSpec) -> ManifestResource { ManifestResource(spec) }
}
