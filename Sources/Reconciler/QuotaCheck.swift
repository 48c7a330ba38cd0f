import BedrockConstraints
import Foundation

/// Checks a plan against the account's model-unit quotas, and its quotas on how many deployments
/// and application inference profiles it may have, before anything is applied: what is in use,
/// plus what the plan creates (creates, replacements, both throughputs of a create-before-
/// destroy at once), less what it deletes first. An action that would take the account past a
/// quota is blocked, saying by how much; `ignore` turns the blocks into warnings.
public struct QuotaCheck: Sendable {
    /// Quota values by code, as Service Quotas lists them for service code `bedrock`.
    public var values: [String: Double]
    public var ignore: Bool

    /// How a step changes what counts against the account's quotas (`PlanStep.quotaUse`).
    enum Use: Sendable, Hashable {
        /// A throughput of `modelUnits` units more, against the quota its model counts against.
        case createsThroughput(modelId: String, modelUnits: Int, committed: Bool)
        /// The live throughput `arn` gone, and its units with it.
        case deletesThroughput(arn: String)
        /// One more of the step's kind, against the kind's count quota (`ReconcilerKindUnit.countQuota`).
        case createsOne
        /// One fewer of the step's kind.
        case deletesOne
    }

    public init(values: [String: Double], ignore: Bool = false) {
        self.values = values
        self.ignore = ignore
    }

    /// What a throughput counts against, from the model it runs (or will run).
    static func quota(modelId: String, committed: Bool) -> ModelUnitQuota? {
        if let arn = BedrockARN(modelId) {
            if let base = arn.customModelBase {
                return ModelUnitQuota.applying(foundationModelId: base, custom: true, committed: committed)
            }
            guard let id = arn.foundationModelId else { return nil }
            return ModelUnitQuota.applying(foundationModelId: id, custom: false, committed: committed)
        }
        if modelId.hasPrefix("arn:") { return nil }
        // A custom model named by name: its base is unknown, so only the no-commitment quota applies.
        let custom = !modelId.contains(".")
        return ModelUnitQuota.applying(foundationModelId: custom ? "" : modelId, custom: custom, committed: committed)
    }

    static func quota(of live: LiveState.Throughput) -> ModelUnitQuota? {
        let committed = live.commitmentDuration != nil
        if BedrockARN(live.modelArn)?.type == .customModel {
            return ModelUnitQuota.applying(
                foundationModelId: BedrockARN(live.foundationModelArn)?.foundationModelId ?? "",
                custom: true, committed: committed)
        }
        return quota(modelId: live.modelArn, committed: committed)
    }

    public func apply(to plan: inout Plan, live: LiveState) {
        let byArn = Dictionary(live.throughputs.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        var inUse: [String: Int] = [:]
        for throughput in live.throughputs {
            guard let quota = Self.quota(of: throughput), quota.scope == .acrossAccount else { continue }
            inUse[quota.code, default: 0] += throughput.modelUnits
        }
        var countQuotas: [PlanAction.Kind: ModelUnitQuota] = [:]
        for kind in PlanAction.Kind.allCases {
            guard let (quota, count) = kind.unit.countQuota(live) else { continue }
            countQuotas[kind] = quota
            inUse[quota.code] = count
        }
        var freed: [String: Int] = [:]
        var added: [String: Int] = [:]
        var adders: [String: [Int]] = [:]
        var unknown: Set<String> = []
        var problems: [Int: [String]] = [:]
        for (index, action) in plan.actions.enumerated() where action.type.isChange {
            var created = false
            for step in action.steps {
                switch step.call.quotaUse {
                case .deletesThroughput(let target)?:
                    // A delete counts only before the action's own create: a create-before-destroy
                    // holds both throughputs at its peak.
                    guard !created, let old = byArn[target], let quota = Self.quota(of: old),
                        quota.scope == .acrossAccount
                    else { continue }
                    freed[quota.code, default: 0] += old.modelUnits
                case .createsThroughput(let modelId, let units, let committed)?:
                    created = true
                    guard let quota = Self.quota(modelId: modelId, committed: committed) else { continue }
                    guard let value = values[quota.code] else {
                        unknown.insert(quota.description)
                        continue
                    }
                    switch quota.scope {
                    case .resourceCount: continue
                    case .perThroughput:
                        if Double(units) > value {
                            problems[index, default: []].append(
                                "needs \(units) \(quota.name.lowercasingFirst) (\(quota.code)); quota "
                                    + "\(Self.format(value)): request an increase")
                        }
                    case .acrossAccount:
                        added[quota.code, default: 0] += units
                        adders[quota.code, default: []].append(index)
                    }
                case .deletesOne?:
                    if let quota = step.kind.flatMap({ countQuotas[$0] }), !created {
                        freed[quota.code, default: 0] += 1
                    }
                case .createsOne?:
                    created = true
                    guard let quota = step.kind.flatMap({ countQuotas[$0] }) else { continue }
                    guard values[quota.code] != nil else {
                        unknown.insert(quota.description)
                        continue
                    }
                    added[quota.code, default: 0] += 1
                    adders[quota.code, default: []].append(index)
                case nil: continue
                }
            }
        }
        for (code, more) in added.sorted(by: { $0.key < $1.key }) {
            guard let value = values[code], let quota = ModelUnitQuota.quota(code: code) else { continue }
            let used = inUse[code, default: 0]
            let need = used - freed[code, default: 0] + more
            guard Double(need) > value else { continue }
            let message =
                "needs \(need) \(Self.phrase(quota)) (\(code)); quota \(Self.format(value)), in use \(used): "
                + "request an increase"
            for index in Set(adders[code] ?? []) { problems[index, default: []].append(message) }
        }
        for (index, messages) in problems.sorted(by: { $0.key < $1.key }) {
            let text = messages.joined(separator: "; ")
            if ignore {
                plan.warnings.append("\(plan.actions[index].id): \(text) (--ignore-quotas: apply will try anyway)")
            } else if plan.actions[index].blocked == nil {
                plan.actions[index].blocked = text
            }
        }
        for name in unknown.sorted() {
            plan.warnings.append("Service Quotas lists no \(name); that quota is not checked")
        }
    }

    static func phrase(_ quota: ModelUnitQuota) -> String {
        switch quota.code {
        case ModelUnitQuota.noCommitmentBase.code: return "no-commitment model units across base models"
        case ModelUnitQuota.noCommitmentCustom.code: return "no-commitment model units across custom models"
        default: return quota.counts ?? quota.name.lowercasingFirst
        }
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension String {
    var lowercasingFirst: String { prefix(1).lowercased() + dropFirst() }
}
