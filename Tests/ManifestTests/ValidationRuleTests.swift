import Manifest
import Testing

/// One row a rule and boundary: the document, and the exact diagnostics it must produce
/// (empty for valid).
@Suite struct ValidationRuleTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var label: String
        var yaml: String
        var expected: [String]
        var testDescription: String { label }
    }

    static let n63 = String(repeating: "n", count: 63)
    static let n64 = String(repeating: "n", count: 64)

    static let throughputRows: [Row] = [
        Row(label: "minimal", yaml: Fixtures.throughput(), expected: []),
        Row(label: "name 1", yaml: Fixtures.throughput(name: "a"), expected: []),
        Row(label: "name 63", yaml: Fixtures.throughput(name: n63), expected: []),
        Row(
            label: "name 64", yaml: Fixtures.throughput(name: n64),
            expected: [
                "m.yaml:4:9: error: metadata.name: is 64 characters, longer than the maximum of 63 "
                    + "(ProvisionedModelName)"
            ]),
        Row(
            label: "name pattern", yaml: Fixtures.throughput(name: "a--b"),
            expected: [
                "m.yaml:4:9: error: metadata.name: \"a--b\" is not valid: expected letters, digits, '-' and '_', "
                    + "starting with a letter or digit, with no two of '-' and '_' in a row, pattern "
                    + "([0-9a-zA-Z][_-]?)+ (ProvisionedModelName)"
            ]),
        Row(
            label: "provisionedModelName 63", yaml: Fixtures.throughput(spec: ["provisionedModelName: \(n63)"]),
            expected: []),
        Row(
            label: "provisionedModelName 64", yaml: Fixtures.throughput(spec: ["provisionedModelName: \(n64)"]),
            expected: [
                "m.yaml:8:25: error: spec.provisionedModelName: is 64 characters, longer than the maximum of 63 "
                    + "(ProvisionedModelName)"
            ]),
        Row(
            label: "provisionedModelName empty", yaml: Fixtures.throughput(spec: ["provisionedModelName: ''"]),
            expected: [
                "m.yaml:8:25: error: spec.provisionedModelName: must not be empty (ProvisionedModelName)"
            ]),
        Row(label: "modelUnits 1", yaml: Fixtures.throughput(units: "1"), expected: []),
        Row(
            label: "modelUnits 0", yaml: Fixtures.throughput(units: "0"),
            expected: ["m.yaml:7:15: error: spec.modelUnits: must be at least 1, got 0"]),
        Row(
            label: "modelUnits -1", yaml: Fixtures.throughput(units: "-1"),
            expected: ["m.yaml:7:15: error: spec.modelUnits: must be at least 1, got -1"]),
        Row(
            label: "modelUnits string", yaml: Fixtures.throughput(units: "two"),
            expected: ["m.yaml:7:15: error: spec.modelUnits: expected an integer, got string \"two\""]),
        Row(
            label: "modelUnits quoted", yaml: Fixtures.throughput(units: "\"2\""),
            expected: ["m.yaml:7:15: error: spec.modelUnits: expected an integer, got string \"2\""]),
        Row(
            label: "modelUnits hex", yaml: Fixtures.throughput(units: "0x10"),
            expected: ["m.yaml:7:15: error: spec.modelUnits: expected an integer, got string \"0x10\""]),
        Row(
            label: "modelUnits missing", yaml: Fixtures.throughput(units: nil),
            expected: ["m.yaml:6:3: error: spec: missing required field 'modelUnits'"]),
        Row(
            label: "modelId missing", yaml: Fixtures.throughput(modelId: nil),
            expected: ["m.yaml:6:3: error: spec: missing required field 'modelId'"]),
        Row(
            label: "modelId null", yaml: Fixtures.throughput(modelId: "~"),
            expected: ["m.yaml:6:12: error: spec: missing required field 'modelId'"]),
        Row(label: "modelId custom name", yaml: Fixtures.throughput(modelId: "my-custom_model"), expected: []),
        Row(
            label: "modelId custom ARN",
            yaml: Fixtures.throughput(
                modelId:
                    "arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456"
            ), expected: []),
        Row(
            label: "modelId unknown foundation model", yaml: Fixtures.throughput(modelId: "acme.rocket-v1:0"),
            expected: [
                "m.yaml:6:12: warning: spec.modelId: \"acme.rocket-v1:0\" is not a foundation model known to "
                    + "bedrockctl; Bedrock will check it at apply time"
            ]),
        Row(
            label: "modelId on-demand only", yaml: Fixtures.throughput(modelId: "amazon.titan-text-express-v1"),
            expected: [
                "m.yaml:6:12: warning: spec.modelId: \"amazon.titan-text-express-v1\" is on-demand only and "
                    + "cannot be bought as Provisioned Throughput; its provisioned variants: "
                    + "amazon.titan-text-express-v1:0:8k"
            ]),
        Row(
            label: "modelId foundation ARN unknown",
            yaml: Fixtures.throughput(modelId: "arn:aws:bedrock:us-east-1::foundation-model/acme.rocket-v1"),
            expected: [
                "m.yaml:6:12: warning: spec.modelId: \"acme.rocket-v1\" is not a foundation model known to "
                    + "bedrockctl; Bedrock will check it at apply time"
            ]),
        Row(
            label: "commitment OneMonth", yaml: Fixtures.throughput(spec: ["commitmentDuration: OneMonth"]),
            expected: []),
        Row(
            label: "commitment SixMonths", yaml: Fixtures.throughput(spec: ["commitmentDuration: SixMonths"]),
            expected: []),
        Row(label: "commitment null is none", yaml: Fixtures.throughput(spec: ["commitmentDuration:"]), expected: []),
        Row(
            label: "commitment typo", yaml: Fixtures.throughput(spec: ["commitmentDuration: SixMonth"]),
            expected: [
                "m.yaml:8:23: error: spec.commitmentDuration: \"SixMonth\" is not a commitment duration; did you "
                    + "mean 'SixMonths'? (omit the field for no commitment)"
            ]),
        Row(
            label: "commitment far off", yaml: Fixtures.throughput(spec: ["commitmentDuration: TwelveYears"]),
            expected: [
                "m.yaml:8:23: error: spec.commitmentDuration: \"TwelveYears\" is not a commitment duration; "
                    + "expected one of: OneMonth, SixMonths (omit the field for no commitment)"
            ]),
        Row(
            label: "unknown spec field", yaml: Fixtures.throughput(spec: ["modelUnit: 2"]),
            expected: [
                "m.yaml:8:3: error: spec: unknown field 'modelUnit'; did you mean 'modelUnits'?"
            ]),
        Row(
            label: "truncated field", yaml: Fixtures.throughput(spec: ["commitment: OneMonth"]),
            expected: [
                "m.yaml:8:3: error: spec: unknown field 'commitment'; did you mean 'commitmentDuration'?"
            ]),
        Row(
            label: "unknown metadata field",
            yaml: Fixtures.throughput().replacingOccurrences(of: "  name: pt", with: "  name: pt\n  nmae: x"),
            expected: [
                "m.yaml:5:3: error: metadata: unknown field 'nmae'; did you mean 'name'?"
            ]),
        Row(
            label: "spec as list",
            yaml: "apiVersion: bedrockctl/v1\nkind: ProvisionedThroughput\nmetadata: {name: a}\nspec: [1]\n",
            expected: [
                "m.yaml:4:7: error: spec: expected a mapping, got a list"
            ]),
        Row(
            label: "name as integer", yaml: Fixtures.throughput(name: "123"),
            expected: [
                "m.yaml:4:9: error: metadata.name: expected a string, got integer 123 (quote it to make it a string)"
            ]),
        Row(
            label: "wrong apiVersion",
            yaml: Fixtures.throughput().replacingOccurrences(of: "bedrockctl/v1", with: "bedrockctl/v2"),
            expected: [
                "m.yaml:1:13: error: apiVersion: unsupported version \"bedrockctl/v2\"; this bedrockctl reads "
                    + "bedrockctl/v1"
            ]),
        Row(
            label: "kind typo",
            yaml: Fixtures.throughput().replacingOccurrences(
                of: "kind: ProvisionedThroughput", with: "kind: ProvisionedThroughtput"),
            expected: [
                "m.yaml:2:7: error: kind: unknown kind \"ProvisionedThroughtput\"; did you mean "
                    + "'ProvisionedThroughput'?"
            ]),
        Row(
            label: "stray YAML", yaml: "foo: 1\nbar: 2\n",
            expected: [
                "m.yaml:1:1: error: document: not a bedrockctl manifest: it has neither apiVersion nor kind "
                    + "(expected apiVersion: bedrockctl/v1 and a kind)"
            ]),
        Row(
            label: "missing kind",
            yaml: Fixtures.throughput().replacingOccurrences(of: "kind: ProvisionedThroughput\n", with: ""),
            expected: [
                "m.yaml:1:1: error: document: missing required field 'kind'"
            ]),
        Row(
            label: "not a mapping", yaml: "- a\n- b\n",
            expected: ["m.yaml:1:1: error: document: expected a mapping, got a list"]),
    ]

    static func tags(_ count: Int, prefix: String = "k") -> [String] {
        ["tags:"] + (0..<count).map { "  \(prefix)\($0): v" }
    }

    static let tagRows: [Row] = [
        Row(label: "48 tags", yaml: Fixtures.throughput(spec: tags(48)), expected: []),
        Row(
            label: "49 tags", yaml: Fixtures.throughput(spec: tags(49)),
            expected: [
                "m.yaml:9:5: error: spec.tags: 49 tags, over the limit of 48 (Bedrock allows 50 a resource and "
                    + "bedrockctl adds 2 ownership tags)"
            ]),
        Row(
            label: "aws: prefix", yaml: Fixtures.throughput(spec: ["tags: {AWS:team: x}"]),
            expected: [
                "m.yaml:8:10: error: spec.tags.AWS:team: tag keys starting with 'aws:' are reserved by AWS"
            ]),
        Row(
            label: "bedrockctl: prefix", yaml: Fixtures.throughput(spec: ["tags: {bedrockctl:stack: x}"]),
            expected: [
                "m.yaml:8:10: error: spec.tags.bedrockctl:stack: tag keys starting with 'bedrockctl:' are "
                    + "reserved for bedrockctl's ownership tags"
            ]),
        Row(
            label: "tag key 128", yaml: Fixtures.throughput(spec: ["tags: {\(String(repeating: "k", count: 128)): v}"]),
            expected: []),
        Row(
            label: "tag key 129", yaml: Fixtures.throughput(spec: ["tags: {\(String(repeating: "k", count: 129)): v}"]),
            expected: [
                "m.yaml:8:10: error: spec.tags key: is 129 characters, longer than the maximum of 128 (TagKey)"
            ]),
        Row(
            label: "tag value 256",
            yaml: Fixtures.throughput(spec: ["tags: {k: \(String(repeating: "v", count: 256))}"]), expected: []),
        Row(
            label: "tag value 257",
            yaml: Fixtures.throughput(spec: ["tags: {k: \(String(repeating: "v", count: 257))}"]),
            expected: [
                "m.yaml:8:13: error: spec.tags.k: is 257 characters, longer than the maximum of 256 (TagValue)"
            ]),
        Row(label: "tag value empty", yaml: Fixtures.throughput(spec: ["tags: {k: ''}"]), expected: []),
        Row(
            label: "tag value pattern", yaml: Fixtures.throughput(spec: ["tags: {k: 'a#b'}"]),
            expected: [
                "m.yaml:8:13: error: spec.tags.k: \"a#b\" is not valid: expected letters, digits, spaces and . _ "
                    + ": / = + @ -, pattern [a-zA-Z0-9\\s._:/=+@-]* (TagValue)"
            ]),
        Row(label: "tag value boolean is its text", yaml: Fixtures.throughput(spec: ["tags: {k: true}"]), expected: []),
        Row(
            label: "tag value integer is its text", yaml: Fixtures.throughput(spec: ["tags: {cost-center: 1234}"]),
            expected: []),
        Row(
            label: "tag value null", yaml: Fixtures.throughput(spec: ["tags: {k: ~}"]),
            expected: [
                "m.yaml:8:13: error: spec.tags.k: expected a tag value (a string), got null"
            ]),
        Row(label: "tag value yes stays a string", yaml: Fixtures.throughput(spec: ["tags: {k: yes}"]), expected: []),
    ]

    static let importRows: [Row] = [
        Row(label: "minimal import", yaml: Fixtures.importJob(), expected: []),
        Row(label: "job name 63", yaml: Fixtures.importJob(name: n63), expected: []),
        Row(
            label: "job name 64", yaml: Fixtures.importJob(name: n64),
            expected: [
                "m.yaml:4:9: error: metadata.name: is 64 characters, longer than the maximum of 63 (JobName)"
            ]),
        Row(label: "job name dots", yaml: Fixtures.importJob(name: "llama.v2+ft"), expected: []),
        Row(
            label: "imported name 64", yaml: Fixtures.importJob(model: n64),
            expected: [
                "m.yaml:6:22: error: spec.importedModelName: is 64 characters, longer than the maximum of 63 "
                    + "(ImportedModelName)"
            ]),
        Row(
            label: "bad role",
            yaml: Fixtures.importJob().replacingOccurrences(of: ":role/Import", with: ":user/Import"),
            expected: [
                "m.yaml:7:12: error: spec.roleArn: \"arn:aws:iam::111122223333:user/Import\" is not valid: "
                    + "expected an IAM role ARN (arn:aws:iam::123456789012:role/NAME) (RoleArn)"
            ]),
        Row(
            label: "bad s3",
            yaml: Fixtures.importJob().replacingOccurrences(of: "s3://bucket/model/", with: "s3://Bucket/model/"),
            expected: [
                "m.yaml:8:43: error: spec.modelDataSource.s3DataSource.s3Uri: \"s3://Bucket/model/\" is not "
                    + "valid: expected an s3:// URI with a valid bucket name (S3Uri)"
            ]),
        Row(
            label: "missing s3DataSource",
            yaml: Fixtures.importJob().replacingOccurrences(
                of: "{s3DataSource: {s3Uri: \"s3://bucket/model/\"}}", with: "{}"),
            expected: [
                "m.yaml:8:20: error: spec.modelDataSource: missing required field 's3DataSource'"
            ]),
        Row(label: "kms alias", yaml: Fixtures.importJob(extra: ["importedModelKmsKeyId: alias/models"]), expected: []),
        Row(
            label: "kms bad", yaml: Fixtures.importJob(extra: ["importedModelKmsKeyId: models"]),
            expected: [
                "m.yaml:9:26: error: spec.importedModelKmsKeyId: \"models\" is not valid: expected a KMS key id, "
                    + "key ARN, alias (alias/NAME) or alias ARN (KmsKeyId)"
            ]),
        Row(
            label: "vpc 1 and 1",
            yaml: Fixtures.importJob(extra: ["vpcConfig: {subnetIds: [s-1], securityGroupIds: [sg-1]}"]), expected: []),
        Row(
            label: "vpc 16 and 5",
            yaml: Fixtures.importJob(extra: [
                "vpcConfig: {subnetIds: [\((1...16).map { "s-\($0)" }.joined(separator: ", "))], securityGroupIds: "
                    + "[\((1...5).map { "sg-\($0)" }.joined(separator: ", "))]}"
            ]), expected: []),
        Row(
            label: "vpc 17 subnets",
            yaml: Fixtures.importJob(extra: [
                "vpcConfig: {subnetIds: [\((1...17).map { "s-\($0)" }.joined(separator: ", "))], "
                    + "securityGroupIds: [sg-1]}"
            ]),
            expected: [
                "m.yaml:9:26: error: spec.vpcConfig.subnetIds: has 17 entries; it takes 1 to 16"
            ]),
        Row(
            label: "vpc 6 groups",
            yaml: Fixtures.importJob(extra: [
                "vpcConfig: {subnetIds: [s-1], securityGroupIds: "
                    + "[\((1...6).map { "sg-\($0)" }.joined(separator: ", "))]}"
            ]),
            expected: [
                "m.yaml:9:51: error: spec.vpcConfig.securityGroupIds: has 6 entries; it takes 1 to 5"
            ]),
        Row(
            label: "vpc 0 subnets",
            yaml: Fixtures.importJob(extra: ["vpcConfig: {subnetIds: [], securityGroupIds: [sg-1]}"]),
            expected: [
                "m.yaml:9:26: error: spec.vpcConfig.subnetIds: has 0 entries; it takes 1 to 16"
            ]),
        Row(
            label: "vpc missing groups", yaml: Fixtures.importJob(extra: ["vpcConfig: {subnetIds: [s-1]}"]),
            expected: [
                "m.yaml:9:14: error: spec.vpcConfig: missing required field 'securityGroupIds'"
            ]),
        Row(
            label: "vpc bad id",
            yaml: Fixtures.importJob(extra: ["vpcConfig: {subnetIds: [s_1], securityGroupIds: [sg-1]}"]),
            expected: [
                "m.yaml:9:27: error: spec.vpcConfig.subnetIds[0]: \"s_1\" is not valid: expected letters, digits "
                    + "and '-', pattern [-0-9a-zA-Z]+ (SubnetId)"
            ]),
        Row(
            label: "vpc duplicate id",
            yaml: Fixtures.importJob(extra: ["vpcConfig: {subnetIds: [s-1, s-1], securityGroupIds: [sg-1]}"]),
            expected: [
                "m.yaml:9:32: error: spec.vpcConfig.subnetIds[1]: \"s-1\" is listed twice"
            ]),
        Row(
            label: "job tags 49",
            yaml: Fixtures.importJob(extra: ["jobTags: {\((0..<49).map { "k\($0): v" }.joined(separator: ", "))}"]),
            expected: [
                "m.yaml:9:12: error: spec.jobTags: 49 tags, over the limit of 48 (Bedrock allows 50 a resource "
                    + "and bedrockctl adds 2 ownership tags)"
            ]),
        Row(
            label: "model tags aws:", yaml: Fixtures.importJob(extra: ["importedModelTags: {aws:x: y}"]),
            expected: [
                "m.yaml:9:23: error: spec.importedModelTags.aws:x: tag keys starting with 'aws:' are reserved by AWS"
            ]),
        Row(
            label: "unknown import field", yaml: Fixtures.importJob(extra: ["roleARN: x"]),
            expected: [
                "m.yaml:9:3: error: spec: unknown field 'roleARN'; did you mean 'roleArn'?"
            ]),
    ]

    static let crossDocumentRows: [Row] = [
        Row(
            label: "same name twice", yaml: Fixtures.throughput(name: "a") + "---\n" + Fixtures.throughput(name: "a"),
            expected: [
                "m.yaml:9:1: error: metadata.name: a ProvisionedThroughput named \"a\" is already defined at m.yaml:1:1"
            ]),
        Row(
            label: "same name, other kinds",
            yaml: Fixtures.throughput(name: "a") + "---\n" + Fixtures.importJob(name: "a"), expected: []),
        Row(
            label: "provisioned name collides",
            yaml: Fixtures.throughput(name: "a", spec: ["provisionedModelName: b"]) + "---\n"
                + Fixtures.throughput(name: "b"),
            expected: [
                "m.yaml:10:1: error: spec.provisionedModelName: \"b\" is already the Bedrock name of \"a\" at "
                    + "m.yaml:1:1; a ProvisionedThroughput's Bedrock name must be unique"
            ]),
        Row(
            label: "imported name collides",
            yaml: Fixtures.importJob(name: "j1", model: "m") + "---\n" + Fixtures.importJob(name: "j2", model: "m"),
            expected: [
                "m.yaml:10:1: error: spec.importedModelName: \"m\" is already the Bedrock name of \"j1\" at "
                    + "m.yaml:1:1; a ModelImportJob's Bedrock name must be unique"
            ]),
    ]

    @Test(arguments: throughputRows + tagRows)
    func throughputRules(_ row: Row) {
        #expect(Fixtures.messages(Fixtures.load(row.yaml)) == row.expected)
    }

    @Test(arguments: importRows)
    func importRules(_ row: Row) {
        #expect(Fixtures.messages(Fixtures.load(row.yaml)) == row.expected)
    }

    @Test(arguments: crossDocumentRows)
    func crossDocumentRules(_ row: Row) {
        #expect(Fixtures.messages(Fixtures.load(row.yaml)) == row.expected)
    }
}
