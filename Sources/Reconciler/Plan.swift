import Foundation
import Manifest

/// What `apply` would do, as plain data: renderers show it and the executor runs it; neither diffs
/// again. Encoded as JSON (`formatVersion` 1) for saved plans and policy tools.
public struct Plan: Codable, Sendable, Hashable {
    public var formatVersion = 1
    public var stack: String
    public var region: String
    public var manifestDigest: String
    public var liveStateDigest: String
    public var options: PlanOptions
    /// In the order they may run: an action comes after every action it depends on.
    public var actions: [PlanAction]
    public var warnings: [String]
    /// The manifest paths the plan was made from, so that `apply FILE` can check they are unchanged.
    public var manifestPaths: [String] = []
    /// Set for a partial plan (`--target`): the actions asked for; the plan holds them and what
    /// they depend on, nothing else.
    public var targets: [String]?
    /// Where the plan was made: apply refuses a saved plan anywhere else.
    public var target: PlanTarget?
    /// How the stack name was chosen: `--stack`, a `kind: Stack` document, or a folder's name.
    public var stackSource: StackSource?
    /// Every manifest file read, with the SHA-256 of its bytes: apply names the files that changed.
    public var manifestFiles: [ManifestFileDigest] = []
    /// The bedrockctl that made the plan: a saved plan is applied only by the same version.
    public var toolVersion: String = BedrockctlVersion.current
    /// How the live state was read (`--discovery`); `apply FILE` reads it the same way.
    public var discovery: LiveStateReader.Discovery?
    /// What the plan costs (`CostCheck`): the run rate before and after, commitments, the budget.
    public var cost: PlanCost?
    /// The SHA-256 of the actions as planned (`Plan.digest(of:)`): apply refuses a saved plan
    /// whose actions were edited since.
    public var actionsDigest: String?
    /// The live resources the plan rests on (`Planner.scope`), each with its record's digest;
    /// `liveStateDigest` is theirs. A saved plan is stale when one of them changed, and says which.
    public var liveResources: [LiveResourceDigest] = []
    /// How the live state was read (`LiveRead`), for the header.
    public var liveRead: LiveRead?

    /// The digest of `actions`: their JSON, keys sorted.
    public static func digest(of actions: [PlanAction]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Tokens.sha256Hex((try? encoder.encode(actions)) ?? Data())
    }

    public var changes: [PlanAction] { actions.filter { $0.type.isChange } }
    public var hasChanges: Bool { !changes.isEmpty }
    public var isBlocked: Bool { actions.contains { $0.blocked != nil } || !(cost?.refusals.isEmpty ?? true) }

    /// Why apply would refuse this plan: every blocked action and every conflict, by id, then
    /// what its cost breaks (a budget).
    public var refusals: [String] {
        actions.compactMap { action in
            if let blocked = action.blocked { return "\(action.id): \(blocked)" }
            return action.type == .conflict ? "\(action.id): \(action.reason)" : nil
        } + (cost?.refusals ?? []).map { "cost: \($0)" }
    }

    /// Whether apply would run this plan (it refuses a plan with any blocked action or conflict).
    public var isApplicable: Bool { refusals.isEmpty }

    public func count(_ type: PlanAction.ActionType) -> Int { actions.count { $0.type == type } }

    /// The plan's JSON keys, spelled out: they are part of `formatVersion` 1, and
    /// `Schemas/plan-v1.schema.json` describes them; renaming a property must not rename a key.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case formatVersion, stack, region, manifestDigest, liveStateDigest, options, actions, warnings
        case manifestPaths, targets, target, stackSource, manifestFiles, toolVersion, discovery, cost
        case actionsDigest, liveResources, liveRead
    }
}

public struct PlanOptions: Codable, Sendable, Hashable {
    public var prune: Bool
    public var allowReplace: Bool
    public var adopt: Bool
    /// Model-unit quotas that would be exceeded are warnings, not blocks.
    public var ignoreQuotas: Bool
    /// A plan to delete everything the stack owns (`destroy`): as if the manifests declared
    /// nothing, with `prune`.
    public var destroy: Bool

