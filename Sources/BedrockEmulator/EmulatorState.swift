import BedrockConstraints
import Foundation

/// Everything the emulator knows, as plain data: persisted as JSON with `--state` (a snapshot,
/// and a journal of the changes since, `EmulatorStateStore`).
struct EmulatorState: Codable, Sendable, Equatable {
    var throughputs: [ThroughputRecord] = []
    var jobs: [ImportJobRecord] = []
    var importedModels: [ImportedModelRecord] = []
    var deployments: [DeploymentRecord] = []
    var inferenceProfiles: [InferenceProfileRecord] = []
    /// Tags by resource ARN.
    var tags: [String: [String: String]] = [:]
    /// Replies to creates by `operation/token`, for idempotent replay.
    var tokens: [String: IdempotencyRecord] = [:]
    var randomState: UInt64 = 0x9E37_79B9_7F4A_7C15
    /// Tags as the Resource Groups Tagging API sees them, with its lag.
    var taggingIndex = TaggingIndex()
    /// The number of the last journal entry this state includes (0 before any).
    var sequence = 0

    init() {}

    /// Reads a state file; one written before a member existed lacks it.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        throughputs = try c.decodeIfPresent([ThroughputRecord].self, forKey: .throughputs) ?? []
        jobs = try c.decodeIfPresent([ImportJobRecord].self, forKey: .jobs) ?? []
        importedModels = try c.decodeIfPresent([ImportedModelRecord].self, forKey: .importedModels) ?? []
        deployments = try c.decodeIfPresent([DeploymentRecord].self, forKey: .deployments) ?? []
        inferenceProfiles = try c.decodeIfPresent([InferenceProfileRecord].self, forKey: .inferenceProfiles) ?? []
        tags = try c.decodeIfPresent([String: [String: String]].self, forKey: .tags) ?? [:]
        tokens = try c.decodeIfPresent([String: IdempotencyRecord].self, forKey: .tokens) ?? [:]
        randomState = try c.decodeIfPresent(UInt64.self, forKey: .randomState) ?? randomState
        taggingIndex = try c.decodeIfPresent(TaggingIndex.self, forKey: .taggingIndex) ?? TaggingIndex()
        sequence = try c.decodeIfPresent(Int.self, forKey: .sequence) ?? 0
    }

    /// 0001-01-01 and 9999-12-31T23:59:59Z, in seconds since 1970.
    static let earliest: TimeInterval = -62_135_596_800
    static let latest: TimeInterval = 253_402_300_799

    /// The first date in the state that no emulator could have written, described; nil when
    /// every date is plausible.
    var implausibleDate: String? {
        func bad(_ date: Date?) -> Bool {
            guard let seconds = date?.timeIntervalSince1970 else { return false }
            return !seconds.isFinite || seconds < Self.earliest || seconds > Self.latest
        }
        for t in throughputs
        where [t.creationTime, t.lastModifiedTime, t.commitmentExpirationTime, t.transitionEnds].contains(where: bad) {
            return "throughput \(t.name) has a date outside the years 1 to 9999"
        }
        for j in jobs where bad(j.creationTime) || bad(j.endTime) {
            return "import job \(j.jobName) has a date outside the years 1 to 9999"
        }
        for m in importedModels where [m.creationTime, m.lastActive, m.loadingUntil].contains(where: bad) {
            return "imported model \(m.name) has a date outside the years 1 to 9999"
        }
        for d in deployments where [d.creationTime, d.lastUpdatedAt, d.createdAt, d.updateEnds].contains(where: bad) {
            return "custom model deployment \(d.name) has a date outside the years 1 to 9999"
        }
        for p in inferenceProfiles where bad(p.creationTime) {
            return "inference profile \(p.name) has a date outside the years 1 to 9999"
        }
        return nil
    }

    /// Shows `visitor` one table's records, typed: one place for the lookups that must not miss a
    /// kind (tagging, fresh ids, the change count), without boxing every record on each request.
    /// The switch over `ResourceTable` makes a new table a compile error until it is listed here.
    func visit<V: RecordVisitor>(_ table: ResourceTable, _ visitor: V) -> V.Result {
        switch table {
        case .throughputs: return visitor.visit(throughputs)
        case .importJobs: return visitor.visit(jobs)
        case .importedModels: return visitor.visit(importedModels)
        case .deployments: return visitor.visit(deployments)
        case .inferenceProfiles: return visitor.visit(inferenceProfiles)
        }
    }

    /// How many resources `table` holds.
    func count(in table: ResourceTable) -> Int { visit(table, CountRecords()) }

    /// How many resources there are, of every kind.
    var resourceCount: Int { ResourceTable.allCases.reduce(0) { $0 + count(in: $1) } }

    /// Whether any resource, of any kind, is the one `arn` names.
    func exists(_ arn: BedrockARN?) -> Bool {
        guard let arn else { return false }
        return ResourceTable.allCases.contains { visit($0, FindRecord(arn: arn)) }
    }

    /// The ids of every resource, of every kind.
    var resourceIds: [String] { ResourceTable.allCases.flatMap { visit($0, RecordIds()) } }
}

