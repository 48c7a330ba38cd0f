import AWSClient
import BedrockConstraints
import Foundation

/// Refuses at plan time what Bedrock would refuse at apply and its shapes do not say: a
/// throughput of a model not sold in the region, a deployment of a model that cannot be deployed
/// on demand (or not there, or customized too early), a profile copying from a system profile
/// the region does not serve, and any model this account may not use
/// (GetFoundationModelAvailability). Each step says what it needs asked (`PlanStep.refusal`);
/// an action with a refusal is blocked with its reason. What could not be asked is a warning.
public struct ServiceRuleCheck: Sendable {
    public var client: BedrockClient
    public var region: String
    /// What could not be checked, in words.
    public private(set) var warnings: [String] = []
    private var access: [String: String?] = [:]
    private var customModels: [String: Bedrock.CustomModel?] = [:]
    private var profiles: [String: Bool] = [:]

    public init(client: BedrockClient, region: String) {
        self.client = client
        self.region = region
    }

    public mutating func apply(to plan: inout Plan) async {
        for index in plan.actions.indices where plan.actions[index].type.isChange {
            var reasons: [String] = []
            for step in plan.actions[index].steps {
                if let reason = await step.call.refusal(&self) { reasons.append(reason) }
            }
            guard !reasons.isEmpty, plan.actions[index].blocked == nil else { continue }
            plan.actions[index].blocked = reasons.joined(separator: "; ")
        }
        plan.warnings += warnings
    }

    /// Why this account may not use foundation model `id` (a variant is asked as its model's own
    /// id, as model access is granted) here; nil when it may, or when that could not be asked (a
    /// warning says so).
    mutating func accessRefusal(_ variant: String) async -> String? {
        let id = FoundationModelCatalog.model(id: variant)?.baseModelId ?? variant
        if let known = access[id] { return known }
        var refusal: String?
        do {
            refusal = try await client.getFoundationModelAvailability(id).refusal.map {
                "\(id) cannot be used: \($0) (GetFoundationModelAvailability)"
            }
        } catch let error as AWSServiceError where error.kind == .notFound {
            // Not a block: the service may know a model by another id than the one asked.
            warnings.append("GetFoundationModelAvailability knows no \(id) in \(region); its access is not checked")
        } catch {
            warnings.append("model access to \(id) could not be checked: \(error)")
        }
        access[id] = refusal
        return refusal
    }

    /// The custom model `arn` names, as GetCustomModel answers; nil when it could not be read
    /// (a warning says so).
    mutating func customModel(_ arn: String) async -> Bedrock.CustomModel? {
        if let known = customModels[arn] { return known }
        var model: Bedrock.CustomModel?
        do { model = try await client.getCustomModel(arn) } catch {
            warnings.append("the custom model \(arn) could not be read to check its deployment: \(error)")
        }
        customModels[arn] = model
        return model
    }

    /// Whether the region serves the system profile `id` (GetInferenceProfile); nil when that
    /// could not be asked.
    mutating func servesProfile(_ id: String) async -> Bool? {
        if let known = profiles[id] { return known }
        do {
            _ = try await client.getInferenceProfile(id)
            profiles[id] = true
        } catch let error as AWSServiceError where error.kind == .notFound || error.kind == .validation {
            profiles[id] = false
        } catch {
            warnings.append("the inference profile \(id) could not be read: \(error)")
            return nil
        }
        return profiles[id]
    }
}
