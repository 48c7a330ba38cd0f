import Foundation

/// Bedrock's model-unit quotas for Provisioned Throughput, as Service Quotas lists them under
/// service code `bedrock`, per account and region. No-commitment throughputs count against one of
/// two quotas summed across the account (base models, custom models); a throughput with a
/// commitment counts against its model's "per provisioned model" quota, which caps the units of
/// each such throughput. A new account has 0 of each.
public struct ModelUnitQuota: Sendable, Hashable, CustomStringConvertible {
    public enum Scope: String, Sendable, Hashable {
        /// The units of every no-commitment throughput of the kind, added up.
        case acrossAccount
        /// The units of one throughput.
        case perThroughput
        /// How many resources of one kind the account has in the region (deployments, profiles).
        case resourceCount
    }

    public var code: String
    public var name: String
    public var scope: Scope
    /// What a count quota counts, as a plan names it ("custom model deployments"); nil for the others.
    public var counts: String?

    public var description: String { "\(name) (\(code))" }

    public static let serviceCode = "bedrock"
    public static let serviceName = "Amazon Bedrock"

    public static let noCommitmentBase = ModelUnitQuota(
        code: "L-FE44174A", name: "Model units no-commitment Provisioned Throughputs across base models",
        scope: .acrossAccount)
    public static let noCommitmentCustom = ModelUnitQuota(
        code: "L-BE77399C", name: "Model units no-commitment Provisioned Throughputs across custom models",
        scope: .acrossAccount)

    /// The commitment quota of one provisionable foundation model. AWS gives each model a code of
    /// its own; the codes are not published in one place, so these are derived from the model id
    /// (`L-` and 8 hex digits), stable across runs.
    public static func perModel(_ model: FoundationModelInfo) -> ModelUnitQuota {
        ModelUnitQuota(
            code: derivedCode("bedrock-model-units:\(model.modelId)"),
            name: "Model units per provisioned model for \(model.modelName) (\(model.modelId))",
            scope: .perThroughput)
    }

    /// A quota on the number of resources of one kind. Their codes are not published either, so
    /// they are derived from the name as the per-model ones are; bedrockctl finds them by code in
    /// what Service Quotas lists.
    static func count(_ name: String, counting counts: String) -> ModelUnitQuota {
        ModelUnitQuota(code: derivedCode("bedrock-count:\(name)"), name: name, scope: .resourceCount, counts: counts)
    }

    /// `L-` and the FNV-1a (32 bits) of `seed` in 8 hex digits: a code stable across runs.
    static func derivedCode(_ seed: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in seed.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return "L-" + String(format: "%08X", hash)
    }

    public static let customModelDeployments = count(
        "Custom model deployments per account", counting: "custom model deployments")
    public static let applicationInferenceProfiles = count(
        "Application inference profiles per account", counting: "application inference profiles")

    /// Every quota bedrockctl checks: the two no-commitment ones, one per provisionable model, and
    /// the counts of deployments and application inference profiles.
    public static let all: [ModelUnitQuota] =
        [noCommitmentBase, noCommitmentCustom]
        + FoundationModelCatalog.all.filter(\.supportsProvisioned).map(perModel)
        + [customModelDeployments, applicationInferenceProfiles]

    public static func quota(code: String) -> ModelUnitQuota? { all.first { $0.code == code } }

    /// The quota a throughput counts against: `foundationModelId` is the model it runs, or the
    /// base of the custom model it runs; nil when that model is not one bedrockctl knows.
    public static func applying(foundationModelId: String, custom: Bool, committed: Bool) -> ModelUnitQuota? {
        guard committed else { return custom ? noCommitmentCustom : noCommitmentBase }
        return FoundationModelCatalog.model(id: foundationModelId).map(perModel)
    }
}
