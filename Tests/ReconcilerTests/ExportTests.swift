import AWSClient
import Foundation
import Manifest
import TestSupport
import Testing
import YAML

@testable import Reconciler

/// `export` writes manifests that plan back to nothing: for every kind, the stack's own resources
/// show no change, and resources no stack manages show only the ownership tags an adoption adds.
@Suite struct ExportTests {
    static func load(_ text: String) throws -> ManifestSet {
        let set = ManifestLoader.load([ManifestInput(path: "exported.yaml", bytes: Array(text.utf8))])
        #expect(!set.hasErrors, "\(set.diagnostics)\n\(text)")
        return set
    }

    static func yaml(_ r: Reconcile, includeUnmanaged: Bool) async throws -> String {
        let result = try await Export(client: r.client, region: "us-east-1").export(
            stack: "e2e", includeUnmanaged: includeUnmanaged)
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        return try YAMLEmitter.emit(result.documents)
    }

    @Test func theStacksOwnResourcesOfEveryKindExportToManifestsThatPlanNoChanges() async throws {
        let r = try Reconcile()
        let desired = [
            EndToEndTests.pt("plain"),
            EndToEndTests.pt(
                "renamed", modelName: "renamed-prod", units: 2, commitment: .oneMonth, tags: ["code": "007"]),
            .provisionedThroughput(
                ProvisionedThroughputSpec(
                    name: "custom", modelId: EndToEndTests.custom, modelUnits: 1, tags: ["team": "true"],
                    source: EndToEndTests.source)),
            EndToEndTests.job("llama"),
            DeploymentAndProfileTests.deployment("support"),
            .customModelDeployment(
                CustomModelDeploymentSpec(
                    name: "bot", modelDeploymentName: "bot-prod", modelArn: DeploymentAndProfileTests.nova, tags: [:],
                    source: EndToEndTests.source)),
            DeploymentAndProfileTests.profile("team-a", description: "Team A"),
            DeploymentAndProfileTests.profile("team-b", source: DeploymentAndProfileTests.usHaiku),
        ]
        #expect(try await r.apply(desired).ok)
        let text = try await Self.yaml(r, includeUnmanaged: false)
        let manifests = try Self.load(text)
        #expect(manifests.stack?.name == "e2e")
        #expect(
            Set(manifests.resources.map(\.name))
                == ["plain", "renamed", "custom", "llama", "support", "bot", "team-a", "team-b"], "\(text)")
        #expect(Set(manifests.resources.map(\.kind)) == Set(ManifestResource.Kind.allCases), "every kind exported")
        let plan = try await r.plan(manifests.resources)
        #expect(!plan.hasChanges, "\(plan.changes.map { "\($0.id) \($0.type) \($0.changes.map(\.field))" })\n\(text)")
        #expect(plan.warnings.isEmpty, "no drift either: \(plan.warnings)")
        #expect(
            text.contains("code: '007'") || text.contains("code: \"007\""),
            "a string that looks like a number is quoted")
    }

    @Test func unmanagedResourcesExportForAdoptionAndAdoptingThemIsTheOnlyChange() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([EndToEndTests.pt("owned")]).ok)
        _ = try await r.client.createProvisionedModelThroughput(
            .init(
                clientRequestToken: nil, modelUnits: 1, provisionedModelName: "loose",
                modelId: "amazon.titan-text-express-v1:0:8k",
                tags: [.init(key: "team", value: "ops")]))
        _ = try await r.client.createModelImportJob(
            .init(
                jobName: "hand-made", importedModelName: "hand-made-model",
                roleArn: "arn:aws:iam::000000000000:role/Import",
                modelDataSource: .init(s3Uri: "s3://acme/hand/"),
                importedModelTags: [.init(key: "env", value: "dev")]))
        r.clock.advance(3600)
        let text = try await Self.yaml(r, includeUnmanaged: true)
        let manifests = try Self.load(text)
        #expect(Set(manifests.resources.map(\.name)) == ["owned", "loose", "hand-made"], "\(text)")
        let adopting = try await r.plan(manifests.resources, PlanOptions(adopt: true))
        let changed = adopting.changes
        #expect(Set(changed.map(\.id)) == ["ProvisionedThroughput/loose", "ModelImportJob/hand-made"], "\(text)")
        for action in changed {
            #expect(action.type == .tag, "\(action.id): \(action.type)")
            #expect(
                Set(action.changes.map(\.field)) == ["tags.bedrockctl:stack", "tags.bedrockctl:name"],
                "\(action.id) adds the ownership tags and nothing else: \(action.changes.map(\.field))")
        }
        #expect(try await r.apply(manifests.resources, PlanOptions(adopt: true)).ok)
        let after = try await r.plan(manifests.resources)
        #expect(!after.hasChanges, "\(after.changes.map(\.id))")
    }
}