/// What is done with one table's records, seen with their own type (`EmulatorState.visit`).
protocol RecordVisitor {
    associatedtype Result
    func visit<T: ARNNamed>(_ records: [T]) -> Result
}

struct CountRecords: RecordVisitor {
    func visit<T: ARNNamed>(_ records: [T]) -> Int { records.count }
}

/// Whether the table holds the record `arn` names; a table of another ARN type is not searched.
struct FindRecord: RecordVisitor {
    var arn: BedrockARN

    func visit<T: ARNNamed>(_ records: [T]) -> Bool {
        arn.type == T.arnType && records.contains { $0.isNamed(by: arn) }
    }
}

struct RecordIds: RecordVisitor {
    func visit<T: ARNNamed>(_ records: [T]) -> [String] { records.map(\.id) }
}

/// The emulator's resource collections.
enum ResourceTable: CaseIterable {
    case throughputs, importJobs, importedModels, deployments, inferenceProfiles

    /// The table's name in `GET /_emulator/health`.
    var name: String {
        switch self {
        case .throughputs: return "throughputs"
        case .importJobs: return "importJobs"
        case .importedModels: return "importedModels"
        case .deployments: return "customModelDeployments"
        case .inferenceProfiles: return "inferenceProfiles"
        }
    }
}

struct ThroughputRecord: Codable, Sendable, Equatable {
    var id: String
    var region: String
    var name: String
    var modelArn: String
    var desiredModelArn: String
    var foundationModelArn: String
    var modelUnits: Int
    var commitmentDuration: String?
    var commitmentExpirationTime: Date?
    var creationTime: Date
    var lastModifiedTime: Date
    /// `Creating` or `Updating` until `transitionEnds`.
    var transition: String?
    var transitionEnds: Date?
    /// Set when provisioning will fail (or has failed): the status becomes `Failed`.
    var failureMessage: String?

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .provisionedModel, resource: id).description
    }

    func status(at now: Date) -> String {
        if let transition, let ends = transitionEnds, now < ends { return transition }
        return failureMessage == nil ? "InService" : "Failed"
    }

    /// Finishes a transition whose time has come.
    mutating func settle(at now: Date) {
        guard let ends = transitionEnds, now >= ends else { return }
        transition = nil
        transitionEnds = nil
        if failureMessage == nil { modelArn = desiredModelArn }
        lastModifiedTime = ends
    }
}