    public init(
        prune: Bool = false, allowReplace: Bool = false, adopt: Bool = false, ignoreQuotas: Bool = false,
        destroy: Bool = false
    ) {
        self.prune = prune || destroy
        self.allowReplace = allowReplace
        self.adopt = adopt
        self.ignoreQuotas = ignoreQuotas
        self.destroy = destroy
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case prune, allowReplace, adopt, ignoreQuotas, destroy
    }
}

public struct PlanAction: Codable, Sendable, Hashable {
    public enum ActionType: String, Codable, Sendable, Hashable, CaseIterable {
        case create, update, replace, tag, delete, noop, wait
        /// Owned, gone from the manifests, and kept because `--prune` was not given.
        case wouldPrune = "would-prune"
        /// Exists with the manifest's name but is not owned by this stack.
        case conflict

        public var isChange: Bool { [.create, .update, .replace, .tag, .delete].contains(self) }
    }

    /// The one kind enum: the manifests'.
    public typealias Kind = ManifestResource.Kind

    public var id: String
    public var kind: Kind
    public var name: String
    public var type: ActionType
    public var reason: String
    public var changes: [FieldChange]
    public var dependsOn: [String]
    /// Why apply refuses this action (a commitment, a replacement not allowed), or nil.
    public var blocked: String?
    /// The live resource the action works on, if there is one.
    public var liveArn: String?
    /// The API calls the executor makes, in order.
    public var steps: [Step]
    /// What the action adds to or saves from the run rate and commits to; nil for an action that
    /// changes no capacity (a rename, a retag, another kind's).
    public var cost: ActionCost?

    public init(
        id: String, kind: Kind, name: String, type: ActionType, reason: String, changes: [FieldChange] = [],
        dependsOn: [String] = [],
        blocked: String? = nil, liveArn: String? = nil, steps: [Step] = []
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.type = type
        self.reason = reason
        self.changes = changes
        self.dependsOn = dependsOn
        self.blocked = blocked
        self.liveArn = liveArn
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, name, type, reason, changes, dependsOn, blocked, liveArn, steps, cost
    }
}

public struct FieldChange: Codable, Sendable, Hashable {
    public var field: String
    public var before: String?
    public var after: String?
    /// The value exists only once apply has run (a new ARN).
    public var knownAfterApply: Bool
    public var forcesReplacement: Bool
    /// The values are numbers (`modelUnits`): shown unquoted, and numbers in JSON.
    public var numeric: Bool

    public init(
        field: String, before: String?, after: String?, knownAfterApply: Bool = false, forcesReplacement: Bool = false,
        numeric: Bool = false
    ) {
        self.field = field
        self.before = before
        self.after = after
        self.knownAfterApply = knownAfterApply
        self.forcesReplacement = forcesReplacement
        self.numeric = numeric
    }

    /// A change of a whole number.
    public static func number(
        _ field: String, before: Int?, after: Int?, forcesReplacement: Bool = false
    ) -> FieldChange {
        FieldChange(
            field: field, before: before.map(String.init), after: after.map(String.init),
            forcesReplacement: forcesReplacement,
            numeric: true)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case field, before, after, knownAfterApply, forcesReplacement
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        field = try container.decode(String.self, forKey: .field)
        knownAfterApply = try container.decode(Bool.self, forKey: .knownAfterApply)
        forcesReplacement = try container.decode(Bool.self, forKey: .forcesReplacement)
        var sawNumber = false
        func value(_ key: CodingKeys) throws -> String? {
            if let number = try? container.decodeIfPresent(Int.self, forKey: key) {
                sawNumber = true
                return String(number)
            }
            return try container.decodeIfPresent(String.self, forKey: key)
        }
        before = try value(.before)
        after = try value(.after)
        numeric = sawNumber
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(knownAfterApply, forKey: .knownAfterApply)
        try container.encode(forcesReplacement, forKey: .forcesReplacement)
        for (key, value) in [(CodingKeys.before, before), (.after, after)] {
            if numeric, let number = value.flatMap(Int.init) {
                try container.encode(number, forKey: key)
            } else {
                try container.encodeIfPresent(value, forKey: key)
            }
        }
    }
}

