import BedrockConstraints
import Testing

@testable import Manifest

/// The schema says what the validator checks: each rule of `ManifestRules` appears in the
/// schema, and each is one the validator enforces where the table says.
@Suite struct ManifestSchemaTests {
    static let schema = ManifestSchema.document

    /// The subschema a rule's path leads to, from its kind's definition.
    static func subschema(_ rule: StringRule) -> OrderedJSON? {
        var node = schema["$defs"]?[rule.kind]
        for step in rule.path {
            switch step {
            case .field(let name): node = node?["properties"]?[name]
            case .item: node = node?["items"]
            case .anyKey: node = node?["propertyNames"]
            case .anyValue: node = node?["additionalProperties"]
            }
        }
        return node
    }

    @Test(arguments: ManifestRules.strings)
    func everyStringRuleIsInTheSchema(_ rule: StringRule) throws {
        let node = try #require(Self.subschema(rule), "no schema at \(rule)")
        let constraint = rule.constraint
        #expect(node["minLength"] == (constraint.minLength > 0 ? .int(constraint.minLength) : nil))
        #expect(node["maxLength"] == .int(constraint.maxLength))
        #expect(node["pattern"] == constraint.pattern.map { .string(SchemaPattern.ecma($0)) })
        #expect(node["$comment"] == .string("Bedrock shape \(constraint.shape)"))
    }

    @Test func everyShapeTheDecoderUsesHasARule() {
        let shapes = Set(ManifestRules.strings.map(\.constraint.shape))
        let expected: Set = [
            "ProvisionedModelName", "ModelIdentifier", "JobName", "ImportedModelName", "RoleArn", "S3Uri", "KmsKeyId",
            "SubnetId", "SecurityGroupId", "StackName", "TagKey", "TagValue", "ModelDeploymentName", "CustomModelArn",
            "CustomModelDeploymentDescription", "InferenceProfileName", "InferenceProfileModelSourceArn",
            "InferenceProfileDescription",
        ]
        #expect(shapes == expected)
    }

    /// A valid document of each kind, with every field a rule names.
    static func valid(_ kind: String) -> OrderedJSON {
        let head: [(String, OrderedJSON)] = [("apiVersion", .string(ManifestAPI.version)), ("kind", .string(kind))]
        switch kind {
        case ProvisionedThroughputUnit.kindName:
            return .object(
                head + [
                    ("metadata", .object([("name", "pt")])),
                    (
                        "spec",
                        .object([
                            ("provisionedModelName", "pt-prod"), ("modelId", "amazon.titan-text-express-v1:0:8k"),
                            ("modelUnits", 1), ("tags", .object([("k", "v")])),
                        ])
                    ),
                ])
        case ModelImportJobUnit.kindName:
            return .object(
                head + [
                    ("metadata", .object([("name", "job")])),
                    (
                        "spec",
                        .object([
                            ("importedModelName", "m"), ("roleArn", "arn:aws:iam::111122223333:role/Import"),
                            ("modelDataSource", .object([("s3DataSource", .object([("s3Uri", "s3://bucket/m/")]))])),
                            ("importedModelKmsKeyId", "alias/models"),
                            ("vpcConfig", .object([("subnetIds", ["subnet-1"]), ("securityGroupIds", ["sg-1"])])),
                            ("jobTags", .object([("k", "v")])), ("importedModelTags", .object([("k", "v")])),
                        ])
                    ),
                ])
        case ManifestResource.Kind.customModelDeployment.rawValue:
            return .object(
                head + [
                    ("metadata", .object([("name", "dep")])),
                    (
                        "spec",
                        .object([
                            ("modelDeploymentName", "dep-prod"),
                            (
                                "modelArn",
                                .string(
                                    "arn:aws:bedrock:us-east-1:111122223333:custom-model/"
                                        + "amazon.titan-text-express-v1:0:8k/abcdef123456")
                            ),
                            ("description", "on demand"), ("tags", .object([("k", "v")])),
                        ])
                    ),
                ])
        case ManifestResource.Kind.inferenceProfile.rawValue:
            return .object(
                head + [
                    ("metadata", .object([("name", "profile")])),
                    (
                        "spec",
                        .object([
                            ("inferenceProfileName", "team a"),
                            (
                                "modelSource",
                                .object([
                                    (
                                        "copyFrom",
                                        .string(
                                            "arn:aws:bedrock:us-east-1::foundation-model/"
                                                + "anthropic.claude-3-haiku-20240307-v1:0")
                                    )
                                ])
                            ),
                            ("description", "team a"), ("tags", .object([("k", "v")])),
                        ])
                    ),
                ])
        default:
            return .object(head + [("metadata", .object([("name", "stack")]))])
        }
    }

