import AWSClient
import BedrockConstraints
import BedrockEmulator
import Foundation
import Manifest
import TestSupport
import Testing

@testable import Reconciler

/// CustomModelDeployment and InferenceProfile, planned and applied against the emulator: create,
/// no change after, the model changed in place, a replacement refused then allowed, prune,
/// adoption, conflicts, a failed deployment replaced, and creates that are never duplicated.
@Suite struct DeploymentAndProfileTests {
    /// Two Nova Lite fine-tunes made after 2025-07-16: the models AWS deploys on demand.
    static let nova =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.nova-lite-v1:0:300k/n7v4q2l9x5ka"
    static let customV2 =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.nova-lite-v1:0:300k/m3c8t6r1w4zb"
    static let haiku = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
    static let usHaiku =
        "arn:aws:bedrock:us-east-1:000000000000:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"

    static func deployment(
        _ name: String = "support", model: String = nova, description: String? = "support bot",
        tags: [String: String] = ["team": "ml"], smokeTest: SmokeTest? = nil
    ) -> ManifestResource {
        .customModelDeployment(
            CustomModelDeploymentSpec(
                name: name, modelArn: model, description: description, tags: tags, smokeTest: smokeTest,
                source: EndToEndTests.source))
    }

    static func profile(
        _ name: String = "team-a", source: String = haiku, description: String? = nil,
        tags: [String: String] = ["team": "a"], smokeTest: SmokeTest? = nil
    ) -> ManifestResource {
        .inferenceProfile(
            InferenceProfileSpec(
                name: name, copyFrom: source, description: description, tags: tags, smokeTest: smokeTest,
                source: EndToEndTests.source))
    }

    static func liveDeployment(
        _ name: String, model: String = nova, description: String? = "support bot",
        status: Bedrock.CustomModelDeploymentStatus = .active, owner: String? = "s", id: String = "aaaaaaaaaaaa"
    ) -> LiveState.Deployment {
        LiveState.Deployment(
            arn: "arn:aws:bedrock:us-east-1:000000000000:custom-model-deployment/\(id)", name: name, modelArn: model,
            status: status, description: description, updatingTo: nil, failureMessage: nil,
            creationTime: PlannerTests.now,
            tags: owner.map { ["bedrockctl:stack": $0, "bedrockctl:name": name] } ?? [:])
    }

    static func liveProfile(
        _ name: String, models: [String] = [haiku.replacingOccurrences(of: "::", with: ":us-east-1:")],
        owner: String? = "s", id: String = "pppppppppppp"
    ) -> LiveState.InferenceProfile {
        LiveState.InferenceProfile(
            arn: "arn:aws:bedrock:us-east-1:000000000000:application-inference-profile/\(id)", name: name, id: id,
            description: nil, models: models, creationTime: PlannerTests.now,
            tags: owner.map { ["bedrockctl:stack": $0, "bedrockctl:name": name] } ?? [:])
    }

    /// A plan of every action the two kinds have: create, update in place, replace, tag, wait,
    /// conflict, delete.
    static var namedPlan: Plan {
        let live = LiveState(
            region: "us-east-1",
            deployments: [
                liveDeployment("moved", id: "aaaaaaaaaaa1"), liveDeployment("reworded", id: "aaaaaaaaaaa2"),
                liveDeployment("starting", status: .creating, id: "aaaaaaaaaaa3"),
                liveDeployment("gone", id: "aaaaaaaaaaa4"), liveDeployment("taken", owner: nil, id: "aaaaaaaaaaa5"),
            ],
            inferenceProfiles: [liveProfile("retagged", id: "ppppppppppp1"), liveProfile("old", id: "ppppppppppp2")])
        let desired = [
            deployment("fresh"), deployment("moved", model: customV2), deployment("reworded", description: "v2"),
            deployment("starting"), deployment("taken"),
            profile("new-profile", description: "Team A"), profile("retagged", tags: ["team": "b"]),
        ]
        var planner = Planner(stack: "s", options: PlanOptions(prune: true, allowReplace: true), now: PlannerTests.now)
        planner.declaredElsewhere = []
        return planner.plan(desired, live: live)
    }

