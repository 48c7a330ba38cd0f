import Manifest
import Testing

/// A region in a manifest's ARN that AWS does not have, or where Bedrock has no endpoint, is an
/// error at validate, naming the file, line and field, and the nearest regions.
@Suite struct RegionValidationTests {
    @Test func anARNsRegionMustBeAnAWSRegionWithBedrock() throws {
        let text = Fixtures.throughput(
            modelId: "arn:aws:bedrock:xx-fake-9::foundation-model/amazon.titan-text-express-v1:0:8k")
        let set = Fixtures.load(text)
        let error = try #require(set.diagnostics.first { $0.severity == .error })
        #expect(error.message.hasPrefix("spec.modelId: xx-fake-9 is not an AWS region; did you mean"))
        #expect(error.mark.line == 6, "the modelId line")
        let noBedrock = Fixtures.load(
            Fixtures.throughput(
                modelId: "arn:aws:bedrock:ap-east-1::foundation-model/amazon.titan-text-express-v1:0:8k"))
        #expect(
            noBedrock.diagnostics.contains {
                $0.severity == .error && $0.message.contains("Amazon Bedrock has no endpoint in ap-east-1")
            })
        let fine = Fixtures.load(
            Fixtures.throughput(
                modelId: "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:8k"))
        #expect(!fine.hasErrors)
    }

    @Test func aProfilesSourceAndADeploymentsModelAreCheckedToo() {
        let text = """
            apiVersion: bedrockctl/v1
            kind: InferenceProfile
            metadata: {name: p}
            spec:
              modelSource:
                copyFrom: "arn:aws:bedrock:us-est-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
            ---
            apiVersion: bedrockctl/v1
            kind: CustomModelDeployment
            metadata: {name: d}
            spec:
              modelArn: arn:aws:bedrock:eu-west-9:000000000000:custom-model/amazon.nova-lite-v1:0:300k/n7v4q2l9x5ka

            """
        let errors = Fixtures.load(text).diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.contains("us-est-1 is not an AWS region; did you mean us-east-1") })
        #expect(errors.contains { $0.contains("eu-west-9 is not an AWS region") })
    }
}
