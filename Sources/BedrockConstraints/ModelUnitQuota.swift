import Foundation

/// A Bedrock quota bedrockctl checks, as Service Quotas names it under service code `bedrock`,
/// per account and region (`BedrockCatalog.quotas`). A quota is known by its name, the one
/// published link from a model to its quota; its code where AWS publishes it. No-commitment
/// throughputs count against one of two pools summed across the account (base models, custom
/// models); a throughput with a commitment counts against its model's per-model quota, which
/// caps the units of each such throughput; the count quotas cap how many resources of a kind an
/// account has.
public struct ModelUnitQuota: Sendable, Hashable, CustomStringConvertible {
    /// What a quota is for, as the catalogue says.
    public enum Role: String, Sendable, Hashable, Decodable {
        /// No-commitment model units across base models.
        case noCommitmentBase
        /// No-commitment model units across custom models.
        case noCommitmentCustom
        /// The model units of one provisioned model of a foundation model (or its customizations).
        case perModel
        /// How many application inference profiles the account has.
        case inferenceProfiles
        /// How many imported models the account has.
        case importedModels
        /// How many custom model deployments the account has.
        case customModelDeployments
        /// How many custom model deployments are being created at once.
        case inProgressDeployments
        /// How many custom models the account has.
        case customModels
    }

    public enum Scope: String, Sendable, Hashable {
        /// The units of every no-commitment throughput of the kind, added up.
        case acrossAccount
        /// The units of one throughput.
        case perThroughput
        /// How many resources of one kind the account has in the region.
        case resourceCount
    }

    /// Its name as Service Quotas lists it: how bedrockctl finds it in an account.
    public var name: String
    /// Its code where AWS publishes it.
    public var code: String?
    public var role: Role
    /// AWS's default (a new account's value); nil where AWS publishes none.
    public var defaultValue: Double?
    /// A default users report where AWS publishes none.
    public var reportedDefault: Double?
    public var adjustable: Bool
    /// The provisioned variant a per-model quota is for.
    public var model: String?

    public var scope: Scope {
        switch role {
        case .noCommitmentBase, .noCommitmentCustom: .acrossAccount
        case .perModel: .perThroughput
        case .inferenceProfiles, .importedModels, .customModelDeployments, .inProgressDeployments, .customModels:
            .resourceCount
        }
    }

    /// What a count quota counts, as a plan names it ("application inference profiles"); nil for
    /// the model-unit quotas.
    public var counts: String? {
        switch role {
        case .inferenceProfiles: "application inference profiles"
        case .importedModels: "imported models"
        case .customModelDeployments: "custom model deployments"
        case .inProgressDeployments: "custom model deployments in progress"
        case .customModels: "custom models"
        case .noCommitmentBase, .noCommitmentCustom, .perModel: nil
        }
    }

    /// The value a new account has: AWS's default, else the one users report, else 0.
    public var newAccountValue: Double { defaultValue ?? reportedDefault ?? 0 }

    public var description: String { code.map { "\(name) (\($0))" } ?? name }

    public static let serviceCode = "bedrock"
    public static let serviceName = "Amazon Bedrock"

    init(_ row: BedrockCatalog.Quota) {
        name = row.name
        code = row.code
        role = row.role
        defaultValue = row.defaultValue
        reportedDefault = row.reportedDefault
        adjustable = row.adjustable
        model = row.model
    }

    /// Every quota of the shipped catalogue.
    public static let all: [ModelUnitQuota] = BedrockCatalog.shipped.quotas.map(ModelUnitQuota.init)

    private static let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    private static let byModel = Dictionary(
        all.compactMap { quota in quota.model.map { ($0, quota) } }, uniquingKeysWith: { first, _ in first })

    public static func quota(named name: String) -> ModelUnitQuota? { byName[name] }
    public static func quota(code: String) -> ModelUnitQuota? { all.first { $0.code == code } }

    /// The one quota of a role (every role but `perModel` has one).
    public static func quota(_ role: Role) -> ModelUnitQuota {
        guard let quota = all.first(where: { $0.role == role }) else {
            preconditionFailure("the catalogue has no quota of role \(role)")
        }
        return quota
    }

    public static var noCommitmentBase: ModelUnitQuota { quota(.noCommitmentBase) }
    public static var noCommitmentCustom: ModelUnitQuota { quota(.noCommitmentCustom) }

    /// The per-model quota of a provisioned variant; nil where the catalogue names none.
    public static func perModel(_ modelId: String) -> ModelUnitQuota? { byModel[modelId] }

    /// The quotas a throughput counts against: `foundationModelId` is the model it runs, or the
    /// base of the custom model it runs. A committed one counts against its model's per-model
    /// quota; a no-commitment one against its pool, and, when it runs a custom model, against the
    /// base model's per-model quota as well (users report both had to be raised). A per-model
    /// quota the catalogue does not know is left out.
    public static func applying(foundationModelId: String, custom: Bool, committed: Bool) -> [ModelUnitQuota] {
        let perModel = perModel(foundationModelId).map { [$0] } ?? []
        if committed { return perModel }
        return custom ? [noCommitmentCustom] + perModel : [noCommitmentBase]
    }
}
