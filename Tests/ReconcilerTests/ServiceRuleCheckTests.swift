import AWSClient
import BedrockConstraints
import BedrockEmulator
import Foundation
import Manifest
import Testing

@testable import Reconciler

/// Plans refuse what Bedrock would refuse at apply (and the emulator refuses in the same words):
/// a throughput where its model is not sold, a deployment of a model AWS does not deploy on
/// demand, a copy of a system profile the region does not serve, a model the account may not use.
@Suite struct ServiceRuleCheckTests {
    static func blocked(_ plan: Plan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.actions.compactMap { a in a.blocked.map { (a.id, $0) } })
    }

    @Test func aThroughputWhereItsModelIsNotSoldIsBlockedNamingWhereItIs() async throws {
        let r = try Reconcile(region: "eu-west-1")
        let plan = try await r.plan([
            PlannerTests.pt("nova", model: "amazon.nova-lite-v1:0:300k"),
            PlannerTests.pt("haiku", model: "anthropic.claude-3-haiku-20240307-v1:0:48k"),
        ])
        let blocked = Self.blocked(plan)
        #expect(blocked.keys.sorted() == ["ProvisionedThroughput/nova"], "\(blocked)")
        #expect(
            blocked["ProvisionedThroughput/nova"]?.hasPrefix(
                "amazon.nova-lite-v1:0:300k is sold as Provisioned Throughput only in us-east-1, not in eu-west-1")
                == true)
        // Applied anyway (--ignore nothing: the executor refuses a blocked plan), the emulator says no too.
        await #expect(throws: AWSServiceError.self) {
            _ = try await r.client.createProvisionedModelThroughput(
                .init(
                    clientRequestToken: nil, modelUnits: 1, provisionedModelName: "n",
                    modelId: "amazon.nova-lite-v1:0:300k"))
        }
    }

    @Test func aDeploymentOfAModelAWSDoesNotDeployOnDemandIsBlockedNamingTheRule() async throws {
        let r = try Reconcile()
        let titan = "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts"
        let early = "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.nova-lite-v1:0:300k/q9e2d7f5g1hc"
        let plan = try await r.plan([
            DeploymentAndProfileTests.deployment("titan", model: titan),
            DeploymentAndProfileTests.deployment("early", model: early),
            DeploymentAndProfileTests.deployment("nova"),
        ])
        let blocked = Self.blocked(plan)
        #expect(blocked.keys.sorted() == ["CustomModelDeployment/early", "CustomModelDeployment/titan"], "\(blocked)")
        #expect(blocked["CustomModelDeployment/titan"]?.contains("cannot be deployed for on-demand inference") == true)
        #expect(blocked["CustomModelDeployment/early"]?.contains("customized on 2024-01-01, before 2025-07-16") == true)
        let west = try Reconcile(region: "us-west-2")
        let novaWest = "arn:aws:bedrock:us-west-2:000000000000:custom-model/amazon.nova-lite-v1:0:300k/n7v4q2l9x5ka"
        let westPlan = try await west.plan([DeploymentAndProfileTests.deployment("nova", model: novaWest)])
        #expect(Self.blocked(westPlan).values.first?.contains("only in us-east-1, not in us-west-2") == true)
    }

    @Test func aCopyOfASystemProfileTheRegionDoesNotServeIsBlocked() async throws {
        let r = try Reconcile()
        let eu = "arn:aws:bedrock:us-east-1:000000000000:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0"
        let sonnet =
            "arn:aws:bedrock:us-east-1:000000000000:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0"
        let plan = try await r.plan([
            DeploymentAndProfileTests.profile("eu-copy", source: eu),
            DeploymentAndProfileTests.profile("sonnet", source: sonnet),
        ])
        let blocked = Self.blocked(plan)
        #expect(blocked.keys.sorted() == ["InferenceProfile/eu-copy"], "\(blocked)")
        #expect(blocked["InferenceProfile/eu-copy"]?.contains("is not served in us-east-1") == true)
        #expect(try await r.apply([DeploymentAndProfileTests.profile("sonnet", source: sonnet)]).ok)
    }

    @Test func aModelTheAccountMayNotUseBlocksWhatWouldBuyOrDeployIt() async throws {
        var settings = EmulatorSettings()
        settings.modelsNotAuthorized = ["anthropic.claude-3-haiku-20240307-v1:0"]
        settings.modelsWithoutAgreement = ["amazon.nova-lite-v1:0"]
        let r = try Reconcile(settings: settings)
        let plan = try await r.plan([
            PlannerTests.pt("haiku", model: "anthropic.claude-3-haiku-20240307-v1:0:48k"),
            DeploymentAndProfileTests.deployment("nova"),
            PlannerTests.pt("embed", model: "amazon.titan-embed-text-v1:2:8k"),
        ])
        let blocked = Self.blocked(plan)
        #expect(
            blocked["ProvisionedThroughput/haiku"]
                == "anthropic.claude-3-haiku-20240307-v1:0 cannot be used: this account is not authorized to use "
                + "it (NOT_AUTHORIZED) (GetFoundationModelAvailability)")
        #expect(
            blocked["CustomModelDeployment/nova"]?.contains("its model access agreement is NOT_AVAILABLE") == true,
            "\(blocked)")
        #expect(blocked["ProvisionedThroughput/embed"] == nil)
        // The emulator refuses the create itself, as Bedrock does.
        do {
            _ = try await r.client.createProvisionedModelThroughput(
                .init(
                    clientRequestToken: nil, modelUnits: 1, provisionedModelName: "h",
                    modelId: "anthropic.claude-3-haiku-20240307-v1:0:48k", commitmentDuration: .oneMonth))
            Issue.record("a model the account may not use was provisioned")
        } catch let error as AWSServiceError {
            #expect(error.code == "AccessDeniedException" && error.status == 403)
        }
    }
}
