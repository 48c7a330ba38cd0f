import AWSClient
import BedrockConstraints

/// The calls that make, change, wait for and delete a custom model deployment.
enum DeploymentStep: PlanStep {
    case createDeployment(name: String, modelArn: String, description: String?, tags: [String: String], token: String)
    case updateDeployment(target: String, modelArn: String)
    case waitForDeployment(name: String)
    case deleteDeployment(target: String)

    // The keys of each call and of its arguments, spelled out: part of the plan's format.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case createDeployment, updateDeployment, waitForDeployment, deleteDeployment
    }
    enum CreateDeploymentCodingKeys: String, CodingKey, CaseIterable { case name, modelArn, description, tags, token }
    enum UpdateDeploymentCodingKeys: String, CodingKey, CaseIterable { case target, modelArn }
    enum WaitForDeploymentCodingKeys: String, CodingKey, CaseIterable { case name }
    enum DeleteDeploymentCodingKeys: String, CodingKey, CaseIterable { case target }

    static var kind: PlanAction.Kind? { .customModelDeployment }

    static let calls = [
        StepCall(
            CodingKeys.createDeployment, CreateDeploymentCodingKeys.self,
            "CreateCustomModelDeployment with the idempotency token", optional: [.description]
        ) {
            switch $0 {
            case .name, .modelArn, .description, .token: .string
            case .tags: .stringMap
            }
        },
        StepCall(
            CodingKeys.updateDeployment, UpdateDeploymentCodingKeys.self,
            "UpdateCustomModelDeployment to another custom model"
        ) { _ in .string },
        StepCall(
            CodingKeys.waitForDeployment, WaitForDeploymentCodingKeys.self,
            "GetCustomModelDeployment until Active, with no update under way"
        ) { _ in .string },
        StepCall(CodingKeys.deleteDeployment, DeleteDeploymentCodingKeys.self, "DeleteCustomModelDeployment") {
            _ in .string
        },
    ]

    /// A create or an update to a model that cannot be deployed on demand: its base is not one AWS
    /// deploys, not in this region, or it was customized too early (GetCustomModel); or a base
    /// this account may not use.
    func refusal(_ rules: inout ServiceRuleCheck) async -> String? {
        let modelArn: String
        switch self {
        case .createDeployment(_, let arn, _, _, _), .updateDeployment(_, let arn): modelArn = arn
        case .waitForDeployment, .deleteDeployment: return nil
        }
        guard let base = BedrockARN(modelArn)?.customModelBase else { return nil }
        if let refusal = BedrockRules.onDemandDeploymentRefusal(base: base, region: rules.region, customizedAt: nil) {
            return refusal
        }
        if let model = await rules.customModel(modelArn),
            let refusal = BedrockRules.onDemandDeploymentRefusal(
                base: base, region: rules.region, customizedAt: model.creationTime)
        {
            return refusal
        }
        return await rules.accessRefusal(base)
    }

    /// One deployment more or fewer against the account's count.
    var quotaUse: QuotaCheck.Use? {
        switch self {
        case .createDeployment: return .createsOne
        case .deleteDeployment: return .deletesOne
        case .updateDeployment, .waitForDeployment: return nil
        }
    }

    func perform(with executor: Executor, for id: String, arn: String?) async throws -> String? {
        switch self {
        case .createDeployment(let name, let modelArn, let description, let tags, let token):
            return try await executor.createDeployment(
                name: name, modelArn: modelArn, description: description, tags: tags, token: token, for: id)
        case .updateDeployment(let target, let modelArn):
            try await executor.client.updateCustomModelDeployment(target, .init(modelArn: modelArn))
        case .waitForDeployment(let name):
            try await executor.waitForDeployment(name, arn: arn, for: id)
        case .deleteDeployment(let target):
            try await executor.deleteDeployment(target)
        }
        return nil
    }
}
