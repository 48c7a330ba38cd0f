import AWSClient
import BedrockConstraints
import Foundation
import Manifest
import Testing

@testable import Reconciler

@Suite struct ImportPlannerTests {
    static func job(_ name: String = "llama", model: String = "llama-ft", uri: String = "s3://b/m/") -> ManifestResource
    {
        .modelImportJob(
            ModelImportJobSpec(
                name: name, importedModelName: model, roleArn: "arn:aws:iam::000000000000:role/r", s3Uri: uri,
                importedModelTags: ["env": "prod"], source: PlannerTests.source))
    }

    static func liveJob(
        _ jobName: String, status: Bedrock.ModelImportJobStatus, owner: String? = "llama", failure: String? = nil,
        age: TimeInterval = 100
    ) -> LiveState.ImportJob {
        LiveState.ImportJob(
            arn: "arn:aws:bedrock:us-east-1:000000000000:model-import-job/\(jobName.prefix(12))", jobName: jobName,
            status: status,
            importedModelName: "llama-ft", importedModelArn: nil,
            creationTime: PlannerTests.now.addingTimeInterval(-age), failureMessage: failure,
            tags: owner.map { [OwnershipTags.stackKey: "prod", OwnershipTags.nameKey: $0] } ?? [:])
    }

    static func liveModel(
        _ name: String = "llama-ft", owner: String? = "llama", uri: String = "s3://b/m/",
        tags: [String: String] = ["env": "prod"]
    ) -> LiveState.ImportedModel {
        var all = tags
        if let owner {
            all[OwnershipTags.stackKey] = "prod"
            all[OwnershipTags.nameKey] = owner
        }
        return LiveState.ImportedModel(
            arn: "arn:aws:bedrock:us-east-1:000000000000:imported-model/abcdefghijkl", name: name,
            creationTime: PlannerTests.now, s3Uri: uri, tags: all)
    }

    @Test func aMissingModelIsImportedUnderTheManifestsName() throws {
        let plan = PlannerTests.plan([Self.job()])
        let action = try #require(plan.actions.first)
        #expect(action.type == .create)
        guard
            case .createImportJob(let jobName, let model, _, let uri, _, _, _, let jobTags, let modelTags, let token)? =
                action.steps[0].as(ImportStep.self)
        else {
            Issue.record("no create")
            return
        }
        #expect(jobName == "llama" && model == "llama-ft" && uri == "s3://b/m/")
        #expect(jobTags == ["bedrockctl:stack": "prod", "bedrockctl:name": "llama"])
        #expect(modelTags == ["env": "prod", "bedrockctl:stack": "prod", "bedrockctl:name": "llama"])
        #expect(token.hasPrefix("bctl-"))
    }

    @Test func anExistingModelIsNoChangeAndDriftIsReported() {
        #expect(PlannerTests.plan([Self.job()], models: [Self.liveModel()]).actions.map(\.type) == [.noop])
        let drift = PlannerTests.plan([Self.job(uri: "s3://b/v2/")], models: [Self.liveModel()])
        #expect(drift.actions.map(\.type) == [.noop])
        #expect(
            drift.warnings.first?.contains("drift: llama-ft was imported from s3://b/m/, the manifest says s3://b/v2/")
                == true)
        #expect(PlannerTests.plan([Self.job()], models: [Self.liveModel(tags: [:])]).actions.map(\.type) == [.tag])
    }

    @Test func aRunningJobIsWaitedForAndAFailedOneRetriedUnderANewName() throws {
        let running = PlannerTests.plan([Self.job()], jobs: [Self.liveJob("llama", status: .inProgress)])
        #expect(running.actions.map(\.type) == [.wait])
        let failed = PlannerTests.plan(
            [Self.job()], jobs: [Self.liveJob("llama", status: .failed, failure: "access denied to s3://b/m/")])
        let retry = try #require(failed.actions.first)
        #expect(retry.type == .create)
        #expect(retry.reason == "import job llama failed: access denied to s3://b/m/; a new job is planned")
        guard case .createImportJob(let jobName, _, _, _, _, _, _, _, _, _)? = retry.steps[0].as(ImportStep.self) else {
            Issue.record("no create")
            return
        }
        #expect(jobName == "llama-r2")
        let twice = PlannerTests.plan(
            [Self.job()],
            jobs: [
                Self.liveJob("llama", status: .failed, age: 200), Self.liveJob("llama-r2", status: .failed, age: 100),
            ])
        guard
            case .createImportJob(let third, _, _, _, _, _, _, _, _, _)? = twice.actions[0].steps[0].as(ImportStep.self)
        else {
            Issue.record("no create")
            return
        }
        #expect(third == "llama-r3")
        #expect(ImportPlannerTests.retryName(String(repeating: "j", count: 63)).count == 63)
    }

    static func retryName(_ name: String) -> String { Planner.retryJobName(name, attempt: 12) }

    @Test func unownedModelsConflictAndOwnedOnesArePrunedOnlyWithPrune() {
        #expect(
            PlannerTests.plan([Self.job()], models: [Self.liveModel(owner: nil)]).actions.map(\.type) == [.conflict])
        #expect(
            PlannerTests.plan([Self.job()], models: [Self.liveModel(owner: nil)], options: PlanOptions(adopt: true))
                .actions.map(\.type) == [.tag])
        #expect(PlannerTests.plan([], models: [Self.liveModel()]).actions.map(\.type) == [.wouldPrune])
        let pruned = PlannerTests.plan([], models: [Self.liveModel()], options: PlanOptions(prune: true))
        #expect(pruned.actions.first?.steps == [Step(ImportStep.deleteImportedModel(arn: Self.liveModel().arn))])
    }
}
