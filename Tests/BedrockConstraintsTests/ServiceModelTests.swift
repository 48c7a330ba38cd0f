import BedrockConstraints
import Foundation
import TestSupport
import Testing

/// Our constraints are the service model's: lengths and pattern text are read from botocore's
/// copy of AWS's Bedrock model and compared, and every matcher is checked against Python's
/// `re.fullmatch` of the model's own pattern over a corpus of edge cases.
@Suite struct ServiceModelTests {
    static let constraints: [StringConstraint] = [
        .provisionedModelName, .importedModelName, .modelIdentifier, .jobName, .roleArn, .s3Uri,
        .kmsKeyId, .subnetId, .securityGroupId, .tagKey, .tagValue, .idempotencyToken, .modelDeploymentName,
        .customModelArn, .customModelDeploymentDescription, .inferenceProfileName, .inferenceProfileDescription,
        .inferenceProfileModelSourceArn,
    ]

    struct ShapeFacts: Decodable {
        var min: Int?
        var max: Int?
        var pattern: String?
    }

    static func serviceModelShapes() throws -> [String: ShapeFacts] {
        let script = """
            import botocore, gzip, json, os, sys
            path = os.path.join(os.path.dirname(botocore.__file__), 'data', 'bedrock', '2023-04-20', \
            'service-2.json.gz')
            shapes = json.load(gzip.open(path))['shapes']
            names = json.load(sys.stdin)
            print(json.dumps({n: {k: shapes[n].get(k) for k in ('min', 'max', 'pattern')} for n in names}))
            """
        let input = try JSONEncoder().encode(constraints.map(\.shape))
        return try JSONDecoder().decode(
            [String: ShapeFacts].self, from: Python.run(script, input: input, requiring: ["botocore"]))
    }

    @Test func lengthsAndPatternsAreTheServiceModels() throws {
        let shapes = try Self.serviceModelShapes()
        for constraint in Self.constraints {
            let facts = try #require(shapes[constraint.shape], "\(constraint.shape) missing from the service model")
            #expect(facts.min == constraint.minLength, "\(constraint.shape) min")
            #expect(facts.max == constraint.maxLength, "\(constraint.shape) max")
            #expect(facts.pattern == constraint.pattern?.regex, "\(constraint.shape) pattern")
        }
    }

