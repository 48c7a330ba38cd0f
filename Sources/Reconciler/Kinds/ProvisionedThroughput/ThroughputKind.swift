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
        let specs = desired.compactMap { if case .provisionedThroughput(let pt) = $0 { pt } else { nil } }
        for pt in specs { planner.planThroughput(pt, live: live, into: &draft) }
        planner.planThroughputPrune(desired: Set(specs.map(\.name)), live: live, into: &draft)
    }

    static func list(_ client: BedrockClient, wanted: WantedNames) async throws -> KindListing {
        let listed = try await client.listProvisionedModelThroughputs(.init(maxResults: LiveStateReader.pageSize))
            .collect()
        return KindListing(
            resources: listed.map { ($0.provisionedModelArn, wanted.throughputs.contains($0.provisionedModelName)) }
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

    static func sortForDigest(_ live: inout LiveState) { live.throughputs.sort { $0.arn < $1.arn } }

    static func perform(_ step: Step, executor: Executor, for id: String, arn: String?) async throws -> String? {
        try await executor.performThroughputStep(step, for: id, arn: arn)
    }

    static func export(
        _ live: LiveState, wanted: @Sendable ([String: String]) -> Bool, with export: Export
    ) async throws -> (documents: [YAMLValue], warnings: [String]) {
        (Export.exportable(live.throughputs.filter { wanted($0.tags) }).map(Export.throughputDocument), [])
    }
}
