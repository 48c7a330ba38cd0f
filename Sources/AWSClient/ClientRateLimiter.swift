import Foundation

/// The client-side rate limiter of the AWS SDKs' "adaptive" retry mode: off until the service
/// throttles, then a token bucket whose fill rate follows CUBIC congestion control: cut to 70% of
/// the rate measured when throttled, then grown back along a cubic curve, never past twice the
/// measured send rate. Shared by every request of one client, so concurrent reads slow down
/// together instead of each burning its retries.
///
/// One departure from the SDKs: a throttle answering a request sent before the last cut does not
/// cut again. With many requests in flight, the answers to one burst all come back throttled, and
/// cutting 70% for each would take the rate to the floor (0.5 a second) for a single overshoot;
/// TCP's congestion control reduces once a round trip for the same reason.
///
/// A second: when enough answers came back in the last two round trips, the rate the service
/// accepted over them is known, and a throttle cuts to 90% of that instead of to 70% of what was
/// sent, whenever that is lower. A burst of 32 requests at a 50-a-second limit otherwise takes six
/// round trips of 70% cuts to come down, each of them throttled; and the curve then grows back
/// towards the rate the service took, not towards the rate that overshot it.
public actor ClientRateLimiter {
    /// Multiplicative decrease on a throttle.
    static let beta = 0.7
    /// CUBIC's scale constant.
    static let scale = 0.4
    /// Weight of the newest half-second in the measured send rate.
    static let smoothing = 0.8
    static let minFillRate = 0.5
    static let minCapacity = 1.0
    /// The send rate is measured over half-second buckets.
    static let bucketSeconds = 0.5
    /// The decrease once the service's accepted rate is known.
    static let knownBeta = 0.9
    /// The fewest answers in the window for the accepted rate to stand.
    static let minAnswers = 8
    /// The accepted rate is counted over two round trips, and never less than this.
    static let minWindow = 0.1
    /// Answers older than this are forgotten.
    static let answerMemory = 2.0

    let clock: AWSClock
    let start: Date
    private(set) var enabled = false
    private(set) var fillRate = 0.0
    private var maxCapacity = 1.0
    private var capacity = 0.0
    private var lastRefill: TimeInterval = 0
    private(set) var measuredRate = 0.0
    private var bucketStart: TimeInterval
    private var requestsInBucket = 0
    private var measuredOnce = false
    private var lastMaxRate = 0.0
    private var lastThrottle: TimeInterval = 0
    /// When the rate was last cut: throttles of requests sent before it are already accounted for.
    private var lastCut: TimeInterval = -.infinity
    private var window = 0.0
    /// The decrease of the last cut: `beta`, or `knownBeta` when the accepted rate set it.
    private var cutBeta = beta
    /// Recent answers, oldest first: when each came back and whether it was accepted.
    private var answers: [(time: TimeInterval, accepted: Bool)] = []
    /// The smoothed round trip, from the send times `acquire` hands out.
    private(set) var roundTrip = 0.0

    public init(clock: AWSClock = .live) {
        self.clock = clock
        start = clock.now()
        bucketStart = 0
    }

    /// Seconds since the limiter was made, on its clock.
    private func now() -> TimeInterval { clock.now().timeIntervalSince(start) }

    /// The rate requests may be sent at now, or nil while the service has not throttled.
    public var rate: Double? { enabled ? fillRate : nil }

    /// Waits for a token before a request is sent (at once until the first throttle); returns the
    /// time it was sent, for `record`.
    @discardableResult
    public func acquire() async throws -> TimeInterval {
        while enabled {
            refill()
            if capacity >= 1 {
                capacity -= 1
                return now()
            }
            let wait = (1 - capacity) / max(fillRate, Self.minFillRate)
            try await clock.sleep(.milliseconds(Int64((wait * 1000).rounded(.up)).clamped(to: 1...60_000)))
        }
        return now()
    }

    /// Records an answer to a request sent at `sentAt` (from `acquire`; nil: now): a throttle cuts
    /// the rate, anything else lets it grow back.
    public func record(throttled: Bool, sentAt: TimeInterval? = nil) {
        let t = now()
        measure(at: t)
        remember(throttled: throttled, at: t, sentAt: sentAt)
        if throttled && enabled && (sentAt ?? t) < lastCut { return }
        let newRate: Double
        if throttled {
            let current = enabled ? min(measuredRate, fillRate) : measuredRate
            if let accepted = acceptedRate(at: t), accepted * Self.knownBeta < current * Self.beta {
                lastMaxRate = accepted
                cutBeta = Self.knownBeta
            } else {
                lastMaxRate = current
                cutBeta = Self.beta
            }
            lastCut = t
            window = Self.cubeRoot(lastMaxRate * (1 - cutBeta) / Self.scale)
            lastThrottle = t
            newRate = lastMaxRate * cutBeta
            enabled = true
        } else {
            guard enabled else { return }
            window = Self.cubeRoot(lastMaxRate * (1 - cutBeta) / Self.scale)
            let since = t - lastThrottle - window
            newRate = Self.scale * since * since * since + lastMaxRate
        }
        setFillRate(min(newRate, 2 * measuredRate), at: t)
    }

    /// Keeps the answer for `acceptedRate`, and the round trip of a request whose send time is known.
    private func remember(throttled: Bool, at t: TimeInterval, sentAt: TimeInterval?) {
        if let sentAt, t >= sentAt {
            roundTrip = roundTrip == 0 ? t - sentAt : 0.8 * roundTrip + 0.2 * (t - sentAt)
        }
        answers.append((t, !throttled))
        if let first = answers.firstIndex(where: { $0.time > t - Self.answerMemory }), first > 0 {
            answers.removeFirst(first)
        }
    }

    /// The rate of accepted answers over the last two round trips, when enough answers came back
    /// in them to tell (at least one accepted request is assumed, so it is never 0).
    func acceptedRate(at t: TimeInterval) -> Double? {
        let span = max(2 * roundTrip, Self.minWindow)
        let recent = answers.reversed().prefix { $0.time > t - span }
        guard recent.count >= Self.minAnswers else { return nil }
        return Double(max(1, recent.filter(\.accepted).count)) / span
    }

    /// The send rate, smoothed over half-second buckets. Until the first bucket closes, the rate
    /// so far stands in for it (the SDKs wait for a whole bucket, and take a throttle in the first
    /// half-second as a rate of 0).
    private func measure(at t: TimeInterval) {
        requestsInBucket += 1
        let bucket = (t / Self.bucketSeconds).rounded(.down) * Self.bucketSeconds
        if bucket > bucketStart {
            let rate = Double(requestsInBucket) / (bucket - bucketStart)
            measuredRate = measuredOnce ? rate * Self.smoothing + measuredRate * (1 - Self.smoothing) : rate
            measuredOnce = true
            requestsInBucket = 0
            bucketStart = bucket
        } else if !measuredOnce {
            measuredRate = Double(requestsInBucket) / max(t - bucketStart, 0.05)
        }
    }

    private func refill() {
        let t = now()
        capacity = min(maxCapacity, capacity + (t - lastRefill) * fillRate)
        lastRefill = t
    }

    private func setFillRate(_ rate: Double, at t: TimeInterval) {
        refill()
        fillRate = max(rate, Self.minFillRate)
        maxCapacity = max(rate, Self.minCapacity)
        capacity = min(capacity, maxCapacity)
    }

    static func cubeRoot(_ x: Double) -> Double { x <= 0 ? 0 : Foundation.pow(x, 1.0 / 3.0) }
}

extension Int64 {
    func clamped(to range: ClosedRange<Int64>) -> Int64 {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
