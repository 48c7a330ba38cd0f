import BedrockConstraints
import Foundation

/// Checks a plan against the account's Bedrock quotas before anything is applied (the model-unit
/// pools, each model's per-model quota, and the quotas on how many imported models, deployments
/// and inference profiles it may have): what is in use, plus what the plan creates (creates,
/// replacements, both throughputs of a create-before-destroy at once), less what it deletes
/// first. An action that would take the account past a quota is blocked, naming the quota and
/// `bedrockctl quotas --request`; `ignore` turns the blocks into warnings. A quota the account
/// does not list is named in a warning as not checked.
public struct QuotaCheck: Sendable {
    /// What the account lists, found by name then by code.
    public var account: AccountQuotas
    public var ignore: Bool

    /// How a step changes what counts against the account's quotas (`PlanStep.quotaUse`).
    enum Use: Sendable, Hashable {
        /// A throughput of `modelUnits` units more, against the quotas its model counts against.
        case createsThroughput(modelId: String, modelUnits: Int, committed: Bool)
        /// The live throughput `arn` gone, and its units with it.
        case deletesThroughput(arn: String)
        /// One more of the step's kind, against the kind's count quotas (`ReconcilerKindUnit.countQuotas`).
        case createsOne
        /// One fewer of the step's kind.
        case deletesOne
    }

    /// A count quota of a kind, how many count against it now, and whether a delete frees one.
    struct CountUse: Sendable {
        var quota: ModelUnitQuota
        var inUse: Int
        /// False for a quota on resources in progress, which a plan's deletes do not touch.
        var freedByDeletes = true
    }

    /// What the plan says to run, in a message.
    public static let requestCommand = "bedrockctl quotas --request"

    public init(account: AccountQuotas, ignore: Bool = false) {
        self.account = account
        self.ignore = ignore
    }

    /// Quota values by code only.
    public init(values: [String: Double], ignore: Bool = false) {
        self.init(account: AccountQuotas(values: values), ignore: ignore)
    }

    /// What a throughput counts against, from the model it runs (or will run).
    static func quotas(modelId: String, committed: Bool) -> [ModelUnitQuota] {
        if let arn = BedrockARN(modelId) {
            if let base = arn.customModelBase {
                return ModelUnitQuota.applying(foundationModelId: base, custom: true, committed: committed)
            }
            guard let id = arn.foundationModelId else { return [] }
            return ModelUnitQuota.applying(foundationModelId: id, custom: false, committed: committed)
        }
        if modelId.hasPrefix("arn:") { return [] }
        // A custom model named by name: its base is unknown, so only the no-commitment pool applies.
        let custom = !modelId.contains(".")
        return ModelUnitQuota.applying(foundationModelId: custom ? "" : modelId, custom: custom, committed: committed)
    }

    static func quotas(of live: LiveState.Throughput) -> [ModelUnitQuota] {
        let committed = live.commitmentDuration != nil
        if BedrockARN(live.modelArn)?.type == .customModel {
            return ModelUnitQuota.applying(
                foundationModelId: BedrockARN(live.foundationModelArn)?.foundationModelId ?? "",
                custom: true, committed: committed)
        }
        return quotas(modelId: live.modelArn, committed: committed)
    }

    /// The running sums of one quota while the plan is walked.
    private struct Tally {
        var quota: ModelUnitQuota
        var inUse = 0
        var freed = 0
        var added = 0
        var largest = 0
        var actions: [Int] = []
        /// Per-model quotas: the actions whose one throughput is larger than the quota, with its units.
        var each: [(index: Int, units: Int)] = []
    }

    /// What the plan would use of every quota it touches, or that the account's live resources
    /// count against (of every quota bedrockctl knows, with `everyQuota`), sorted by name.
    public func usage(of plan: Plan, live: LiveState, everyQuota: Bool = false) -> [QuotaUsage] {
        usage(of: plan.actions, live: live, everyQuota: everyQuota)
    }

    func usage(of actions: [PlanAction], live: LiveState, everyQuota: Bool) -> [QuotaUsage] {
        var tallies = tallies(actions, live)
        if everyQuota {
            // Custom models are counted by no kind bedrockctl manages: their in-use would be a guess.
            for quota in ModelUnitQuota.all where tallies[quota.name] == nil && quota.role != .customModels {
                tallies[quota.name] = Tally(quota: quota)
            }
        }
        return tallies.values.sorted { $0.quota.name < $1.quota.name }.map(usage)
    }

    private func usage(_ tally: Tally) -> QuotaUsage {
        let needed =
            tally.quota.scope == .perThroughput
            ? max(tally.largest, tally.each.isEmpty ? tally.inUse : 0)
            : tally.inUse - tally.freed + tally.added
        return QuotaUsage(
            quota: tally.quota, listed: account.find(tally.quota), inUse: tally.inUse, needed: needed,
            actions: Array(Set(tally.actions)).sorted())
    }

