import AWSClient
import Foundation
import Manifest
import YAML

/// `kind: ModelImportJob`: a job that imports model weights, and the imported model it leaves;
/// a failed or vanished import is retried under a new job name (`NAME-rN`).
enum ImportJobKind: ReconcilerKindUnit {
    static var kind: PlanAction.Kind { .modelImportJob }

    static func plan(
        _ desired: [ManifestResource], live: LiveState, planner: Planner, into draft: inout Planner.Draft
    ) {
        let specs = desired.compactMap { if case .modelImportJob(let job) = $0 { job } else { nil } }
        for job in specs { planner.planImport(job, live: live, into: &draft) }
        planner.planImportPrune(desired: Set(specs.map(\.name)), live: live, into: &draft)
    }

    static func perform(_ step: Step, executor: Executor, for id: String, arn: String?) async throws -> String? {
        try await executor.performImportStep(step, for: id)
        return nil
    }

    static func export(
        _ live: LiveState, wanted: @Sendable ([String: String]) -> Bool, with export: Export
    ) async throws -> (documents: [YAMLValue], warnings: [String]) {
        let models = live.importedModels.filter { wanted($0.tags) }.sorted { $0.name < $1.name }
        let details = try await models.concurrentMap(limit: export.concurrency) { [client = export.client] model in
            try await Export.details(of: model, jobs: live.importJobs, client: client)
        }
        var documents: [YAMLValue] = []
        var warnings: [String] = []
        for (model, found) in zip(models, details) {
            switch found {
            case .success(let details): documents.append(Export.importDocument(model, details))
            case .failure(let why): warnings.append("ImportedModel \(model.name) was not exported: \(why.message)")
            }
        }
        return (documents, warnings)
    }
}
