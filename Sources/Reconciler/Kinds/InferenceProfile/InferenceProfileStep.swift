import AWSClient
import BedrockConstraints

/// The calls that make and delete an application inference profile; nothing but its tags changes.
enum InferenceProfileStep: PlanStep {
    case createInferenceProfile(
        name: String, copyFrom: String, description: String?, tags: [String: String], token: String)
    case deleteInferenceProfile(target: String)

    // The keys of each call and of its arguments, spelled out: part of the plan's format.
    enum CodingKeys: String, CodingKey, CaseIterable { case createInferenceProfile, deleteInferenceProfile }
    enum CreateInferenceProfileCodingKeys: String, CodingKey, CaseIterable {
        case name, copyFrom, description, tags, token
    }
    enum DeleteInferenceProfileCodingKeys: String, CodingKey, CaseIterable { case target }

    static var kind: PlanAction.Kind? { .inferenceProfile }

    static let calls = [
        StepCall(
            CodingKeys.createInferenceProfile, CreateInferenceProfileCodingKeys.self,
            "CreateInferenceProfile (modelSource.copyFrom) with the idempotency token", optional: [.description]
        ) {
            switch $0 {
            case .name, .copyFrom, .description, .token: .string
            case .tags: .stringMap
            }
        },
        StepCall(
            CodingKeys.deleteInferenceProfile, DeleteInferenceProfileCodingKeys.self, "DeleteInferenceProfile"
        ) { _ in .string },
    ]

    /// One application inference profile more or fewer against the account's count.
    /// A copy of a system profile the region does not serve: by the catalogue where it knows the
    /// profile, else as GetInferenceProfile answers.
    func refusal(_ rules: inout ServiceRuleCheck) async -> String? {
        guard case .createInferenceProfile(_, let copyFrom, _, _, _) = self,
            let arn = BedrockARN(copyFrom), arn.type == .inferenceProfile
        else { return nil }
        if let refusal = BedrockRules.systemProfileRefusal(id: arn.resource, region: rules.region) { return refusal }
        if await rules.servesProfile(copyFrom) == false {
            return
                "the region \(rules.region) has no inference profile \(arn.resource) to copy from (GetInferenceProfile)"
        }
        return nil
    }

    var quotaUse: QuotaCheck.Use? {
        switch self {
        case .createInferenceProfile: return .createsOne
        case .deleteInferenceProfile: return .deletesOne
        }
    }

    func perform(with executor: Executor, for id: String, arn: String?) async throws -> String? {
        switch self {
        case .createInferenceProfile(let name, let copyFrom, let description, let tags, let token):
            return try await executor.createInferenceProfile(
                name: name, copyFrom: copyFrom, description: description, tags: tags, token: token, for: id)
        case .deleteInferenceProfile(let target):
            try await executor.deleteInferenceProfile(target)
            return nil
        }
    }
}
