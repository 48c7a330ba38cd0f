import BedrockConstraints
import Testing

@Suite struct FoundationModelArnTests {
    @Test(arguments: [
        (
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k",
            "amazon.titan-text-express-v1:0:8k" as String?
        ),
        ("arn:aws-cn:bedrock:cn-north-1::foundation-model/a.b", "a.b"),
        ("arn:aws:bedrock:us-east-1:111122223333:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456", nil),
        ("amazon.titan-text-express-v1", nil),
        ("arn:aws:bedrock:foundation-model/x.y", nil),
    ])
    func modelIdFromArn(_ arn: String, _ expected: String?) {
        #expect(FoundationModelArn.modelId(in: arn) == expected)
    }
}