    private func tallies(_ actions: [PlanAction], _ live: LiveState) -> [String: Tally] {
        var tallies: [String: Tally] = [:]
        func touch(_ quota: ModelUnitQuota, _ change: (inout Tally) -> Void) {
            change(&tallies[quota.name, default: Tally(quota: quota)])
        }
        let byArn = Dictionary(live.throughputs.map { ($0.arn, $0) }, uniquingKeysWith: { first, _ in first })
        for throughput in live.throughputs {
            for quota in Self.quotas(of: throughput) {
                touch(quota) { tally in
                    if quota.scope == .perThroughput {
                        tally.inUse = max(tally.inUse, throughput.modelUnits)
                    } else {
                        tally.inUse += throughput.modelUnits
                    }
                }
            }
        }
        var counts: [PlanAction.Kind: [CountUse]] = [:]
        for kind in PlanAction.Kind.allCases {
            counts[kind] = kind.unit.countQuotas(live)
            for use in counts[kind] ?? [] where use.inUse > 0 { touch(use.quota) { $0.inUse = use.inUse } }
        }
        for (index, action) in actions.enumerated() where action.type.isChange {
            var created = false
            for step in action.steps {
                let kindCounts = step.kind.flatMap { counts[$0] } ?? []
                switch step.call.quotaUse {
                case .deletesThroughput(let target)?:
                    // A delete counts only before the action's own create: a create-before-destroy
                    // holds both throughputs at its peak.
                    guard !created, let old = byArn[target] else { continue }
                    for quota in Self.quotas(of: old) where quota.scope == .acrossAccount {
                        touch(quota) { $0.freed += old.modelUnits }
                    }
                case .createsThroughput(let modelId, let units, let committed)?:
                    created = true
                    for quota in Self.quotas(modelId: modelId, committed: committed) {
                        touch(quota) { tally in
                            tally.actions.append(index)
                            if quota.scope == .perThroughput {
                                tally.largest = max(tally.largest, units)
                                tally.each.append((index, units))
                            } else {
                                tally.added += units
                            }
                        }
                    }
                case .deletesOne?:
                    guard !created else { continue }
                    for use in kindCounts where use.freedByDeletes { touch(use.quota) { $0.freed += 1 } }
                case .createsOne?:
                    created = true
                    for use in kindCounts {
                        touch(use.quota) { tally in
                            tally.inUse = use.inUse
                            tally.added += 1
                            tally.actions.append(index)
                        }
                    }
                case nil: continue
                }
            }
        }
        return tallies
    }

    public func apply(to plan: inout Plan, live: LiveState) {
        var problems: [Int: [String]] = [:]
        var unchecked: [String] = []
        for tally in tallies(plan.actions, live).values.sorted(by: { $0.quota.name < $1.quota.name }) {
            guard !tally.actions.isEmpty else { continue }
            let row = usage(tally)
            guard let listed = row.listed else {
                unchecked.append(row.label)
                continue
            }
            let value = Self.format(listed.value)
            if tally.quota.scope == .perThroughput {
                for (index, units) in tally.each where Double(units) > listed.value {
                    problems[index, default: []].append(
                        "needs \(units) \(tally.quota.name.lowercasingFirst) (\(listed.code)); quota \(value): "
                            + "request an increase with `\(Self.requestCommand)`")
                }
                continue
            }
            guard Double(row.needed) > listed.value else { continue }
            let message =
                "needs \(row.needed) \(Self.phrase(tally.quota)) (\(listed.code)); quota \(value), in use "
                + "\(row.inUse): request an increase with `\(Self.requestCommand)`"
            for index in row.actions { problems[index, default: []].append(message) }
        }
        for (index, messages) in problems.sorted(by: { $0.key < $1.key }) {
            let text = messages.joined(separator: "; ")
            if ignore {
                plan.warnings.append("\(plan.actions[index].id): \(text) (--ignore-quotas: apply will try anyway)")
            } else if plan.actions[index].blocked == nil {
                plan.actions[index].blocked = text
            }
        }
        for label in unchecked {
            plan.warnings.append("Service Quotas lists no \(label); that quota is not checked")
        }
    }

    static func phrase(_ quota: ModelUnitQuota) -> String {
        switch quota.role {
        case .noCommitmentBase: "no-commitment model units across base models"
        case .noCommitmentCustom: "no-commitment model units across custom models"
        default: quota.counts ?? quota.name.lowercasingFirst
        }
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension String {
    var lowercasingFirst: String { prefix(1).lowercased() + dropFirst() }
}
