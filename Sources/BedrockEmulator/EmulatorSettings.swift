import BedrockConstraints

/// How the emulator behaves: lifecycle timing and injected faults. Changeable at run time
/// through the admin endpoint (`GET`/`POST /_emulator/settings`).
public struct EmulatorSettings: Codable, Sendable, Hashable {
    /// Seconds a throughput stays Creating or Updating.
    public var provisionSeconds: Double = 2
    /// Seconds an import job stays InProgress.
    public var importSeconds: Double = 2
    /// Share of requests answered 429 ThrottlingException, before anything else happens.
    public var throttleRate: Double = 0
    /// Share of requests answered 500 InternalServerException (nothing is changed).
    public var errorRate: Double = 0
    /// Milliseconds added to every request.
    public var latencyMs: Int = 0
    /// Share of changing requests whose change is committed but whose connection is then closed
    /// without an answer.
    public var dropAfterCommitRate: Double = 0
    /// Import jobs whose s3Uri starts with one of these fail.
    public var failImportsFrom: [String] = []
    /// Provisioned Throughputs whose name starts with one of these are created, then end Failed.
    public var failProvisioningOf: [String] = []
    /// Seeds the fault and id sequence, for reproducible runs.
    public var seed: UInt64?
    /// Quota values by quota code (`L-FE44174A`, …), over the defaults, in every region.
    public var quotas: [String: Double] = [:]
    /// Start every quota from AWS's default for a new account (`ModelUnitQuota.newAccountValue`:
    /// 2 units in each no-commitment pool, 0 per model, 1,000 inference profiles, …) instead of
    /// the values of an account whose quotas were raised for the examples.
    public var newAccount = false
    /// What becomes of a quota increase request (RequestServiceQuotaIncrease) once
    /// `quotaRequestSeconds` have passed: approved (the quota's value becomes the one asked for),
    /// denied, or left pending.
    public var quotaRequests = QuotaRequestOutcome.approve
    /// Emulated seconds a quota increase request stays PENDING before it is decided.
    public var quotaRequestSeconds: Double = 0
    /// Foundation models this account may not use: GetFoundationModelAvailability answers
    /// `NOT_AUTHORIZED` for them, and creates that would use one are refused.
    public var modelsNotAuthorized: [String] = []
    /// Foundation models whose end-user agreement this account has not accepted:
    /// GetFoundationModelAvailability answers `agreementAvailability` `NOT_AVAILABLE`.
    public var modelsWithoutAgreement: [String] = []
    /// Answer Service Quotas calls with AccessDeniedException, as for a caller without
    /// `servicequotas:*` permissions.
    public var quotasAccessDenied = false
    /// Answer Price List API calls with AccessDeniedException, as for a caller without
    /// `pricing:GetProducts`.
    public var pricingAccessDenied = false
    /// Seconds without an invoke after which an imported model is evicted, as Bedrock evicts idle
    /// imported models; nil never evicts.
    public var idleEvictSeconds: Double?
    /// Seconds an evicted imported model takes to load again, from the first invoke after its
    /// eviction; invokes meanwhile are answered 429 ModelNotReadyException.
    public var coldStartSeconds: Double = 10
    /// Emulated seconds before the Resource Groups Tagging API's `GetResources` reflects a
    /// resource's creation, tag changes or deletion, as its index lags behind the service.
    public var taggingLagSeconds: Double = 0
    /// Answer Resource Groups Tagging API calls with AccessDeniedException, as for a caller
    /// without `tag:GetResources`.
    public var taggingAccessDenied = false
    /// Transactions per second by operation name (`EmulatorOperation`), each a token bucket of
    /// `max(1, TPS)` tokens refilled on the real clock; calls beyond it are throttled.
    public var rateLimits: [String: Double] = [:]

    /// The settings that may be absent (null) in the admin endpoint's JSON.
    static let optionalNames: Set<String> = ["seed", "idleEvictSeconds"]

    public init() {}

    /// The longest lifecycle a setting may ask for (30 days), and the most latency (10 minutes).
    public static let maxLifecycleSeconds: Double = 30 * 86_400
    public static let maxLatencyMs = 600_000
    /// The largest quota value the Service Quotas model allows.
    public static let maxQuota: Double = 10_000_000_000
    /// Each adjustable quota of the default sandbox, an account whose quotas were raised: enough
    /// for the examples and the benchmarks' 500-throughput stacks. A quota AWS does not let one
    /// adjust keeps AWS's default.
    public static let raisedQuota: Double = 10_000
    /// The highest rate limit a setting may ask for, in transactions per second.
    public static let maxRateLimit: Double = 100_000

