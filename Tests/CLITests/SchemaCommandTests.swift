import Foundation
import Manifest
import TestSupport
import Testing

@testable import CLI

/// `bedrockctl schema` checked by an independent validator, Python's jsonschema: it accepts every
/// manifest this repository ships and rejects what `bedrockctl validate` rejects.
@Suite struct SchemaCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Validates each YAML text's documents against `schema`; returns each document's errors.
    static func jsonschemaErrors(schema: String, files: [(name: String, yaml: String)]) throws -> [String: [[String]]] {
        try Python.require(["yaml": "PyYAML", "jsonschema": "jsonschema"])
        let script = """
            import json, sys, yaml
            from jsonschema import Draft202012Validator
            data = json.load(sys.stdin)
            schema = json.loads(data["schema"])
            Draft202012Validator.check_schema(schema)
            validator = Draft202012Validator(schema)
            out = {}
            for item in data["files"]:
                documents = [d for d in yaml.safe_load_all(item["yaml"]) if d is not None]
                out[item["name"]] = [sorted(e.message for e in validator.iter_errors(d)) for d in documents]
            print(json.dumps(out))
            """
        let input = try JSONSerialization.data(withJSONObject: [
            "schema": schema, "files": files.map { ["name": $0.name, "yaml": $0.yaml] },
        ])
        let output = try Python.run(script, input: input)
        return try JSONDecoder().decode([String: [[String]]].self, from: output)
    }

    static func schemaText() async throws -> String {
        let result = await ValidateCommandTests.run(["schema"])
        try #require(result.code == 0, "\(result.err)")
        return result.out
    }

    @Test func schemaPrintsTheGeneratedSchema() async throws {
        let text = try await Self.schemaText()
        #expect(text == ManifestSchema.text)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func everyShippedManifestIsValidAgainstTheSchema() async throws {
        let schema = try await Self.schemaText()
        let examples = try ManifestFiles.collect(
            [Self.repository.appendingPathComponent("examples").path], readStandardInput: { _ in [] })
        var files = examples.map { (name: $0.path, yaml: String(decoding: $0.bytes, as: UTF8.self)) }
        files += try ReadmeSampleTests.yamlBlocks().enumerated().filter { $0.element.contains("apiVersion:") }.map {
            (name: "README block \($0.offset)", yaml: $0.element)
        }
        files += try StackScaffold(stack: "ml-platform").files.filter { !$0.path.hasPrefix(".github") }.map {
            (name: "init " + $0.path, yaml: $0.text)
        }
        let errors = try Self.jsonschemaErrors(schema: schema, files: files)
        #expect(errors.count == files.count)
        #expect(errors.values.map(\.count).reduce(0, +) >= 11, "too few documents read: \(errors)")
        #expect(examples.count >= 2)
        for (name, documents) in errors {
            #expect(documents.allSatisfy { $0.isEmpty }, "\(name): \(documents)")
        }
    }

    static let bad: [(label: String, yaml: String)] = [
        ("modelUnits 0", throughput("  modelUnits: 0\n")),
        ("unknown field", throughput("  modelUnits: 1\n  commitment: OneMonth\n")),
        ("commitment", throughput("  modelUnits: 1\n  commitmentDuration: TwoMonths\n")),
        ("replacement", throughput("  modelUnits: 1\n  replacement: Recreate\n")),
        ("missing modelUnits", throughput("")),
        ("name pattern", throughput("  modelUnits: 1\n", name: "a--b")),
        (
            "provisionedModelName 64",
            throughput("  modelUnits: 1\n  provisionedModelName: \(String(repeating: "n", count: 64))\n")
        ),
        ("aws: tag", throughput("  modelUnits: 1\n  tags:\n    aws:owner: me\n")),
        ("bedrockctl: tag in capitals", throughput("  modelUnits: 1\n  tags:\n    BedrockCtl:stack: x\n")),
        ("tag value", throughput("  modelUnits: 1\n  tags: {team: \"a!\"}\n")),
        (
            "49 tags",
            throughput("  modelUnits: 1\n  tags: {" + (1...49).map { "k\($0): v" }.joined(separator: ", ") + "}\n")
        ),
        ("s3Uri", importJob(s3Uri: "https://bucket/model/")),
        (
            "repeated subnet",
            importJob(extra: "  vpcConfig: {subnetIds: [subnet-1, subnet-1], securityGroupIds: [sg-1]}\n")
        ),
        (
            "17 subnets",
            importJob(
                extra: "  vpcConfig: {subnetIds: [" + (1...17).map { "s-\($0)" }.joined(separator: ", ")
                    + "], securityGroupIds: [sg-1]}\n")
        ),
        ("kms key", importJob(extra: "  importedModelKmsKeyId: key/nope\n")),
        ("unknown kind", "apiVersion: bedrockctl/v1\nkind: Throughput\nmetadata: {name: a}\nspec: {}\n"),
        ("api version", "apiVersion: bedrockctl/v2\nkind: Stack\nmetadata: {name: a}\n"),
        ("stack spec", "apiVersion: bedrockctl/v1\nkind: Stack\nmetadata: {name: a}\nspec: {x: 1}\n"),
        ("stack name", "apiVersion: bedrockctl/v1\nkind: Stack\nmetadata: {name: my_stack}\n"),
        ("no metadata", "apiVersion: bedrockctl/v1\nkind: Stack\n"),
    ]

    static func throughput(_ spec: String, name: String = "pt") -> String {
        "apiVersion: bedrockctl/v1\nkind: ProvisionedThroughput\nmetadata: {name: \(name)}\nspec:\n"
            + "  modelId: amazon.titan-text-express-v1:0:8k\n" + spec
    }

    static func importJob(s3Uri: String = "s3://bucket/model/", extra: String = "") -> String {
        "apiVersion: bedrockctl/v1\nkind: ModelImportJob\nmetadata: {name: job}\nspec:\n  importedModelName: m\n"
            + "  roleArn: arn:aws:iam::111122223333:role/Import\n"
            + "  modelDataSource: {s3DataSource: {s3Uri: \"\(s3Uri)\"}}\n" + extra
    }

    @Test func whatValidateRejectsTheSchemaRejects() async throws {
        let schema = try await Self.schemaText()
        let errors = try Self.jsonschemaErrors(schema: schema, files: Self.bad.map { (name: $0.label, yaml: $0.yaml) })
        for (label, yaml) in Self.bad {
            let validated = await ValidateCommandTests.run(["validate", "-"], stdin: yaml)
            #expect(validated.code == 1, "validate accepts \(label)")
            let documents = errors[label] ?? []
            #expect(documents.count == 1 && !documents[0].isEmpty, "the schema accepts \(label)")
        }
        // The same documents, made valid, pass both: the rejections are the rules', not the fixture's.
        let good = [
            "throughput": Self.throughput("  modelUnits: 1\n  tags: {team: a}\n"),
            "import job": Self.importJob(extra: "  vpcConfig: {subnetIds: [subnet-1], securityGroupIds: [sg-1]}\n"),
        ]
        let goodErrors = try Self.jsonschemaErrors(schema: schema, files: good.map { (name: $0.key, yaml: $0.value) })
        for (label, yaml) in good {
            let validated = await ValidateCommandTests.run(["validate", "-"], stdin: yaml)
            #expect(validated.code == 0, "\(label): \(validated.err)")
            #expect(goodErrors[label] == [[]], "\(label): \(goodErrors[label] ?? [])")
        }
    }
}
