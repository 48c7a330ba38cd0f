import AWSClient
import BedrockConstraints
import Manifest
import YAML

/// `kind: CustomModelDeployment`: the model changes in place (UpdateCustomModelDeployment); the
/// name and the description cannot, so a change of either replaces the deployment. A failed
/// deployment is replaced; one still Creating, or updating, is waited for.
enum DeploymentKind: NamedReconcilerKind {
    typealias Spec = CustomModelDeploymentSpec
    typealias Live = LiveState.Deployment
    typealias Call = DeploymentStep

    static var taggingTypes: [String] { ["bedrock:custom-model-deployment"] }
    static var noun: String { "custom model deployment" }
    static func live(in state: LiveState) -> [Live] { state.deployments }
    static func tags(of spec: Spec) -> [String: String] { spec.tags }

    static func fields(of spec: Spec, live: Live?) -> [FieldDiff] {
        [
            FieldDiff(
                field: "modelDeploymentName", before: live?.name, after: spec.modelDeploymentName, inPlace: false),
            FieldDiff(field: "modelArn", before: live?.modelArn, after: spec.modelArn, inPlace: true),
            FieldDiff(field: "description", before: live?.description, after: spec.description, inPlace: false),
        ]
    }

    static func tokenSpec(_ spec: Spec) -> String {
        "\(spec.modelDeploymentName)|\(spec.modelArn)|\(spec.description ?? "-")"
    }

    static func createSteps(_ spec: Spec, tags: [String: String], token: String) -> [Call] {
        [
            .createDeployment(
                name: spec.modelDeploymentName, modelArn: spec.modelArn, description: spec.description, tags: tags,
                token: token),
            .waitForDeployment(name: spec.modelDeploymentName),
        ]
    }

    static func updateSteps(_ spec: Spec, live: Live) -> [Call] {
        guard spec.modelArn != live.modelArn else { return [] }
        return [
            .updateDeployment(target: live.arn, modelArn: spec.modelArn), .waitForDeployment(name: live.name),
        ]
    }

    static func deleteSteps(_ live: Live) -> [Call] { [.deleteDeployment(target: live.arn)] }

    static func failure(of live: Live) -> String? {
        live.status == .failed ? live.failureMessage ?? "no reason given" : nil
    }

    static func pending(_ live: Live) -> (status: String, steps: [Call])? {
        if live.status == .creating { return ("Creating", [.waitForDeployment(name: live.name)]) }
        if let target = live.updatingTo {
            return ("updating to \(target)", [.waitForDeployment(name: live.name)])
        }
        return nil
    }

    /// The whole deployment (its description and update), which the list leaves out: read for the
    /// stack's own and for those it may adopt.
    static func detail(
        of arn: String, tags: [String: String], stack: String, client: BedrockClient
    ) async throws -> (any Sendable)? {
        guard [stack, nil].contains(tags[OwnershipTags.stackKey]) else { return nil }
        return try await client.getCustomModelDeployment(arn)
    }

    static func list(_ client: BedrockClient, wanted: Set<String>) async throws -> KindListing {
        let listed = try await client.listCustomModelDeployments(.init(maxResults: LiveStateReader.pageSize))
            .collect()
        return KindListing(
            resources: listed.map {
                ($0.customModelDeploymentArn, wanted.contains($0.customModelDeploymentName))
            }
        ) { state, read in
            state.deployments = listed.filter { read.here($0.customModelDeploymentArn) }.map { s in
                // The list leaves out the description and the update: read for the stack's own
                // deployments and unmanaged ones.
                let full = read.detail(s.customModelDeploymentArn, as: Bedrock.CustomModelDeployment.self)
                return LiveState.Deployment(
                    arn: s.customModelDeploymentArn, name: s.customModelDeploymentName,
                    modelArn: full?.modelArn ?? s.modelArn, status: full?.status ?? s.status,
                    description: full?.description,
                    updatingTo: full?.updateDetails.flatMap { $0.updateStatus == .updating ? $0.modelArn : nil },
                    failureMessage: full?.failureMessage ?? s.failureMessage, creationTime: s.createdAt,
                    tags: read.tags(s.customModelDeploymentArn))
            }
        }
    }

    static var getKinds: [String] { ["deployments"] }

    static func rows(_ live: LiveState) -> [(getKind: String, row: LiveRow)] {
        live.deployments.map { d in
            (
                "deployments",
                LiveRow(
                    kind: kind.rawValue, name: d.name, status: d.updatingTo == nil ? d.status.rawValue : "Updating",
                    model: LiveRow.shortModel(d.modelArn), tags: d.tags, arn: d.arn)
            )
        }
    }

    static var digestPrefix: String { "CMD" }

    /// Active.
    static func invocable(
        _ resource: ManifestResource, bedrock: BedrockClient
    ) async throws -> Result<String, SmokeTestRunner.NotReady> {
        guard let spec = spec(of: resource) else { return .failure(.init(message: "not a deployment")) }
        let deployment = try await bedrock.getCustomModelDeployment(spec.modelDeploymentName)
        guard deployment.status == .active else {
            return .failure(.init(message: "\(spec.modelDeploymentName) is \(deployment.status), not Active"))
        }
        return .success(deployment.customModelDeploymentArn)
    }

    static let liveRecords: [any LiveRecord.Type] = [LiveState.Deployment.self]

    /// Every deployment counts against the total; those still being created against the quota
    /// on deployments in progress, which a delete does not free (one Creating cannot be deleted).
    static func countQuotas(_ live: LiveState) -> [QuotaCheck.CountUse] {
        [
            .init(quota: .quota(.customModelDeployments), inUse: live.deployments.count),
            .init(
                quota: .quota(.inProgressDeployments), inUse: live.deployments.filter { $0.status == .creating }.count,
                freedByDeletes: false),
        ]
    }

    static func export(
        _ live: LiveState, wanted: @Sendable ([String: String]) -> Bool, with export: Export
    ) async throws -> (documents: [YAMLValue], warnings: [String]) {
        (live.deployments.filter { wanted($0.tags) }.sorted { $0.name < $1.name }.map(Export.deploymentDocument), [])
    }
}
