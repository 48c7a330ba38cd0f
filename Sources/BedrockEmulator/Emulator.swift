import AWSClient
import BedrockConstraints
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
    /// What the Price List API serves.
    let priceList: EmulatorPriceList
    let log: @Sendable (String) -> Void

    public init(
        settings: EmulatorSettings = EmulatorSettings(), credentials: EmulatorCredentials = .default,
        statePath: String? = nil, priceList: EmulatorPriceList = .shipped,
        clock: AWSClock = .live, log: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        self.priceList = priceList
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
        if Self.isPricing(request) { return pricing(request, now: clock.now(), requestId: requestId) }
        // Last of the POST / services: STS's query protocol has no X-Amz-Target.
        if Self.isSTS(request) { return sts(request, now: clock.now(), requestId: requestId) }
        let realNow = clock.now()
        let now = realNow.addingTimeInterval(timeOffset)
        let region: String
        switch authenticate(request, now: realNow) {
        case .success(let auth): region = auth.region
        case .failure(let error): return .error(error, requestId: requestId)
        }
        // AWS has no Bedrock endpoint there, so no request could reach one: refused, nothing done.
        if let problem = BedrockRegions.problem(region) {
            return .error(
                .validation("No Amazon Bedrock endpoint serves the region the request was signed for: \(problem)."),
                requestId: requestId)
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true)
            .map { URIEncoding.decode(String($0)) }
        guard let (route, labels) = Self.route(method: request.method, segments: segments) else {
            return .error(.unknownOperation(request.method, request.path), requestId: requestId)
        }
        let operation = route.operation
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
            let ctx = Context(operation: operation, region: region, now: now, requestId: requestId)
            (response, changed) = try route.handler(
                self, EmulatorRoute.Input(request: request, ctx: ctx, labels: labels))
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

    /// Every REST operation: each kind's, then those that belong to no one kind.
    static let routes =
        EmulatorResources.all.flatMap { $0.routes } + tagRoutes + foundationModelRoutes + customModelRoutes
        + runtimeRoutes + converseRoutes

    /// The routes by method and first segment, so that a request is matched against few.
    static let routesByPrefix: [String: [EmulatorRoute]] = Dictionary(grouping: routes) {
        "\($0.method) \($0.requestUri.split(separator: "/").first ?? "")"
    }

    /// The route that serves a request's method and decoded path segments, with its labels' values.
    static func route(method: String, segments: [String]) -> (EmulatorRoute, [String])? {
        for route in routesByPrefix["\(method) \(segments.first ?? "")"] ?? [] {
            if let labels = route.labels(method: method, segments: segments) { return (route, labels) }
        }
        return nil
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
        /// The operation being answered: the key, with the token, of a create's replay.
        var operation: EmulatorOperation
        var region: String
        var now: Date
        var requestId: String
    }

    // MARK: - Lifecycles, randomness, persistence

    /// Moves every kind's lifecycles on to `now`, saving at once when one says so.
    func settle(now: Date) {
        settleQuotaRequests(now: now)
        var save = false
        for kind in EmulatorResources.all { save = kind.settle(in: self, now: now) || save }
        if save { persist() }
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
        let taken = state.reservedIds
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