struct ImportJobRecord: Codable, Sendable, Equatable {
    var id: String
    var region: String
    var jobName: String
    var importedModelName: String
    var importedModelId: String
    var roleArn: String
    var s3Uri: String
    var kmsKeyId: String?
    var subnetIds: [String]?
    var securityGroupIds: [String]?
    var creationTime: Date
    var endTime: Date
    var failureMessage: String?
    var importedModelTags: [String: String]
    var settled = false

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .modelImportJob, resource: id).description
    }
    var importedModelArn: String {
        BedrockARN(region: region, account: Emulator.account, type: .importedModel, resource: importedModelId)
            .description
    }

    func status(at now: Date) -> String {
        now < endTime ? "InProgress" : (failureMessage == nil ? "Completed" : "Failed")
    }
}

struct ImportedModelRecord: Codable, Sendable, Equatable {
    var id: String
    var region: String
    var name: String
    var jobName: String
    var jobArn: String
    var s3Uri: String
    var creationTime: Date
    var kmsKeyArn: String?
    /// When it last answered an invoke or finished loading; its creation before either.
    var lastActive: Date?
    /// Set while it loads after an eviction: invokes are not answered before then.
    var loadingUntil: Date?

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .importedModel, resource: id).description
    }
}

struct IdempotencyRecord: Codable, Sendable, Equatable {
    var digest: String
    var status: Int
    var body: [UInt8]
}

/// A record an ARN names: compared field by field with an ARN parsed once, instead of printing
/// every record's ARN to compare strings (a lookup in a crowded account was O(n) string builds).
protocol ARNNamed {
    static var arnType: BedrockARN.ResourceType { get }
    var id: String { get }
    var region: String { get }
}

extension ARNNamed {
    func isNamed(by arn: BedrockARN?) -> Bool {
        guard let arn else { return false }
        return arn.type == Self.arnType && arn.resource == id && arn.region == region && arn.account == Emulator.account
            && arn.partition == "aws"
    }
}

extension ThroughputRecord: ARNNamed {
    static var arnType: BedrockARN.ResourceType { .provisionedModel }
}

extension ImportJobRecord: ARNNamed {
    static var arnType: BedrockARN.ResourceType { .modelImportJob }
}

extension ImportedModelRecord: ARNNamed {
    static var arnType: BedrockARN.ResourceType { .importedModel }
}

/// A custom model deployment: on-demand serving of a custom model.
struct DeploymentRecord: Codable, Sendable, Equatable, ARNNamed {
    static var arnType: BedrockARN.ResourceType { .customModelDeployment }

    var id: String
    var region: String
    var name: String
    var modelArn: String
    var description: String?
    var creationTime: Date
    var lastUpdatedAt: Date
    /// `Creating` until then.
    var createdAt: Date
    /// Set when the deployment will fail (or has failed).
    var failureMessage: String?
    /// An update in progress or done: the model it moves to, and when it is in place.
    var updateModelArn: String?
    var updateEnds: Date?
    var updateSettled = false

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .customModelDeployment, resource: id).description
    }

    func status(at now: Date) -> String {
        if now < createdAt { return "Creating" }
        return failureMessage == nil ? "Active" : "Failed"
    }

    func updateStatus(at now: Date) -> String? {
        guard let ends = updateEnds else { return nil }
        return now < ends ? "Updating" : "UpdateCompleted"
    }

    /// Puts a finished update's model in place.
    mutating func settle(at now: Date) {
        guard let ends = updateEnds, now >= ends, !updateSettled, let target = updateModelArn else { return }
        modelArn = target
        lastUpdatedAt = ends
        updateSettled = true
    }
}

/// An application inference profile: a caller's own profile over the models of a foundation
/// model or a system-defined profile, for tracking cost and use.
struct InferenceProfileRecord: Codable, Sendable, Equatable, ARNNamed {
    static var arnType: BedrockARN.ResourceType { .applicationInferenceProfile }

    var id: String
    var region: String
    var name: String
    var description: String?
    /// What it was copied from (`modelSource.copyFrom`), as given.
    var source: String
    /// The foundation model ARNs it routes to.
    var models: [String]
    var creationTime: Date

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .applicationInferenceProfile, resource: id)
            .description
    }
}
