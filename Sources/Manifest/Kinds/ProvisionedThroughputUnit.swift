import BedrockConstraints
import YAML

/// Desired state of one Provisioned Throughput (`kind: ProvisionedThroughput`).
public struct ProvisionedThroughputSpec: Sendable, Hashable {
    /// `metadata.name`: the resource's stable identity within its stack.
    public var name: String
    /// The name sent to Bedrock; `spec.provisionedModelName`, or `name` when that is omitted.
    public var provisionedModelName: String
    public var modelId: String
    public var modelUnits: Int
    public var commitmentDuration: CommitmentDuration?
    public var tags: [String: String]
    /// `spec.replacement`: how a change that cannot be made in place is carried out.
    public var replacement: ReplacementStrategy
    /// `spec.smokeTest`: checked through the runtime after apply, and by `bedrockctl test`.
    public var smokeTest: SmokeTest?
    /// Where the document starts, for messages that point back at the manifest.
    public var source: Mark

    public init(
        name: String, provisionedModelName: String? = nil, modelId: String, modelUnits: Int,
        commitmentDuration: CommitmentDuration? = nil, tags: [String: String] = [:],
        replacement: ReplacementStrategy = .destroyBeforeCreate, smokeTest: SmokeTest? = nil, source: Mark
    ) {
        self.name = name
        self.provisionedModelName = provisionedModelName ?? name
        self.modelId = modelId
        self.modelUnits = modelUnits
        self.commitmentDuration = commitmentDuration
        self.tags = tags
        self.replacement = replacement
        self.smokeTest = smokeTest
        self.source = source
    }
}

extension ProvisionedThroughputSpec: ManifestSpec {
    public static var kind: ManifestResource.Kind { .provisionedThroughput }
    public var bedrockName: (field: String, value: String) { ("spec.provisionedModelName", provisionedModelName) }
}

extension ManifestResource {
    /// A resource of this kind.
    public static func provisionedThroughput(_ spec: ProvisionedThroughputSpec) -> ManifestResource {
        ManifestResource(spec)
    }
}

/// `kind: ProvisionedThroughput`: its fields, rules, schema and decoder.
enum ProvisionedThroughputUnit: ManifestKindUnit {
    static var kind: ManifestResource.Kind { .provisionedThroughput }
    static var kindName: String { kind.rawValue }
    static let specFields = KeySet([
        "provisionedModelName", "modelId", "modelUnits", "commitmentDuration", "tags", "replacement", "smokeTest",
    ])
    static let metadataName = StringRule(kindName, ["metadata", "name"], .provisionedModelName)
    static let provisionedModelName = StringRule(kindName, ["spec", "provisionedModelName"], .provisionedModelName)
    static let modelId = StringRule(kindName, ["spec", "modelId"], .modelIdentifier)
    /// `spec.modelUnits`: an integer, at least this.
    static let minModelUnits = BedrockLimits.minModelUnits
    /// `spec.commitmentDuration`: one of these, or absent for no commitment.
    static let commitmentDurations = CommitmentDuration.allCases.map(\.rawValue)
    /// `spec.replacement`: one of these; absent means the first.
    static let replacementStrategies = ReplacementStrategy.allCases.map(\.rawValue)
    static var strings: [StringRule] { [metadataName, provisionedModelName, modelId] }
    static var tagFields: [[String]] { [["spec", "tags"]] }

    static var schema: OrderedJSON {
        ManifestSchema.resource(
            ManifestSchema.metadata(
                metadataName,
                "Identity in the stack; also the provisioned model name "
                    + "when spec.provisionedModelName is absent. Keep it stable: it is not sent as a rename."),
            spec: specSchema, required: ["metadata", "spec"])
    }

    static var specSchema: OrderedJSON {
        let provisionable = FoundationModelCatalog.all.filter(\.supportsProvisioned).map {
            OrderedJSON.string($0.modelId)
        }
        let modelId =
            ManifestSchema.string(
                modelId,
                "The model: a provisionable foundation model id (…:0:8k style), a custom model name, or a "
                    + "foundation-model or custom-model ARN."
            ).adding(.object([("examples", .array(provisionable))]))
        return ManifestSchema.object(
            specFields, required: ["modelId", "modelUnits"], nullable: false,
            [
                "provisionedModelName": ManifestSchema.string(
                    provisionedModelName,
                    "The name sent to Bedrock; defaults to metadata.name. Change it to rename in place.",
                    optional: true),
                "modelId": modelId,
                "modelUnits": .object([
                    ("description", "Model units to buy."), ("type", "integer"),
                    ("minimum", .int(minModelUnits)),
                ]),
                "commitmentDuration": ManifestSchema.choice(
                    commitmentDurations, "The commitment term; omit it for no commitment."),
                "tags": ManifestSchema.tags,
                "replacement": ManifestSchema.choice(
                    replacementStrategies,
                    "How a change that cannot be made in place is carried out.",
                    default: replacementStrategies[0]),
                "smokeTest": ManifestSchema.smokeTest,
            ])
    }

    static func decode(
        metadata: MappingReader?, spec: MappingReader?, source: Mark, log: inout DiagnosticLog
    ) -> ManifestResource? {
        let name = metadata?.string(Self.metadataName, required: true, log: &log)
        guard let spec else { return nil }
        let modelName = spec.string(Self.provisionedModelName, required: false, log: &log)
        let modelId = spec.string(Self.modelId, required: true, log: &log)
        if let modelId, let mark = spec.field("modelId")?.mark {
            ModelIdCheck.warnIfUnknown(modelId, path: spec.fieldPath("modelId"), at: mark, log: &log)
            ModelIdCheck.checkRegion(of: modelId, path: spec.fieldPath("modelId"), at: mark, log: &log)
        }
        var units: Int?
        if let (value, mark) = spec.int("modelUnits", required: true, log: &log) {
            if value < Self.minModelUnits {
                log.error(
                    "\(spec.fieldPath("modelUnits")): must be at least \(Self.minModelUnits), got \(value)",
                    at: mark)
            } else {
                units = value
            }
        }
        var commitment: CommitmentDuration?
        if let text = spec.string("commitmentDuration", required: false, log: &log) {
            commitment = CommitmentDuration(rawValue: text)
            if commitment == nil {
                let options = CommitmentDuration.allCases.map(\.rawValue)
                log.error(
                    "\(spec.fieldPath("commitmentDuration")): \"\(text)\" is not a commitment "
                        + "duration\(Suggestion.hint(for: text, in: options)) (omit the field for no commitment)",
                    at: spec.field("commitmentDuration")!.mark)
            }
        }
        var replacement = ReplacementStrategy.destroyBeforeCreate
        if let text = spec.string("replacement", required: false, log: &log) {
            if let strategy = ReplacementStrategy(rawValue: text) {
                replacement = strategy
            } else {
                let options = ReplacementStrategy.allCases.map(\.rawValue)
                log.error(
                    "\(spec.fieldPath("replacement")): \"\(text)\" is not a replacement "
                        + "strategy\(Suggestion.hint(for: text, in: options)) "
                        + "(\(options.joined(separator: " or ")))", at: spec.field("replacement")!.mark)
            }
        }
        let tags = TagReader.read(spec, "tags", log: &log)
        let smokeTest = SmokeTest.read(spec, log: &log)
        guard let name, let modelId, let units else { return nil }
        return .provisionedThroughput(
            ProvisionedThroughputSpec(
                name: name, provisionedModelName: modelName, modelId: modelId, modelUnits: units,
                commitmentDuration: commitment, tags: tags, replacement: replacement, smokeTest: smokeTest,
                source: source))
    }
}
