import BedrockConstraints
import Foundation

/// What a plan would use of one quota: what is in use, what the account would use at the plan's
/// peak, and the account's value, when it lists the quota. `bedrockctl quotas` shows these rows;
/// the plan's quota blocks come from them.
public struct QuotaUsage: Sendable, Hashable {
    public var quota: ModelUnitQuota
    /// The account's entry for the quota; nil when Service Quotas lists none (not checked).
    public var listed: AccountQuotas.Listed?
    /// In use now: the units (or resources) counted across the account; for a per-model quota,
    /// the units of the largest live throughput it caps.
    public var inUse: Int
    /// What the plan needs: for a pool or a count, in use less what the plan frees first plus
    /// what it creates, at its peak; for a per-model quota, the units of the largest throughput
    /// the plan creates (or the largest live one, when it creates none).
    public var needed: Int
    /// The plan's actions (by index) that count against it.
    public var actions: [Int]

    /// How far the account's value falls short of what the plan needs; nil when not listed.
    public var shortfall: Double? {
        guard let listed else { return nil }
        return max(0, Double(needed) - listed.value)
    }

    /// The code the account lists the quota under, else the published one.
    public var code: String? { listed?.code ?? quota.code }

    /// The quota as a message names it: its name, and the account's code.
    public var label: String { code.map { "\(quota.name) (\($0))" } ?? quota.name }
}
