import AWSClient
import Foundation
import Manifest
import YAML

/// `kind: ProvisionedThroughput`: renames and custom-model changes in place, replacements
/// (destroy-before-create or create-before-destroy) guarded by commitments, quotas per model unit.
enum ThroughputKind: ReconcilerKindUnit {
    static var kind: PlanAction.Kind { .provisionedThroughput }
    static var taggingTypes: [String] { ["bedrock:provisioned-model"] }

    static func plan(
        _ desired: [ManifestResource], live: LiveState, planner: Planner, into draft: inout Planner.Draft
    ) {
        let specs = desired.compactMap { $0.spec(ProvisionedThroughputSpec.self) }
        for pt in specs { planner.planThroughput(pt, live: live, into: &draft) }
        planner.planThroughputPrune(desired: Set(specs.map(\.name)), live: live, into: &draft)
    }

    /// Name hand-overs between the stack's throughputs (`Planner.orderNames`).
    static func order(_ draft: inout Planner.Draft, live: LiveState, planner: Planner) {
        planner.orderNames(live: live, into: &draft)
    }

    /// Its provisioned model name, and the temporary name of a create-before-destroy replacement.
    static func wantedNames(of resource: ManifestResource) -> Set<String> {
        guard let pt = resource.spec(ProvisionedThroughputSpec.self) else { return [] }
        return [pt.provisionedModelName, Planner.temporaryName(pt.provisionedModelName)]
    }

    static func list(_ client: BedrockClient, wanted: Set<String>) async throws -> KindListing {
        let listed = try await client.listProvisionedModelThroughputs(.init(maxResults: LiveStateReader.pageSize))
            .collect()
        return KindListing(
            resources: listed.map { ($0.provisionedModelArn, wanted.contains($0.provisionedModelName)) }
        ) { state, read in
            state.throughputs = listed.filter { read.here($0.provisionedModelArn) }.map { s in
                LiveState.Throughput(
                    arn: s.provisionedModelArn, name: s.provisionedModelName, modelArn: s.modelArn,
                    desiredModelArn: s.desiredModelArn, foundationModelArn: s.foundationModelArn,
                    modelUnits: s.modelUnits, status: s.status, commitmentDuration: s.commitmentDuration,
                    commitmentExpirationTime: s.commitmentExpirationTime, creationTime: s.creationTime,
                    tags: read.tags(s.provisionedModelArn))
            }
        }
    }

    static var getKinds: [String] { ["throughputs"] }

    static func rows(_ live: LiveState) -> [(getKind: String, row: LiveRow)] {
        live.throughputs.map { t in
            (
                "throughputs",
                LiveRow(
                    kind: kind.rawValue, name: t.name, status: t.status.rawValue, model: LiveRow.shortModel(t.modelArn),
                    modelUnits: t.modelUnits, commitment: t.commitmentDuration?.rawValue,
                    commitmentExpiration: t.commitmentExpirationTime, tags: t.tags, arn: t.arn)
            )
        }
    }

    static func owned(_ live: LiveState) -> [(arn: String, tags: [String: String])] {
        live.throughputs.map { ($0.arn, $0.tags) }
    }

    static func tagged(_ live: LiveState) -> [(description: String, name: String, arn: String, tags: [String: String])]
    {
        live.throughputs.map { ("throughput \($0.name)", $0.name, $0.arn, $0.tags) }
    }

    static func digestLine(_ resource: ManifestResource) -> String {
        guard let pt = resource.spec(ProvisionedThroughputSpec.self) else { return "" }
        return
            "PT \(pt.name) \(Tokens.throughputSpec(pt)) \(pt.tags.sorted { $0.key < $1.key }) "
            + "\(pt.replacement.rawValue)"
    }

    /// InService.
    static func invocable(
        _ resource: ManifestResource, bedrock: BedrockClient
    ) async throws -> Result<String, SmokeTestRunner.NotReady> {
        guard let spec = resource.spec(ProvisionedThroughputSpec.self) else {
            return .failure(.init(message: "not a throughput"))
        }
        let throughput = try await bedrock.getProvisionedModelThroughput(spec.provisionedModelName)
        guard throughput.status == .inService else {
            return .failure(.init(message: "\(spec.provisionedModelName) is \(throughput.status), not InService"))
        }
        return .success(throughput.provisionedModelArn)
    }

    static let liveRecords: [any LiveRecord.Type] = [LiveState.Throughput.self]

    /// A rename or model change another apply made meanwhile (`Executor.alreadyMade`).
    static func madeMeanwhile(_ action: PlanAction, executor: Executor) async -> Bool {
        await executor.alreadyMade(action)
    }

    static var steps: any PlanStep.Type { ThroughputStep.self }

    static func export(
        _ live: LiveState, wanted: @Sendable ([String: String]) -> Bool, with export: Export
    ) async throws -> (documents: [YAMLValue], warnings: [String]) {
        (Export.exportable(live.throughputs.filter { wanted($0.tags) }).map(Export.throughputDocument), [])
    }
}
