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
/// Others, for a reconciler that sends many requests at once against limits that are token
/// buckets with a second of burst (a burst hides the limit until the bucket is empty):
/// - The first throttle holds every request back for one round trip, until the answers to the
///   requests already in flight are in; the rate is then the rate the service accepted over that
///   round trip. Without the hold, a wave of requests went out at a rate measured on the burst.
/// - When enough answers came back in the last round trip, the rate the service accepted over it
///   is known, and a throttle cuts to 90% of that instead of to 70% of what was sent, whenever
///   that is lower: a burst of 32 at a 50-a-second limit otherwise takes six round trips of 70%
///   cuts to come down, each of them throttled.
/// - Once the rate is known that way, it grows back by 3% of it a second instead of along the
///   cubic curve, which probes far past a fixed limit (through the service's bucket, a probe is
///   seen only once the bucket has drained, with a round trip of requests throttled), and a
///   throttle then cuts 10%, not 30%.
/// - The bucket holds a tenth of a second of tokens, not a second: requests go out evenly, not
///   in a burst the service's own bucket may not have room for.
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
    /// How fast a known rate is probed past, as a share of it a second.
    static let knownProbe = 0.03
    /// The fewest answers in the window for the accepted rate to stand.
    static let minAnswers = 8
    /// The accepted rate is counted over a round trip, and never less than this: at a limit of
    /// 50 a second, a round trip of 50 ms holds two or three accepted answers, too few to tell.
    static let minWindow = 0.5
    /// The fewest accepted answers an estimate of the service's rate stands on.
    static let minAccepted = 3
    /// Seconds of tokens the bucket holds.
    static let burstSeconds = 0.1
    /// The shortest hold after the first throttle.
    static let minHold = 0.05
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
    /// After the first throttle, nothing is sent until then.
    private var holdUntil: TimeInterval?
    /// When the first throttle came: what the service accepted after it, it accepted from an empty bucket.
    private var firstThrottle: TimeInterval = 0

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
            if let hold = holdUntil {
                let left = hold - now()
                if left > 0 {
                    try await clock.sleep(.milliseconds(Int64((left * 1000).rounded(.up)).clamped(to: 1...60_000)))
                    continue
                }
                endHold(at: hold)
            }
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
        if let hold = holdUntil, t >= hold { endHold(at: hold) }
        if throttled && enabled && (sentAt ?? t) < lastCut { return }
        let newRate: Double
        if throttled {
            let current = enabled ? min(measuredRate, fillRate) : measuredRate
            if !enabled {
                // Hold everything back until the answers to what is in flight are in.
                holdUntil = t + max(roundTrip, Self.minHold)
                firstThrottle = t
            }
            if let accepted = acceptedRate(at: t), accepted * Self.knownBeta < current * Self.beta {
                lastMaxRate = accepted
                cutBeta = Self.knownBeta
            } else if enabled && cutBeta == Self.knownBeta {
                // The service's rate is known: a probe past it is cut back gently, not by 30%.
                lastMaxRate = current
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
            guard enabled, holdUntil == nil else { return }
            if cutBeta == Self.knownBeta {
                newRate = lastMaxRate * (cutBeta + Self.knownProbe * (t - lastThrottle))
            } else {
                window = Self.cubeRoot(lastMaxRate * (1 - cutBeta) / Self.scale)
                let since = t - lastThrottle - window
                newRate = Self.scale * since * since * since + lastMaxRate
            }
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

    /// The end of the first throttle's hold: the rate is what the service accepted while it held.
    /// Those answers are to requests that found its bucket empty, so what it accepted of them is
    /// its refill rate, not its burst.
    private func endHold(at hold: TimeInterval) {
        holdUntil = nil
        guard let accepted = acceptedRate(from: firstThrottle, to: hold) ?? heldRate(from: firstThrottle, to: hold),
            accepted * Self.knownBeta < fillRate
        else { return }
        lastMaxRate = accepted
        cutBeta = Self.knownBeta
        lastCut = hold
        lastThrottle = hold
        setFillRate(accepted * Self.knownBeta, at: hold)
    }

    /// The rate of accepted answers over the last round trip (or half-second), when enough answers
    /// came back in it to tell.
    func acceptedRate(at t: TimeInterval) -> Double? {
        acceptedRate(from: t - max(roundTrip, Self.minWindow), to: t)
    }

    /// The rate of accepted answers that came back after `start` and by `end`, when enough did.
    func acceptedRate(from start: TimeInterval, to end: TimeInterval) -> Double? {
        // Not counted over time before the first answer remembered: no answers is not no acceptance.
        guard let oldest = answers.first?.time else { return nil }
        let span = end - max(start, oldest)
        let (count, accepted) = tally(from: start, to: end)
        guard span > 0, count >= Self.minAnswers, accepted >= Self.minAccepted else { return nil }
        return Double(accepted) / span
    }

    /// How many answers came back after `start` and by `end`, and how many of them were accepted.
    private func tally(from start: TimeInterval, to end: TimeInterval) -> (answers: Int, accepted: Int) {
        let recent = answers.reversed().drop { $0.time > end }.prefix { $0.time > start }
        return (recent.count, recent.count { $0.accepted })
    }

    /// What the service accepted while the first throttle held, when enough answers came back but
    /// too few of them accepted for `acceptedRate`: one more than it accepted, over the hold. Few
    /// accepted of many in flight is itself the news that the rate is low; keeping the rate cut
    /// from the burst instead sent the throttled requests' retries out together at it, and all of
    /// them were throttled again. Few answers tell nothing (a small plan throttled at random).
    func heldRate(from start: TimeInterval, to end: TimeInterval) -> Double? {
        let (count, accepted) = tally(from: start, to: end)
        guard count >= Self.minAnswers else { return nil }
        return Double(accepted + 1) / max(end - start, Self.minHold)
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
        maxCapacity = max(rate * Self.burstSeconds, Self.minCapacity)
        capacity = min(capacity, maxCapacity)
    }

    static func cubeRoot(_ x: Double) -> Double { x <= 0 ? 0 : Foundation.pow(x, 1.0 / 3.0) }
}

extension Int64 {
    func clamped(to range: ClosedRange<Int64>) -> Int64 {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
