import AWSClient
import Foundation
import SigV4

/// A local Bedrock: the control plane and runtime operations bedrockctl uses, answering as the
/// service does (paths, status codes, JSON names, error names), with SigV4 verification,
/// lifecycles in emulated time, idempotency tokens, pagination, persistence and fault injection.
///
/// Use it in-process through `EmulatorTransport`, or on a loopback port through `EmulatorServer`.
public actor Emulator {
    public static let account = "000000000000"
    /// How far `advance` may move emulated time ahead: 100 years.
    static let maxTimeOffset: TimeInterval = 100 * 365 * 86_400

    var state: EmulatorState
    public internal(set) var settings: EmulatorSettings
    /// Emulated time runs this far ahead of the clock (`POST /_emulator/advance`); signatures are
    /// still checked against the real time.
    var timeOffset: TimeInterval = 0
    let credentials: EmulatorCredentials
    let clock: AWSClock
    let statePath: String?
    /// Where `--state` keeps the state: nil in memory.
    let store: EmulatorStateStore?
    /// Per-operation rate limits (`settings.rateLimits`), on the real clock.
    var rateLimiter = RateLimiter()
    let log: @Sendable (String) -> Void

    public init(
        settings: EmulatorSettings = EmulatorSettings(), credentials: EmulatorCredentials = .default,
        statePath: String? = nil,
        clock: AWSClock = .live, log: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        self.settings = settings
        self.credentials = credentials
        self.statePath = statePath
        self.clock = clock
        self.log = log
        let store = try statePath.map { path throws(EmulatorStateError) in try EmulatorStateStore(path: path) }
        var loaded = store?.saved ?? EmulatorState()
        if let statePath, let problem = loaded.implausibleDate {
            throw EmulatorStateError(
                path: statePath,
                reason: "cannot be used: \(problem); move it away to start afresh")
        }
        // A seed starts the sequence of a new state; a loaded state goes on from where it was, or
        // a restart would hand out the ids of resources that exist.
        if let seed = settings.seed, store?.isNew ?? true { loaded.randomState = seed }
        self.store = store
        self.state = loaded
    }

    /// Changes settings; the id and fault sequence restarts only when the seed itself changes,
    /// or ids already handed out would be handed out again.
    public func updateSettings(_ change: @Sendable (inout EmulatorSettings) -> Void) {
        let before = settings.seed
        change(&settings)
        if let seed = settings.seed, seed != before { state.randomState = seed }
    }

    /// Answers one request.
    public func handle(_ request: EmulatorRequest) async -> EmulatorResponse {
        let requestId = randomId(length: 36, alphabet: "0123456789abcdef")
        var response = await process(request, requestId: requestId)
        // The service's clock, as the service reports it: emulated time, `advance` included.
        response.headers.append(("Date", HTTPDate.format(clock.now().addingTimeInterval(timeOffset))))
        log(
            "\(request.method) \(request.path)\(request.query.isEmpty ? "" : "?…") "
                + "-> \(response.dropConnection ? "dropped" : String(response.status))"
        )
        return response
    }

    private func process(_ request: EmulatorRequest, requestId: String) async -> EmulatorResponse {
        if request.path.hasPrefix("/_emulator/") { return admin(request, requestId: requestId) }
        // Latency applies to every service on the port, as a network would.
        if settings.latencyMs > 0 { try? await clock.sleep(.milliseconds(settings.latencyMs)) }
        if Self.isServiceQuotas(request) { return serviceQuotas(request, now: clock.now(), requestId: requestId) }
        if Self.isTagging(request) { return tagging(request, now: clock.now(), requestId: requestId) }
        if Self.isSTS(request) { return sts(request, now: clock.now(), requestId: requestId) }
        let realNow = clock.now()
        let now = realNow.addingTimeInterval(timeOffset)
        let region: String
        switch authenticate(request, now: realNow) {
        case .success(let auth): region = auth.region
        case .failure(let error): return .error(error, requestId: requestId)
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true)
            .map { URIEncoding.decode(String($0)) }
        guard let operation = EmulatorOperation.bedrock(method: request.method, segments: segments) else {
            return .error(.unknownOperation(request.method, request.path), requestId: requestId)
        }
        guard admit(operation, realNow: realNow) else { return .error(.throttled, requestId: requestId) }
        if settings.throttleRate > 0 && random() < settings.throttleRate {
            return .error(.throttled, requestId: requestId)
        }
        if settings.errorRate > 0 && random() < settings.errorRate {
            return .error(.internalError, requestId: requestId)
        }
        settle(now: now)
        let before = state.resourceCount
        var response: EmulatorResponse
        var changed = false
        do {
            let ctx = Context(region: region, now: now, requestId: requestId)
            (response, changed) = try route(operation, segments, request, ctx)
        } catch {
            response = .error(error, requestId: requestId)
        }
        if changed || before != state.resourceCount {
            persist()
            if settings.dropAfterCommitRate > 0 && random() < settings.dropAfterCommitRate {
                response.dropConnection = true
            }
        }
        return response
    }

    // MARK: - Authentication

    /// Checks a request's signature, as scoped to `service`: the one check behind every service the
    /// emulator serves, each of which writes the failure in its own protocol's form.
    func authenticate(
        _ request: EmulatorRequest, now: Date, service: String = "bedrock"
    )
        -> Result<Verifier.Authorization, EmulatorError>
    {
        let secrets = credentials.secrets
        let verifier = Verifier(secretFor: { secrets[$0] })
        switch verifier.verify(request, now: now) {
        case .success(let auth):
            guard auth.service == service else {
                return .failure(
                    EmulatorError(.invalidSignature, "Credential should be scoped to correct service: '\(service)'."))
            }
            return .success(auth)
        case .failure(.missingAuthentication):
            return .failure(EmulatorError(.missingAuthenticationToken, "Missing Authentication Token"))
        case .failure(.incompleteSignature(let why)):
            return .failure(EmulatorError(.incompleteSignature, why))
        case .failure(.unknownAccessKey):
            return .failure(
                EmulatorError(.unrecognizedClient, "The security token included in the request is invalid."))
        case .failure(.signatureMismatch(let canonical, let stringToSign)):
            return .failure(
                EmulatorError(
                    .invalidSignature,
                    """
                    The request signature we calculated does not match the signature you provided. Check your AWS \
                    Secret Access Key and signing method. Consult the service documentation for details.

                    The Canonical String for this request should have been
                    '\(canonical)'

                    The String-to-Sign should have been
                    '\(stringToSign)'
                    """))
        case .failure(.clockSkew(let requestTime, let serverTime)):
            return .failure(
                EmulatorError(
                    .invalidSignature,
                    "Signature expired: \(requestTime) is now earlier than \(serverTime) (\(serverTime) - 5 min.)"))
        }
    }

    // MARK: - Routing

    /// Runs a Bedrock operation; returns its answer and whether it changed anything.
    private func route(
        _ operation: EmulatorOperation, _ segments: [String], _ request: EmulatorRequest,
        _ ctx: Context
    ) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        switch operation {
        case .createProvisionedModelThroughput: return try createThroughput(request, ctx)
        case .getProvisionedModelThroughput: return (try getThroughput(segments[1], ctx), false)
        case .updateProvisionedModelThroughput: return try updateThroughput(segments[1], request, ctx)
        case .deleteProvisionedModelThroughput: return try deleteThroughput(segments[1], ctx)
        case .listProvisionedModelThroughputs: return (try listThroughputs(request, ctx), false)
        case .createModelImportJob: return try createImportJob(request, ctx)
        case .listModelImportJobs: return (try listImportJobs(request, ctx), false)
        case .getModelImportJob: return (try getImportJob(segments[1], ctx), false)
        case .listImportedModels: return (try listImportedModels(request, ctx), false)
        case .getImportedModel: return (try getImportedModel(segments[1], ctx), false)
        case .deleteImportedModel: return try deleteImportedModel(segments[1], ctx)
        case .tagResource: return try tagResource(request, ctx)
        case .untagResource: return try untagResource(request, ctx)
        case .listTagsForResource: return (try listTags(request, ctx), false)
        case .listFoundationModels: return (try listFoundationModels(request, ctx), false)
        case .getFoundationModel: return (try getFoundationModel(segments[1], ctx), false)
        case .createCustomModelDeployment: return try createDeployment(request, ctx)
        case .getCustomModelDeployment: return (try getDeployment(segments[2], ctx), false)
        case .updateCustomModelDeployment: return try updateDeployment(segments[2], request, ctx)
        case .deleteCustomModelDeployment: return try deleteDeployment(segments[2], ctx)
        case .listCustomModelDeployments: return (try listDeployments(request, ctx), false)
        case .getCustomModel: return (try getCustomModel(segments[1], ctx), false)
        case .listCustomModels: return (try listCustomModels(request, ctx), false)
        case .createInferenceProfile: return try createInferenceProfile(request, ctx)
        case .getInferenceProfile: return (try getInferenceProfile(segments[1], ctx), false)
        case .deleteInferenceProfile: return try deleteInferenceProfile(segments[1], ctx)
        case .listInferenceProfiles: return (try listInferenceProfiles(request, ctx), false)
        case .invokeModel: return (try invoke(segments[1], request, ctx, stream: false), false)
        case .invokeModelWithResponseStream: return (try invoke(segments[1], request, ctx, stream: true), false)
        case .getServiceQuota, .listServiceQuotas, .getCallerIdentity, .getResources:
            throw .unknownOperation(request.method, request.path)
        }
    }

    /// Takes a token from the operation's rate limit, if it has one; false to throttle the call.
    /// Buckets refill on the real clock (`realNow`), not emulated time.
    func admit(_ operation: EmulatorOperation, realNow: Date) -> Bool {
        let admitted = rateLimiter.admit(operation, limits: settings.rateLimits, now: realNow)
        if !admitted {
            log("\(operation.name) throttled: over its rate limit of \(settings.rateLimits[operation.name] ?? 0)/s")
        }
        return admitted
    }

    struct Context {
        var region: String
        var now: Date
        var requestId: String
    }

    // MARK: - Lifecycles, randomness, persistence

    func settle(now: Date) {
        var settledAny = false
        for i in state.throughputs.indices { state.throughputs[i].settle(at: now) }
        for i in state.deployments.indices { state.deployments[i].settle(at: now) }
        for i in state.jobs.indices where !state.jobs[i].settled && now >= state.jobs[i].endTime {
            state.jobs[i].settled = true
            settledAny = true
            let job = state.jobs[i]
            guard job.failureMessage == nil else { continue }
            let model = ImportedModelRecord(
                id: job.importedModelId, region: job.region, name: job.importedModelName, jobName: job.jobName,
                jobArn: job.arn, s3Uri: job.s3Uri, creationTime: job.endTime,
                kmsKeyArn: job.kmsKeyId.map { kmsArn($0, region: job.region) })
            state.importedModels.append(model)
            if !job.importedModelTags.isEmpty { state.tags[model.arn] = job.importedModelTags }
            indexTags(of: model.arn, region: model.region, at: job.endTime)
        }
        if settledAny { persist() }
    }

    func kmsArn(_ id: String, region: String) -> String {
        id.hasPrefix("arn:") ? id : "arn:aws:kms:\(region):\(Self.account):\(id.hasPrefix("alias/") ? id : "key/" + id)"
    }

    /// SplitMix64, so a seeded emulator repeats its ids and faults exactly.
    func nextRandom() -> UInt64 {
        state.randomState &+= 0x9E37_79B9_7F4A_7C15
        var z = state.randomState
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func random() -> Double { Double(nextRandom() >> 11) / Double(1 << 53) }

    /// A 12-character id no resource has (nor an import job's model to come).
    func freshResourceId() -> String {
        let taken = Set(
            state.resourceIds + state.jobs.map(\.importedModelId))
        while true {
            let id = randomId()
            if !taken.contains(id) { return id }
        }
    }

    func randomId(length: Int = 12, alphabet: String = "abcdefghijklmnopqrstuvwxyz0123456789") -> String {
        let chars = Array(alphabet)
        return String((0..<length).map { _ in chars[Int(nextRandom() % UInt64(chars.count))] })
    }

    /// Saves what changed since the last save (`EmulatorStateStore`), with `--state`.
    func persist() {
        guard let store else { return }
        do { try store.save(&state) } catch { log("error: the state could not be saved: \(error)") }
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .millisecondsSince1970
        return e
    }()

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .millisecondsSince1970
        return d
    }()

    /// `2026-11-25T04:01:35.632Z`, built by hand: a date formatter per call made listing slow.
    static func timestamp(_ date: Date) -> String {
        // Dates come from emulated time and state files: keep them within years 0001 to 9999.
        let given = date.timeIntervalSince1970
        let clamped = given.isFinite ? min(max(given, EmulatorState.earliest), EmulatorState.latest) : 0
        let milliseconds = Int64((clamped * 1000).rounded(.down))
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let millis = Int((milliseconds % 1000 + 1000) % 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(millis, 3))Z"
    }
}

/// A `--state` file that cannot be used.
public struct EmulatorStateError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "state file \(path) \(reason)" }
}
