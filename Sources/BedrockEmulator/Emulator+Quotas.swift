import AWSClient
import BedrockConstraints
import Foundation
import SigV4

/// Quotas: each one's value in a region, and their enforcement when a resource is created (400
/// ServiceQuotaExceededException, nothing created), as the service enforces them.
extension Emulator {
    /// A quota's value in a region: the value of its latest approved increase request there,
    /// else what the settings make it.
    func quotaValue(_ quota: ModelUnitQuota, region: String) -> Double {
        let code = EmulatorQuotas.code(of: quota)
        let approved = state.quotaRequests.last {
            $0.region == region && $0.quotaCode == code && $0.status == .approved
        }
        return approved?.desiredValue ?? settings.quotaValue(quota)
    }

    /// Refuses a create that would take the account past a quota its throughput counts against:
    /// a committed one its model's per-model quota; a no-commitment one its pool, and when it
    /// runs a custom model the base model's per-model quota too (`ModelUnitQuota.applying`).
    func checkQuota(units: Int, committed: Bool, model: ResolvedModel, region: String) throws(EmulatorError) {
        let kind = committed ? "commitment" : "no commitment"
        for quota in ModelUnitQuota.applying(
            foundationModelId: model.foundationModelId, custom: model.custom != nil, committed: committed)
        {
            let value = Int(quotaValue(quota, region: region).rounded(.down))
            let code = EmulatorQuotas.code(of: quota)
            var inUse = 0
            if quota.scope == .acrossAccount {
                inUse = state.throughputs.filter {
                    $0.region == region && $0.commitmentDuration == nil && quotas(of: $0).contains(quota)
                }
                .reduce(0) { $0 + $1.modelUnits }
            }
            guard inUse + units > value else { continue }
            if value == 0 {
                throw .quotaExceeded(
                    "Your account does not currently have any \(kind) model units reserved for "
                        + "\(model.foundationModelId).")
            }
            if quota.scope == .perThroughput {
                throw .quotaExceeded(
                    "The requested \(units) model units exceed the \(value) model units per provisioned model your "
                        + "account has reserved for \(model.foundationModelId) (\(code)).")
            }
            throw .quotaExceeded(
                "Your account does not have enough \(kind) model units reserved: \(units) requested, \(inUse) of "
                    + "\(value) in use (\(code)).")
        }
    }

    /// Refuses a create past a count quota (imported models, deployments, inference profiles)
    /// with ServiceQuotaExceededException, nothing created; `existing` is how many the region has.
    func checkCount(_ role: ModelUnitQuota.Role, existing: Int, region: String) throws(EmulatorError) {
        let quota = ModelUnitQuota.quota(role)
        let value = Int(quotaValue(quota, region: region).rounded(.down))
        guard existing + 1 > value else { return }
        let code = EmulatorQuotas.code(of: quota)
        throw .quotaExceeded("The account already has \(existing) of \(value) allowed: \(quota.name) (\(code)).")
    }

    /// The quotas a live throughput counts against.
    func quotas(of throughput: ThroughputRecord) -> [ModelUnitQuota] {
        let custom = BedrockARN(throughput.modelArn)?.type == .customModel
        let base = BedrockARN(throughput.foundationModelArn)?.foundationModelId ?? ""
        return ModelUnitQuota.applying(
            foundationModelId: base, custom: custom, committed: throughput.commitmentDuration != nil)
    }
}
