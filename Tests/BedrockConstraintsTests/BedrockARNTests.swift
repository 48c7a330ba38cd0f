import BedrockConstraints
import Testing

/// Bedrock ARNs are parsed and printed in one place.
@Suite struct BedrockARNTests {
    @Test(arguments: [
        (
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k",
            "amazon.titan-text-express-v1:0:8k" as String?
        ),
        ("arn:aws-cn:bedrock:cn-north-1::foundation-model/a.b", "a.b"),
        ("arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456", nil),
        ("amazon.titan-text-express-v1", nil),
        ("arn:aws:bedrock:foundation-model/x.y", nil),
        ("arn:aws:s3:us-east-1::foundation-model/x.y", nil),
    ])
    func foundationModelIds(_ arn: String, _ expected: String?) {
        #expect(BedrockARN(arn)?.foundationModelId == expected)
    }

    @Test func aCustomModelsBaseHoldsColonsAndEveryArnPrintsAsItWasRead() throws {
        let custom = try #require(
            BedrockARN(
                "arn:aws:bedrock:us-west-2:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts"))
        #expect(custom.type == .customModel && custom.region == "us-west-2" && custom.account == "111122223333")
        #expect(custom.customModelBase == "amazon.titan-text-express-v1:0:8k" && custom.id == "k3r9x2m4q7ts")
        for text in [
            "arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abcdefghijkl",
            "arn:aws:bedrock:us-east-1:111122223333:imported-model/abcdefghijkl",
            "arn:aws:bedrock:us-east-1:111122223333:model-import-job/abcdefghijkl",
            "arn:aws:bedrock:us-east-1:111122223333:custom-model-deployment/abcdefghijkl",
            "arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abcdefghijkl",
            "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/a.b",
        ] {
            #expect(BedrockARN(text)?.description == text)
        }
        #expect(BedrockARN("arn:aws:bedrock:us-east-1::provisioned-model/x") == nil, "an account's resource needs one")
        #expect(BedrockARN("arn:aws:bedrock:us-east-1:1:unknown-thing/x") == nil)
        #expect(BedrockARN("arn:aws:bedrock:us-east-1:1:provisioned-model/") == nil)
        #expect(
            BedrockARN.foundationModel("a.b", region: "eu-west-1").description
                == "arn:aws:bedrock:eu-west-1::foundation-model/a.b")
    }
}
