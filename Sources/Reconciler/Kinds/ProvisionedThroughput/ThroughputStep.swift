import AWSClient
import BedrockConstraints

/// The calls that make, change, wait for and delete a Provisioned Throughput.
enum ThroughputStep: PlanStep {
    case createThroughput(
        name: String, modelId: String, modelUnits: Int, commitmentDuration: CommitmentDuration?, tags: [String: String],
        token: String)
    case updateThroughput(target: String, newName: String?, newModelId: String?)
    case deleteThroughput(target: String)
    case waitForThroughput(name: String)

    // The keys of each call and of its arguments, spelled out: part of the plan's format.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case createThroughput, updateThroughput, deleteThroughput, waitForThroughput
    }
    enum CreateThroughputCodingKeys: String, CodingKey, CaseIterable {
        case name, modelId, modelUnits, commitmentDuration, tags, token
    }
    enum UpdateThroughputCodingKeys: String, CodingKey, CaseIterable { case target, newName, newModelId }
    enum DeleteThroughputCodingKeys: String, CodingKey, CaseIterable { case target }
    enum WaitForThroughputCodingKeys: String, CodingKey, CaseIterable { case name }

    static var kind: PlanAction.Kind? { .provisionedThroughput }

    static let calls = [
        StepCall(
            CodingKeys.createThroughput, CreateThroughputCodingKeys.self,
            "CreateProvisionedModelThroughput with the idempotency token", optional: [.commitmentDuration]
        ) {
            switch $0 {
            case .name, .modelId, .token: .string
            case .modelUnits: .positiveInteger
            case .commitmentDuration: .oneOf(CommitmentDuration.allCases.map(\.rawValue))
            case .tags: .stringMap
            }
        },
        StepCall(
            CodingKeys.updateThroughput, UpdateThroughputCodingKeys.self, "UpdateProvisionedModelThroughput",
            optional: [.newName, .newModelId]
        ) { _ in .string },
        StepCall(CodingKeys.deleteThroughput, DeleteThroughputCodingKeys.self, "DeleteProvisionedModelThroughput") {
            _ in .string
        },
        StepCall(
            CodingKeys.waitForThroughput, WaitForThroughputCodingKeys.self,
            "GetProvisionedModelThroughput until InService"
        ) { _ in .string },
    ]

    /// A create of a model not sold as Provisioned Throughput in the region, or one this account
    /// may not use. A custom model is bought where its base's variant is sold.
    func refusal(_ rules: inout ServiceRuleCheck) async -> String? {
        guard case .createThroughput(_, let modelId, _, _, _, _) = self else { return nil }
        let variant: String
        if let arn = BedrockARN(modelId) {
            guard let id = arn.customModelBase ?? arn.foundationModelId else { return nil }
            variant = id
        } else if BedrockPattern.foundationModelId.matches(modelId) && modelId.contains(".") {
            variant = modelId
        } else {
            return nil
        }
        if let refusal = BedrockRules.provisionedThroughputRefusal(variant: variant, region: rules.region) {
            return refusal
        }
        return await rules.accessRefusal(variant)
    }

    /// A create adds its units to the quota its model counts against; a delete frees the units
    /// of the throughput it deletes.
    var quotaUse: QuotaCheck.Use? {
        switch self {
        case .createThroughput(_, let modelId, let units, let commitment, _, _):
            return .createsThroughput(modelId: modelId, modelUnits: units, committed: commitment != nil)
        case .deleteThroughput(let target): return .deletesThroughput(arn: target)
        case .updateThroughput, .waitForThroughput: return nil
        }
    }

    /// The name the call gives its throughput, if it gives it one.
    var takenName: String? {
        switch self {
        case .createThroughput(let name, _, _, _, _, _): return name
        case .updateThroughput(_, let newName, _): return newName
        case .deleteThroughput, .waitForThroughput: return nil
        }
    }

    func perform(with executor: Executor, for id: String, arn: String?) async throws -> String? {
        let client = executor.client
        switch self {
        case .createThroughput(let name, let modelId, let units, let commitment, let tags, let token):
            return try await executor.createThroughput(
                name: name, modelId: modelId, units: units, commitment: commitment, tags: tags, token: token, for: id)
        case .updateThroughput(let target, let newName, let newModelId):
            try await client.updateProvisionedModelThroughput(
                target, .init(desiredProvisionedModelName: newName, desiredModelId: newModelId))
        case .deleteThroughput(let target):
            try await executor.deleting { try await client.deleteProvisionedModelThroughput(target) }
        case .waitForThroughput(let name):
            try await executor.waitUntil(id, what: "throughput \(name)") {
                let model = try await client.getProvisionedModelThroughput(arn ?? name)
                switch model.status {
                case .inService: return (true, "InService")
                case .failed:
                    throw ExecutionError.failed(
                        "throughput \(name) failed: \(model.failureMessage ?? "no reason given")")
                default: return (false, model.status.rawValue)
                }
            }
        }
        return nil
    }
}