/// Where a plan was made: the account (from STS GetCallerIdentity), the region, and the endpoint or
/// the sandbox folder.
public struct PlanTarget: Codable, Sendable, Hashable, CustomStringConvertible {
    public var region: String
    public var endpoint: String?
    /// The sandbox folder, absolute, for a plan made with `--sandbox`.
    public var sandbox: String?
    /// The account the credentials belong to; nil when STS could not be asked.
    public var account: String?
    /// The caller's ARN, shown in the header; not part of the binding (another role of the same
    /// account may apply the plan).
    public var principal: String?

    public init(region: String, endpoint: String?, sandbox: String?, account: String? = nil, principal: String? = nil) {
        self.region = region
        self.endpoint = endpoint
        self.sandbox = sandbox
        self.account = account
        self.principal = principal
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case region, endpoint, sandbox, account, principal }

    public var description: String {
        let account = account.map { "account \($0), " } ?? ""
        if let sandbox { return "the sandbox \(sandbox) (\(account)region \(region))" }
        return "\(account)region \(region) at \(endpoint ?? "the default endpoint")"
    }

    /// How `other` differs from this target, one phrase a difference; empty when a plan made here
    /// may be applied there. An account unknown on either side is not a difference.
    public func differences(from other: PlanTarget) -> [String] {
        var found: [String] = []
        if let mine = account, let theirs = other.account, mine != theirs {
            found.append("account \(mine), not \(theirs)")
        }
        if region != other.region { found.append("region \(region), not \(other.region)") }
        if sandbox != other.sandbox {
            found.append(
                "\(sandbox.map { "sandbox \($0)" } ?? "no sandbox"), "
                    + "not \(other.sandbox.map { "sandbox \($0)" } ?? "no sandbox")"
            )
        } else if endpoint != other.endpoint {
            found.append("endpoint \(endpoint ?? "default"), not \(other.endpoint ?? "default")")
        }
        return found
    }
}

/// How a plan's stack name was chosen.
public struct StackSource: Codable, Sendable, Hashable, CustomStringConvertible {
    public enum Origin: String, Codable, Sendable, Hashable, CaseIterable {
        /// `--stack NAME`.
        case flag
        /// A `kind: Stack` document; `path` is its file and line.
        case manifest
        /// The name of the manifests' folder; `path` is the folder.
        case folder
        /// Standard input only, with neither of the others: the stack `default`.
        case fallback
    }

    public var origin: Origin
    public var path: String?

    public init(_ origin: Origin, path: String? = nil) {
        self.origin = origin
        self.path = path
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case origin, path }

    public var description: String {
        switch origin {
        case .flag: return "from --stack"
        case .manifest: return "from the kind: Stack document at \(path ?? "?")"
        case .folder: return "the name of the folder \(path ?? "?")"
        case .fallback: return "the default, with no --stack, kind: Stack or folder"
        }
    }
}

/// A live resource a plan touches or depends on, and the SHA-256 of its record as read.
public struct LiveResourceDigest: Codable, Sendable, Hashable {
    public var arn: String
    public var sha256: String
    /// The resource in words, as `release` names it (`throughput support-bot`).
    public var description: String?

    public init(arn: String, sha256: String, description: String? = nil) {
        self.arn = arn
        self.sha256 = sha256
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case arn, sha256, description }
}

/// A manifest file a plan was made from, and the SHA-256 of its bytes.
public struct ManifestFileDigest: Codable, Sendable, Hashable {
    public var path: String
    public var sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case path, sha256 }

    /// The digest of an input as read.
    public init(path: String, bytes: [UInt8]) {
        self.init(path: path, sha256: Tokens.sha256Hex(Data(bytes)))
    }
}