    @Test func theNamedPlanHasEveryActionOfTheKinds() {
        let plan = Self.namedPlan
        #expect(
            Self.summary(plan).sorted() == [
                "CustomModelDeployment/fresh create", "CustomModelDeployment/gone delete",
                "CustomModelDeployment/moved update", "CustomModelDeployment/reworded replace",
                "CustomModelDeployment/starting wait", "CustomModelDeployment/taken conflict",
                "InferenceProfile/new-profile create", "InferenceProfile/old delete", "InferenceProfile/retagged tag",
            ])
    }

    /// The source of a live profile is compared through its models: the same foundation model
    /// or system profile is no change; another model, or one region against several, is.
    @Test func aProfilesSourceIsComparedThroughItsModels() {
        let one = Self.liveProfile("p")
        let regions = ["us-east-1", "us-east-2", "us-west-2"].map {
            "arn:aws:bedrock:\($0)::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"
        }
        let spanning = Self.liveProfile("p", models: regions)
        #expect(InferenceProfileKind.liveSource(one, wanted: Self.haiku) == Self.haiku)
        #expect(InferenceProfileKind.liveSource(spanning, wanted: Self.usHaiku) == Self.usHaiku)
        #expect(InferenceProfileKind.liveSource(one, wanted: Self.usHaiku) != Self.usHaiku)
        #expect(InferenceProfileKind.liveSource(spanning, wanted: Self.haiku) != Self.haiku)
        let nova = "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
        #expect(InferenceProfileKind.liveSource(one, wanted: nova) != nova)
        // The same model in Europe is another source: its regions tell.
        let euHaiku = Self.usHaiku.replacingOccurrences(of: "/us.", with: "/eu.")
        #expect(InferenceProfileKind.liveSource(spanning, wanted: euHaiku) != euHaiku)
    }

    static func summary(_ plan: Plan) -> [String] {
        plan.actions.map { "\($0.id) \($0.type.rawValue)" }
    }

    @Test func createThenNothingToDo() async throws {
        let r = try Reconcile()
        let desired = [Self.deployment(), Self.profile(), Self.profile("team-b", source: Self.usHaiku)]
        let first = try await r.plan(desired)
        #expect(
            Self.summary(first) == [
                "CustomModelDeployment/support create", "InferenceProfile/team-a create",
                "InferenceProfile/team-b create",
            ])
        let report = try await r.apply(desired)
        #expect(report.ok, "\(report.outcomes)")
        let live = try await r.reconciliation.plan(Reconcile.request(desired, PlanOptions()))
        #expect(!live.hasChanges, "\(Self.summary(live))")
        let deployments = try await r.client.listCustomModelDeployments().collect()
        #expect(deployments.map(\.status) == [.active], "apply waited for Active")
        let tags = try await r.client.listTagsForResource(deployments[0].customModelDeploymentArn)
        #expect(Set(tags.map(\.key)) == ["team", "bedrockctl:stack", "bedrockctl:name"])
        // Applying again, and a second apply of the first plan's creates, make nothing new.
        #expect(try await r.apply(desired).ok)
        #expect(try await r.client.listCustomModelDeployments().collect().count == 1)
        #expect(try await r.client.listInferenceProfiles(type: .application).collect().count == 2)
    }

    @Test func aModelChangeIsMadeInPlace() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([Self.deployment()]).ok)
        let arn = try await r.client.listCustomModelDeployments().collect()[0].customModelDeploymentArn
        let changed = [Self.deployment(model: Self.customV2)]
        let plan = try await r.plan(changed)
        let action = try #require(plan.actions.first)
        #expect(action.type == .update && action.blocked == nil)
        #expect(action.changes.map(\.field) == ["modelArn"])
        #expect(action.steps.first == Step(DeploymentStep.updateDeployment(target: arn, modelArn: Self.customV2)))
        #expect(try await r.apply(changed).ok)
        let live = try await r.client.getCustomModelDeployment(arn)
        #expect(live.modelArn == Self.customV2 && live.updateDetails?.updateStatus == .updateCompleted)
        #expect(!(try await r.plan(changed)).hasChanges)
    }

    @Test func aDescriptionOrSourceChangeIsAReplacementThatNeedsAllowReplace() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([Self.deployment(), Self.profile()]).ok)
        let changed = [Self.deployment(description: "support bot v2"), Self.profile(source: Self.usHaiku)]
        let plan = try await r.plan(changed)
        #expect(plan.actions.map(\.type) == [.replace, .replace])
        #expect(plan.actions.allSatisfy { $0.blocked?.contains("--allow-replace") == true })
        #expect(
            plan.actions.flatMap(\.changes).filter(\.forcesReplacement).map(\.field) == [
                "description", "modelSource.copyFrom",
            ])
        let refused = try await r.apply(changed)
        #expect(refused.skipped == 2 && refused.succeeded == 0, "a blocked plan runs nothing: \(refused.outcomes)")
        let report = try await r.apply(changed, PlanOptions(allowReplace: true))
        #expect(report.ok, "\(report.outcomes)")
        #expect(!(try await r.plan(changed)).hasChanges)
        let profiles = try await r.client.listInferenceProfiles(type: .application).collect()
        #expect(profiles.count == 1 && profiles[0].models.count == 3, "the profile now spans the US regions")
    }

    @Test func pruneAdoptionAndConflicts() async throws {
        let r = try Reconcile()
        #expect(try await r.apply([Self.deployment(), Self.profile()]).ok)
        let kept = try await r.plan([])
        #expect(kept.actions.map(\.type) == [.wouldPrune, .wouldPrune])
        #expect(try await r.apply([], PlanOptions(prune: true)).ok)
        #expect(try await r.client.listCustomModelDeployments().collect().isEmpty)
        #expect(try await r.client.listInferenceProfiles(type: .application).collect().isEmpty)

        // Made by hand: a conflict, until adopted; adopting adds only the ownership tags.
        _ = try await r.client.createCustomModelDeployment(
            .init(
                modelDeploymentName: "support", modelArn: Self.nova, description: "support bot",
                tags: [.init(key: "team", value: "ml")]))
        _ = try await r.client.createInferenceProfile(
            .init(
                inferenceProfileName: "team-a", modelSource: .init(copyFrom: Self.haiku),
                tags: [.init(key: "team", value: "a")]))
        r.clock.advance(60)
        let desired = [Self.deployment(), Self.profile()]
        let conflicted = try await r.plan(desired)
        #expect(conflicted.actions.map(\.type) == [.conflict, .conflict])
        #expect(conflicted.actions.allSatisfy { $0.reason.contains("adopt it with --adopt") })
        let adopting = try await r.plan(desired, PlanOptions(adopt: true))
        #expect(adopting.actions.map(\.type) == [.tag, .tag])
        for action in adopting.actions {
            #expect(Set(action.changes.map(\.field)) == ["tags.bedrockctl:stack", "tags.bedrockctl:name"])
        }
        #expect(try await r.apply(desired, PlanOptions(adopt: true)).ok)
        #expect(!(try await r.plan(desired)).hasChanges)

        // Another stack's resource of the same name is a conflict, adopt or not.
        let other = try await r.client.listCustomModelDeployments().collect()[0].customModelDeploymentArn
        try await r.client.tagResource(other, tags: [.init(key: "bedrockctl:stack", value: "someone-else")])
        let theirs = try await r.plan(desired, PlanOptions(adopt: true))
        #expect(theirs.actions.first?.type == .conflict)
        #expect(theirs.actions.first?.reason.contains("managed by stack someone-else") == true)
    }

    @Test func aFailedDeploymentIsReplacedAndACreatingOneWaitedFor() async throws {
        var settings = EmulatorSettings()
        settings.failProvisioningOf = ["doomed"]
        let r = try Reconcile(settings: settings)
        let doomed = [Self.deployment("doomed")]
        let report = try await r.apply(doomed)
        #expect(!report.ok, "the wait reports the failure")
        let plan = try await r.plan(doomed)
        #expect(plan.actions.first?.type == .replace && plan.actions.first?.blocked == nil, "\(Self.summary(plan))")
        #expect(plan.actions.first?.reason.contains("failed") == true)

        let fresh = try Reconcile()
        _ = try await fresh.client.createCustomModelDeployment(
            .init(
                modelDeploymentName: "support", modelArn: Self.nova, description: "support bot",
                tags: [
                    .init(key: "bedrockctl:stack", value: "e2e"), .init(key: "bedrockctl:name", value: "support"),
                    .init(key: "team", value: "ml"),
                ]))
        let waiting = try await fresh.plan([Self.deployment()])
        #expect(waiting.actions.first?.type == .wait)
        #expect(waiting.actions.first?.steps == [Step(DeploymentStep.waitForDeployment(name: "support"))])
    }

    @Test func aCreateRepeatedAfterACrashFindsTheFirstByItsToken() async throws {
        let r = try Reconcile()
        let desired = [Self.deployment(), Self.profile()]
        let plan = try await r.plan(desired)
        // The first run's creates happen, then the process dies before it records anything.
        for action in plan.actions {
            for step in action.steps {
                if case .createDeployment? = step.as(DeploymentStep.self) {
                    try await Executor(client: r.client).perform(step, for: action.id)
                }
                if case .createInferenceProfile? = step.as(InferenceProfileStep.self) {
                    try await Executor(client: r.client).perform(step, for: action.id)
                }
            }
        }
        // The same plan run again creates nothing more: the tokens answer with the first ones.
        let report = await Executor(client: r.client, clock: r.clock.clock, pollInterval: .seconds(1)).apply(plan)
        #expect(report.ok, "\(report.outcomes)")
        #expect(try await r.client.listCustomModelDeployments().collect().count == 1)
        #expect(try await r.client.listInferenceProfiles(type: .application).collect().count == 1)
    }

    /// The count quotas: a plan past them is blocked, naming the quota; `--ignore-quotas` lets
    /// apply try, and the service refuses the create past the quota, creating nothing.
    @Test func aPlanPastTheProfileQuotaIsBlocked() async throws {
        var settings = EmulatorSettings()
        settings.quotas["L-40EC9882"] = 2
        settings.quotas["L-1EF80F3E"] = 1
        let r = try Reconcile(settings: settings)
        #expect(try await r.apply([Self.profile("one")]).ok)
        let desired = [Self.profile("one"), Self.profile("two"), Self.profile("three"), Self.deployment()]
        let plan = try await r.plan(desired)
        let blocked = plan.actions.filter { $0.blocked != nil }
        #expect(
            blocked.map(\.id) == ["InferenceProfile/three", "InferenceProfile/two"].sorted(), "\(Self.summary(plan))")
        #expect(blocked.first?.blocked?.contains("needs 3 application inference profiles") == true, "\(blocked)")
        #expect(plan.actions.first { $0.id == "CustomModelDeployment/support" }?.blocked == nil)
        let report = try await r.apply(desired, PlanOptions(ignoreQuotas: true))
        #expect(report.failed == 1, "the service refuses the profile past its quota: \(report.outcomes)")
        #expect(try await r.client.listInferenceProfiles(type: .application).collect().count == 2)
    }

    /// A prune, and the delete of a replacement, free their places under the count quota before
    /// the plan's creates take them: at a quota of 2 with 2 in use, replacing one profile and
    /// creating a third fits only when another is pruned.
    @Test func prunesAndReplacementsFreeTheirPlaceUnderTheCountQuota() async throws {
        var settings = EmulatorSettings()
        settings.quotas["L-40EC9882"] = 2
        let r = try Reconcile(settings: settings)
        #expect(try await r.apply([Self.profile("one"), Self.profile("two")]).ok)
        let desired = [Self.profile("one", description: "changed"), Self.profile("three")]
        let kept = try await r.plan(desired, PlanOptions(allowReplace: true))
        let blocked = kept.actions.filter { $0.blocked != nil }.map(\.id)
        #expect(blocked == ["InferenceProfile/one", "InferenceProfile/three"], "\(Self.summary(kept))")
        #expect(
            kept.actions.first?.blocked?.contains("needs 3 application inference profiles") == true,
            "\(kept.actions.map { $0.blocked ?? "-" })")
        let pruned = try await r.plan(desired, PlanOptions(prune: true, allowReplace: true))
        #expect(
            Self.summary(pruned).sorted() == [
                "InferenceProfile/one replace", "InferenceProfile/three create", "InferenceProfile/two delete",
            ])
        #expect(pruned.actions.allSatisfy { $0.blocked == nil }, "\(pruned.actions.compactMap(\.blocked))")
        #expect(try await r.apply(desired, PlanOptions(prune: true, allowReplace: true)).ok)
        #expect(try await r.client.listInferenceProfiles(type: .application).collect().count == 2)
    }

    @Test func smokeTestsInvokeTheDeploymentAndTheProfile() async throws {
        let r = try Reconcile()
        // Converse: one test for the Nova deployment and the Claude profile alike.
        let test = SmokeTest(
            call: .converse(prompt: "Reply with the word pong."), contains: ["pong"], source: EndToEndTests.source)
        let desired = [Self.deployment(smokeTest: test), Self.profile(smokeTest: test)]
        #expect(try await r.apply(desired).ok)
        let runtime = BedrockRuntimeClient(
            service: ServiceClient(
                transport: EmulatorTransport(r.emulator), credentials: Clients.credentialsForEmulator,
                region: "us-east-1", endpoint: URL(string: "http://127.0.0.1")!, signingName: "bedrock",
                clock: r.clock.clock))
        let results = await SmokeTestRunner(bedrock: r.client, runtime: runtime).run(desired)
        #expect(results.map(\.id) == ["CustomModelDeployment/support", "InferenceProfile/team-a"])
        #expect(results.allSatisfy { $0.passed }, "\(results)")
    }
}