    /// The value of a quota as these settings make it, before any request raised it.
    public func quotaValue(_ quota: ModelUnitQuota) -> Double {
        if let value = quotas[EmulatorQuotas.code(of: quota)] { return value }
        return newAccount || !quota.adjustable ? quota.newAccountValue : Self.raisedQuota
    }

    /// Every problem with these settings, by setting name; empty when they are usable. A rate is
    /// a share from 0 to 1; times are finite, not negative, and bounded, so that no setting can
    /// carry the emulator's clock into arithmetic that traps.
    public var problems: [String] {
        var found: [String] = []
        for (name, rate) in [
            ("throttleRate", throttleRate), ("errorRate", errorRate), ("dropAfterCommitRate", dropAfterCommitRate),
        ]
        where !(rate.isFinite && (0...1).contains(rate)) {
            found.append("\(name) must be a number from 0 to 1, got \(rate)")
        }
        let lifecycles = [
            ("provisionSeconds", provisionSeconds), ("importSeconds", importSeconds),
            ("coldStartSeconds", coldStartSeconds), ("taggingLagSeconds", taggingLagSeconds),
            ("quotaRequestSeconds", quotaRequestSeconds),
        ]
        for (name, seconds) in lifecycles
        where !(seconds.isFinite && (0...Self.maxLifecycleSeconds).contains(seconds)) {
            found.append("\(name) must be from 0 to \(Int(Self.maxLifecycleSeconds)) seconds, got \(seconds)")
        }
        for (code, value) in quotas.sorted(by: { $0.key < $1.key }) {
            if EmulatorQuotas.quota(code: code) == nil {
                found.append("quotas: \(code) is not a Bedrock quota code; codes are listed by ListServiceQuotas")
            } else if !(value.isFinite && (0...Self.maxQuota).contains(value)) {
                found.append("quotas: \(code) must be from 0 to \(Int(Self.maxQuota)), got \(value)")
            }
        }
        // Zero would evict a model the moment it loaded: it could never answer.
        if let idle = idleEvictSeconds, !(idle.isFinite && idle > 0 && idle <= Self.maxLifecycleSeconds) {
            found.append(
                "idleEvictSeconds must be more than 0 and at most \(Int(Self.maxLifecycleSeconds)) seconds, "
                    + "got \(idle)")
        }
        for (name, rate) in rateLimits.sorted(by: { $0.key < $1.key }) {
            if EmulatorOperation(rawValue: name) == nil {
                found.append(
                    "rateLimits: \(name) is not an operation of the emulator; operations are "
                        + EmulatorOperation.names.joined(separator: ", "))
            } else if !(rate.isFinite && rate > 0 && rate <= Self.maxRateLimit) {
                found.append(
                    "rateLimits: \(name) must be more than 0 and at most \(Int(Self.maxRateLimit)) "
                        + "per second, got \(rate)")
            }
        }
        if !(0...Self.maxLatencyMs).contains(latencyMs) {
            found.append("latencyMs must be from 0 to \(Self.maxLatencyMs), got \(latencyMs)")
        }
        return found
    }
}

/// The access keys the emulator accepts.
public struct EmulatorCredentials: Sendable, Hashable {
    public var secrets: [String: String]

    public init(_ secrets: [String: String]) { self.secrets = secrets }

    /// LocalStack's convention: access key `test`, secret `test`.
    public static let `default` = EmulatorCredentials(["test": "test"])

    /// Parses `KEY:SECRET`.
    public static func parse(_ pairs: [String]) -> EmulatorCredentials? {
        var secrets: [String: String] = [:]
        for pair in pairs {
            guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex,
                pair.index(after: colon) != pair.endIndex
            else { return nil }
            secrets[String(pair[..<colon])] = String(pair[pair.index(after: colon)...])
        }
        return secrets.isEmpty ? nil : EmulatorCredentials(secrets)
    }
}

/// What the emulator does with a quota increase request once it is due.
public enum QuotaRequestOutcome: String, Codable, Sendable, Hashable, CaseIterable {
    /// APPROVED: the quota's applied value becomes the value asked for.
    case approve
    /// DENIED: the value stays.
    case deny
    /// PENDING for as long as this setting holds.
    case pending
}
