/// When and how long to wait before trying a request again: AWS's "standard" retry mode, or its
/// "adaptive" mode, which adds a client-side rate limiter (`ClientRateLimiter`).
///
/// Throttling is always retried (the request was not processed). Server errors and broken
/// connections are retried only for idempotent requests — reads, deletes, and creates that carry
/// their `clientRequestToken` — since a create without one may have taken effect. Waits grow
/// exponentially with full jitter, and a `Retry-After` from the server is honoured.
public struct RetryPolicy: Sendable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case standard, adaptive
    }

    public var mode: Mode
    /// Attempts of a request that fails for any retryable reason but throttling.
    public var maxAttempts: Int
    /// Attempts of a throttled request: throttling means "not now", and a reconciler that gives
    /// up after three of them fails whole runs on a busy account (Terraform's AWS provider retries
    /// throttling 25 times).
    public var maxThrottleAttempts: Int
    /// The client-side rate limiter of adaptive mode, shared by every request of a client.
    public var limiter: ClientRateLimiter?
    public var baseDelay: Duration
    public var maxBackoff: Duration
    /// A number in [0, 1): the jitter source, injected so tests are exact.
    public var random: @Sendable () -> Double
    /// How often the runtime retries a ModelNotReadyException (a model loading): bedrock-runtime's
    /// model says the SDKs retry it "up to 5 times". Counted apart from `maxAttempts`, by
    /// `BedrockRuntimeClient`, which says each time that the model is loading.
    public var modelNotReadyRetries: Int

    public init(
        maxAttempts: Int = 3, maxThrottleAttempts: Int? = nil, baseDelay: Duration = .seconds(1),
        maxBackoff: Duration = .seconds(20), modelNotReadyRetries: Int = 5, mode: Mode = .standard,
        limiter: ClientRateLimiter? = nil,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.mode = mode
        self.maxAttempts = maxAttempts
        self.maxThrottleAttempts = maxThrottleAttempts ?? maxAttempts
        self.limiter = limiter
        self.baseDelay = baseDelay
        self.maxBackoff = maxBackoff
        self.modelNotReadyRetries = modelNotReadyRetries
        self.random = random
    }

    public static let standard = RetryPolicy()

    /// How often a reconciler retries throttling by default.
    public static let reconcilerThrottleAttempts = 25

    /// Adaptive mode: a rate limiter of its own (one per client), and the reconciler's throttling
    /// budget.
    public static func adaptive(
        maxAttempts: Int = 3, maxThrottleAttempts: Int = reconcilerThrottleAttempts,
        clock: AWSClock = .live
    ) -> RetryPolicy {
        RetryPolicy(
            maxAttempts: maxAttempts, maxThrottleAttempts: maxThrottleAttempts, mode: .adaptive,
            limiter: ClientRateLimiter(clock: clock))
    }
    public static let none = RetryPolicy(maxAttempts: 1, modelNotReadyRetries: 0)

    /// The error code of a model that is loading, retried by `BedrockRuntimeClient`, not here.
    public static let modelNotReadyCode = "ModelNotReadyException"

    public enum Decision: Sendable, Hashable {
        case retry(after: Duration)
        case fail
    }

    /// What to do after attempt number `attempt` (1-based) ended in `error`.
    public func decide(after error: Error, attempt: Int, idempotent: Bool, retryAfter: Duration? = nil) -> Decision {
        let budget = Self.isThrottle(error) ? max(maxAttempts, maxThrottleAttempts) : maxAttempts
        guard attempt < budget, isRetryable(error, idempotent: idempotent) else { return .fail }
        var delay = backoff(after: attempt)
        if let retryAfter { delay = min(max(delay, retryAfter), maxBackoff * 3) }
        return .retry(after: delay)
    }

    /// The wait after attempt number `attempt` (1-based): exponential from `baseDelay`, capped at
    /// `maxBackoff`, with full jitter.
    public func backoff(after attempt: Int) -> Duration {
        let ceiling = min(maxBackoff, baseDelay * Int(1 << min(max(attempt, 1) - 1, 20)))
        return ceiling * random()
    }

    /// The longest wait a server may ask for: a `Retry-After` past it is taken as this.
    public static let maxServerDelay: Duration = .seconds(300)

    /// A `Retry-After` header's delay in seconds, clamped to `0...maxServerDelay`; nil for a
    /// value that is not a finite number (`inf`, `nan`, an HTTP date, garbage).
    public static func serverDelay(_ header: String?) -> Duration? {
        guard let text = header?.trimmingCharacters(in: .whitespaces), let seconds = Double(text), seconds.isFinite
        else { return nil }
        let limit = Double(maxServerDelay.components.seconds)
        return .milliseconds(Int64((min(max(seconds, 0), limit) * 1000).rounded()))
    }

    /// Whether an error is the service asking to slow down.
    public static func isThrottle(_ error: Error) -> Bool {
        guard let service = error as? AWSServiceError, service.code != modelNotReadyCode else { return false }
        return service.kind == .throttling || service.status == 429
    }

    public func isRetryable(_ error: Error, idempotent: Bool) -> Bool {
        switch error {
        case let service as AWSServiceError:
            // A 429, but not throttling: the runtime client rides it out with its own budget.
            if service.code == Self.modelNotReadyCode { return false }
            if service.kind == .throttling || service.status == 429 { return true }
            return idempotent && (service.kind == .serverError || [500, 502, 503, 504].contains(service.status))
        case let transport as TransportError:
            switch transport {
            case .connection, .timeout: return idempotent
            case .responseTooLarge: return false
            }
        default:
            return false
        }
    }
}

extension Duration {
    /// Scales a duration; a factor that is not finite, or a result past about 292 years, is
    /// clamped instead of trapping.
    static func * (lhs: Duration, rhs: Double) -> Duration {
        let (seconds, attoseconds) = lhs.components
        let nanoseconds = (Double(seconds) + Double(attoseconds) / 1e18) * (rhs.isNaN ? 0 : rhs) * 1e9
        guard nanoseconds < Double(Int64.max) else { return .nanoseconds(Int64.max) }
        guard nanoseconds > Double(Int64.min) else { return .nanoseconds(Int64.min) }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }
}