    /// `document` with `value` at `path`: a field's value, a list of that one item, a mapping
    /// with that one key, or a mapping with that one value.
    static func replacing(
        _ document: OrderedJSON, at path: ArraySlice<StringRule.Step>, with value: String
    )
        -> OrderedJSON
    {
        guard let step = path.first else { return .string(value) }
        switch step {
        case .item: return .array([.string(value)])
        case .anyKey: return .object([(value, .string("v"))])
        case .anyValue: return .object([("k", .string(value))])
        case .field(let name):
            guard case .object(let pairs) = document else { return document }
            return .object(
                pairs.map { $0.0 == name ? ($0.0, replacing($0.1, at: path.dropFirst(), with: value)) : $0 })
        }
    }

    @Test(arguments: ManifestRules.kinds)
    func theValidDocumentsAreValid(_ kind: String) {
        #expect(Fixtures.messages(Fixtures.load(Self.valid(kind).text)) == [])
    }

    /// A value one character too long, and one that breaks the pattern, are errors at the rule's
    /// field naming the rule's shape: the decoder checks what the table (and so the schema) says.
    @Test(arguments: ManifestRules.strings)
    func everyStringRuleIsWhatTheValidatorChecks(_ rule: StringRule) throws {
        let fields = rule.path.compactMap { step -> String? in
            if case .field(let name) = step { return name }
            return nil
        }.joined(separator: ".")
        var bad = [String(repeating: "a", count: rule.constraint.maxLength + 1)]
        if let pattern = rule.constraint.pattern {
            // `.*` takes "!"; only a line break breaks it.
            let breaking = pattern.matches("!") ? "a\nb" : "!"
            try #require(!pattern.matches(breaking))
            bad.append(breaking)
        }
        for value in bad {
            let document = Self.replacing(Self.valid(rule.kind), at: rule.path[...], with: value)
            let errors = Fixtures.load(document.text).diagnostics.filter { $0.severity == .error }.map(\.message)
            #expect(
                errors.contains { $0.hasPrefix(fields) && $0.hasSuffix("(\(rule.constraint.shape))") },
                "\(rule) with \(value.prefix(10)): \(errors)")
        }
    }

    @Test func enumerationsAndBoundsAreTheValidators() throws {
        let defs = try #require(Self.schema["$defs"])
        let throughput = try #require(defs[ProvisionedThroughputUnit.kindName]?["properties"]?["spec"]?["properties"])
        #expect(
            throughput["commitmentDuration"]?["enum"]
                == .array(CommitmentDuration.allCases.map { .string($0.rawValue) } + [.null]))
        #expect(
            throughput["replacement"]?["enum"]
                == .array(ReplacementStrategy.allCases.map { .string($0.rawValue) } + [.null]))
        #expect(throughput["modelUnits"]?["minimum"] == .int(BedrockLimits.minModelUnits))
        #expect(throughput["modelUnits"]?["type"] == "integer")
        let vpc = try #require(defs[ModelImportJobUnit.kindName]?["properties"]?["spec"]?["properties"]?["vpcConfig"])
        let counts = [("subnetIds", BedrockLimits.subnetIds), ("securityGroupIds", BedrockLimits.securityGroupIds)]
        for (field, count) in counts {
            #expect(vpc["properties"]?[field]?["minItems"] == .int(count.lowerBound))
            #expect(vpc["properties"]?[field]?["maxItems"] == .int(count.upperBound))
            #expect(vpc["properties"]?[field]?["uniqueItems"] == true)
        }
        #expect(Self.schema["properties"]?["apiVersion"]?["const"] == .string(ManifestAPI.version))
        #expect(
            Self.schema["properties"]?["kind"]?["enum"]
                == .array((ManifestResource.Kind.allCases.map(\.rawValue) + ["Stack"]).map(OrderedJSON.string)))
    }

    @Test(arguments: ManifestRules.tagFields.map { "\($0.kind) \($0.path.joined(separator: "."))" })
    func tagRulesAreTheValidators(_ field: String) throws {
        let parts = field.split(separator: " ")
        var node = Self.schema["$defs"]?[String(parts[0])]
        for name in parts[1].split(separator: ".") { node = node?["properties"]?[String(name)] }
        let tags = try #require(node)
        #expect(tags["maxProperties"] == .int(BedrockLimits.maxTagsPerResource - OwnershipTags.all.count))
        let reserved = try #require(tags["propertyNames"]?["not"]?["anyOf"])
        #expect(
            reserved
                == .array(
                    [BedrockLimits.reservedTagPrefix, OwnershipTags.prefix].map {
                        .object([("pattern", .string(SchemaPattern.prefixIgnoringCase($0)))])
                    }))
    }

    @Test func reservedPrefixesMatchInAnyCase() throws {
        let aws = try Regex(SchemaPattern.prefixIgnoringCase("aws:"))
        #expect(try aws.firstMatch(in: "AwS:owner") != nil)
        #expect(try aws.firstMatch(in: "team:aws:") == nil)
        let ours = try Regex(SchemaPattern.prefixIgnoringCase(OwnershipTags.prefix))
        #expect(try ours.firstMatch(in: "BEDROCKCTL:stack") != nil)
        #expect(try ours.firstMatch(in: "bedrockctl-stack") == nil)
    }

    @Test func patternsAreAnchoredAndSpellOutJavaSpaces() {
        #expect(SchemaPattern.ecma(.vpcResourceId) == "^(?:[-0-9a-zA-Z]+)$")
        #expect(SchemaPattern.ecma(.tag) == #"^(?:[a-zA-Z0-9\t\n\x0B\f\r ._:/=+@-]*)$"#)
        #expect(SchemaPattern.ecma(.jobName) == #"^(?:[a-zA-Z0-9](-*[a-zA-Z0-9\+\-\.])*)$"#)
    }

    /// Each mapping takes exactly the fields the decoder reads, and no other.
    @Test func mappingsTakeTheDecodersFields() throws {
        let defs = try #require(Self.schema["$defs"])
        func keys(_ node: OrderedJSON?) -> [String] {
            guard case .object(let pairs)? = node?["properties"] else { return [] }
            return pairs.map(\.0)
        }
        let throughputSpec = defs[ProvisionedThroughputUnit.kindName]?["properties"]?["spec"]
        let importSpec = defs[ModelImportJobUnit.kindName]?["properties"]?["spec"]
        let source = importSpec?["properties"]?["modelDataSource"]
        let checks: [(OrderedJSON?, [String])] = [
            (Self.schema, ManifestFields.document.keys),
            (defs[ProvisionedThroughputUnit.kindName]?["properties"]?["metadata"], ManifestFields.metadata.keys),
            (throughputSpec, ProvisionedThroughputUnit.specFields.keys),
            (importSpec, ModelImportJobUnit.specFields.keys),
            (source, ModelImportJobUnit.modelDataSourceFields.keys),
            (source?["properties"]?["s3DataSource"], ModelImportJobUnit.s3DataSourceFields.keys),
            (importSpec?["properties"]?["vpcConfig"], ModelImportJobUnit.vpcConfigFields.keys),
        ]
        for (node, expected) in checks {
            #expect(keys(node) == expected)
            #expect(node?["additionalProperties"] == false)
        }
    }

    @Test func theSchemaIsDraft202012() {
        #expect(Self.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(ManifestSchema.text.hasPrefix("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
    }
}
