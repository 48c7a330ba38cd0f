import BedrockConstraints
import Foundation
import Testing

/// What Bedrock refuses beyond its shapes, from the catalogue's rows.
@Suite struct BedrockRulesTests {
    @Test func aThroughputIsRefusedWhereTheModelIsNotSoldNamingWhereItIs() throws {
        let nova = try #require(
            BedrockRules.provisionedThroughputRefusal(variant: "amazon.nova-lite-v1:0:300k", region: "eu-west-1"))
        #expect(
            nova.hasPrefix(
                "amazon.nova-lite-v1:0:300k is sold as Provisioned Throughput only in us-east-1, not in eu-west-1"))
        let express = try #require(
            BedrockRules.provisionedThroughputRefusal(variant: "amazon.titan-text-express-v1:0:8k", region: "ap-east-2")
        )
        #expect(express.contains("only in us-east-1, us-west-2, not in ap-east-2"))
        #expect(
            BedrockRules.provisionedThroughputRefusal(variant: "amazon.nova-lite-v1:0:300k", region: "us-east-1") == nil
        )
        #expect(BedrockRules.provisionedThroughputRefusal(variant: "acme.unknown-v1:0:8k", region: "us-east-1") == nil)
    }

    @Test func onDemandDeploymentTakesNovaCustomizationsMadeSinceJuly2025() throws {
        let recent = Date(timeIntervalSince1970: 1_756_684_800)  // 2025-09-01
        let early = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01
        #expect(
            BedrockRules.onDemandDeploymentRefusal(
                base: "amazon.nova-lite-v1:0:300k", region: "us-east-1", customizedAt: recent) == nil)
        let titan = try #require(
            BedrockRules.onDemandDeploymentRefusal(
                base: "amazon.titan-text-express-v1:0:8k", region: "us-east-1", customizedAt: recent))
        #expect(
            titan.hasPrefix("custom models of amazon.titan-text-express-v1 cannot be deployed for on-demand inference"))
        let west = try #require(
            BedrockRules.onDemandDeploymentRefusal(
                base: "amazon.nova-lite-v1:0:300k", region: "us-west-2", customizedAt: recent))
        #expect(west.contains("only in us-east-1, not in us-west-2"))
        let old = try #require(
            BedrockRules.onDemandDeploymentRefusal(
                base: "amazon.nova-lite-v1:0:300k", region: "us-east-1", customizedAt: early))
        #expect(old.hasPrefix("the custom model was customized on 2024-01-01, before 2025-07-16"))
        #expect(
            BedrockRules.onDemandDeploymentRefusal(
                base: "meta.llama3-3-70b-instruct-v1:0", region: "us-west-2", customizedAt: recent) == nil)
        // A customization's ARN names its base by a context variant the catalogue need not list.
        #expect(
            BedrockRules.onDemandDeploymentRefusal(
                base: "meta.llama3-3-70b-instruct-v1:0:128k", region: "us-west-2", customizedAt: recent) == nil)
    }

    @Test func aSystemProfileIsServedOnlyWhereItIsCalledFrom() throws {
        let eu = try #require(
            BedrockRules.systemProfileRefusal(id: "eu.anthropic.claude-3-haiku-20240307-v1:0", region: "us-east-1"))
        #expect(eu.contains("is not served in us-east-1; it is called from eu-central-1, eu-west-1, eu-west-3"))
        #expect(
            BedrockRules.systemProfileRefusal(id: "us.anthropic.claude-3-5-sonnet-20240620-v1:0", region: "us-west-2")
                == nil)
    }

    @Test func aRegionThatIsNoneOfAWSsIsRefusedWithTheNearest() throws {
        #expect(BedrockRegions.problem("us-east-1") == nil)
        let fake = try #require(BedrockRegions.problem("xx-fake-9"))
        #expect(fake.hasPrefix("xx-fake-9 is not an AWS region; did you mean "))
        let typo = try #require(BedrockRegions.problem("us-est-1"))
        #expect(typo.contains("did you mean us-east-1"))
        let noBedrock = try #require(BedrockRegions.problem("ap-east-1"))
        #expect(
            noBedrock.hasPrefix(
                "Amazon Bedrock has no endpoint in ap-east-1; the nearest regions that have one: ap-east-2"))
    }
}