    static let corpus: [BedrockPattern: [String]] = [
        .resourceName: [
            "a", "A", "0", "a-b", "a_b", "a--b", "a-_b", "-a", "_a", "a-", "a_", "ab-c_d", "a b", "a.b", "é", "",
            "a-b-c-d-e",
        ],
        .foundationModelId: [
            "amazon.titan-text-express-v1", "amazon.titan-text-express-v1:0:8k", "amazon.titan-text-express-v1:0:8k:x",
            "anthropic.claude-3-haiku-20240307-v1:0", "a.b", "a.bc", "a.b.c", "a.b.c.d", "a..b", ".ab", "a.", "A.bc",
            "meta.llama3-8b-instruct-v1:0", "us.anthropic.claude-3-haiku-20240307-v1:0", "a.b:", "a.bc:", "a.bc::x",
            String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 126),
            String(repeating: "a", count: 63) + "." + String(repeating: "b", count: 127),
            String(repeating: "a", count: 64) + ".bc",
        ],
        .modelIdentifier: [
            "amazon.titan-text-express-v1:0:8k", "my-custom-model", "my custom",
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1",
            "arn:aws:bedrock:us-east-1:111122223333:foundation-model/amazon.titan-text-express-v1",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abcdef12345",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k:x/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/imported/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/importedx/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/imported.x/abcdef123456",
            "arn:aws:bedrock:us-east-1:11112222333:custom-model/imported/abcdef123456",
            "arn:aws-cn:bedrock:cn-north-1:111122223333:custom-model/imported/abcdef123456",
            "arn:aws-:bedrock:us-east-1:111122223333:custom-model/imported/abcdef123456",
            "arn:aws:bedrock:us-east-1-us-east-1-us:111122223333:custom-model/imported/abcdef123456",
            "arn:aws:bedrock:us-east-1-us-east-1-us-x:111122223333:custom-model/imported/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcdef123456",
            "arn:aws:bedrock:US-EAST-1::foundation-model/amazon.titan-text-express-v1",
        ],
        .jobName: ["a", "a-b", "a+b.c", "a--", "-a", "a_b", "A1", "1.2.3", "a b", ""],
        .roleArn: [
            "arn:aws:iam::111122223333:role/BedrockImport", "arn:aws:iam:::role/x", "arn:aws:iam::1111:role/x",
            "arn:aws:iam::111122223333:role/", "arn:aws:iam::111122223333:role/path/name",
            "arn:aws-us-gov:iam::111122223333:role/x",
            "arn:aws:iam::111122223333:user/x", "arn:aws:iam::111122223333:role/a\nb",
        ],
        .s3Uri: [
            "s3://bucket", "s3://bucket/", "s3://bucket/key", "s3://bucket/a/b/", "s3://bucket//a", "s3://bucket/a//b",
            "s3://ab", "s3://abc", "s3://-abc", "s3://abc-", "s3://a.b.c/x", "s3://Bucket/x",
            "s3://bucket/Key_(1)!*'.x",
            "s3://bucket/a b", "s3://" + String(repeating: "a", count: 63), "s3://" + String(repeating: "a", count: 64),
            "https://bucket/x",
        ],
        .kmsKeyId: [
            "alias/models", "alias/a-b_c/d", "alias/", "1234abcd-12ab-34cd-56ef-1234567890ab",
            "1234abcd-12ab-34cd-56ef-1234567890a",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:us-east-1:111122223333:alias/models", "arn:aws:kms::111122223333:alias/models",
            "arn:aws:kms:us-east-1:11112222333:alias/models", "arn:aws:kms:us-east-1:111122223333:key/short",
            "alias/x y",
        ],
        .vpcResourceId: ["subnet-0abc", "sg-0abc", "", "sg_0abc", "-"],
        .tag: ["", "team", "a b", "a\tb", "x:y/z=w+v@u-t_s.r", "a#b", "ünï"],
        .idempotencyToken: ["a", "a-b", "-a", "a-", "ab", String(repeating: "a", count: 256), "a b", "a_b"],
        .deploymentName: [
            "a", "a-b", "a--b", "-a", "a_", String(repeating: "a", count: 63), String(repeating: "a", count: 64),
            String(repeating: "a-", count: 63), String(repeating: "a-", count: 64),
        ],
        .customModelArn: [
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/imported/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k:x/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/a.b/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/a.bc/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/a.bc.d/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/a.bc.d.e/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/a.bc.d.e.f/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/a.b.c/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/a.bc..e/abcdef123456",
            "arn:aws-cn:bedrock:cn-north-1:111122223333:custom-model/imported/abcdef123456",
            "arn:aws-iso-b:bedrock:x:111122223333:custom-model/imported/abcdef123456",
            "arn:aws-foo:bedrock:x:111122223333:custom-model/imported/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/imported.x/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/imported/abcdef12345",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/" + String(repeating: "a", count: 63) + "."
                + String(repeating: "b", count: 126) + "/abcdef123456",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model/" + String(repeating: "a", count: 63) + "."
                + String(repeating: "b", count: 127) + "/abcdef123456",
        ],
        .inferenceProfileName: ["a", "a b", "a  b", "a-b", "a b-", "a -b", " a", "a_", "é", "", "Team A 2"],
        .inferenceProfileDescription: ["a", "a:b.c d", "a  b", ":", ". .", "a b ", "a,b", "", "x y-z_w"],
        .inferenceProfileSourceArn: [
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:::foundation-model/x", "arn:aws:bedrock:us-east-1:1111:foundation-model/x",
            "arn:aws:bedrock:us-east-1::application-inference-profile/abc", "arn:aws-cn:bedrock:x::foundation-model/a",
            "arn:aws-xx:bedrock:x::foundation-model/a", "arn:aws:bedrock:us-east-1::foundation-model/",
            "arn:aws:bedrock:us-east-1::foundation-model/a_b",
        ],
        .singleLine: ["", "a", "a b\tc", "a\nb", "a\rb", "ünï"],
    ]

    /// Random strings built from the pieces each pattern is made of, so that near misses abound.
    static func generated(for pattern: BedrockPattern, count: Int) -> [String] {
        let pieces: [String]
        switch pattern {
        case .resourceName, .deploymentName, .jobName, .idempotencyToken, .vpcResourceId:
            pieces = ["a", "Z", "7", "-", "_", "+", ".", " "]
        case .foundationModelId: pieces = ["amazon", "titan-v1", ".", ":", "0", "8k", "-", "X"]
        case .modelIdentifier:
            pieces = [
                "arn:aws:bedrock:us-east-1:", "111122223333", ":custom-model/", ":foundation-model/", "imported",
                "amazon.titan-v1", ":0", "/abcdef123456", "a", ".",
            ]
        case .roleArn: pieces = ["arn:aws", "-cn", ":iam::", "111122223333", ":role/", "x", "\n"]
        case .s3Uri: pieces = ["s3://", "bkt", "-", ".", "/", "Key", "(", " ", "ab"]
        case .kmsKeyId:
            pieces = [
                "arn:aws:kms:", "us-east-1", ":111122223333:", "alias/", "key/", "1234abcd-12ab-34cd-56ef-1234567890ab",
                "x", "_", "/",
            ]
        case .tag: pieces = ["a", " ", ":", "@", "#", "\t", "é", "="]
        case .customModelArn:
            pieces = [
                "arn:aws:bedrock:us-east-1:", "111122223333", ":custom-model/", "imported", "/abcdef123456", "a",
                ".", ":0", "amazon.titan-v1", "-iso",
            ]
        case .inferenceProfileName, .inferenceProfileDescription: pieces = ["a", "Z", "7", "-", "_", " ", ":", "."]
        case .inferenceProfileSourceArn:
            pieces = [
                "arn:aws", ":bedrock:", "us-east-1", ":", "111122223333", "foundation-model/", "inference-profile/",
                "a.b", "_", "-cn",
            ]
        case .singleLine: pieces = ["a", " ", "\n", "\r", "é", "."]
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(pattern.rawValue.utf8.count)
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in (0..<next(7) + 1).map { _ in pieces[next(pieces.count)] }.joined() }
    }

    @Test(arguments: Array(corpus.keys).sorted { $0.rawValue < $1.rawValue })
    func matcherAgreesWithPythonFullmatch(_ pattern: BedrockPattern) throws {
        let strings = Self.corpus[pattern]! + Self.generated(for: pattern, count: 400)
        let script = """
            import json, re, sys
            req = json.load(sys.stdin)
            print(json.dumps([re.fullmatch(req['regex'], s) is not None for s in req['strings']]))
            """
        let input = try JSONSerialization.data(withJSONObject: ["regex": pattern.regex, "strings": strings])
        let expected = try JSONDecoder().decode([Bool].self, from: Python.run(script, input: input))
        for (string, want) in zip(strings, expected) {
            #expect(pattern.matches(string) == want, "\(pattern) on \(string.debugDescription): python says \(want)")
        }
    }
}
