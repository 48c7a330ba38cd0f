import Foundation

/// Per-operation token buckets, as AWS describes its API rate limits: an operation allowed `tps`
/// transactions per second holds at most `max(1, tps)` tokens (one second of burst), starts
/// full, refills at `tps` tokens a second, and a call that finds less than one token is
/// throttled without being processed.
///
/// Time is the caller's real clock: emulated time (`advance`) skips lifecycles, and must not
/// hand a caller a second's worth of calls it never waited for.
struct RateLimiter: Sendable {
    struct Bucket: Sendable, Equatable {
        var rate: Double
        var tokens: Double
        var refilled: Date

        var capacity: Double { max(1, rate) }
    }

    private(set) var buckets: [EmulatorOperation: Bucket] = [:]

    /// Takes a token for one call of `operation` at `now` under `limits` (transactions per
    /// second by operation name); false when the call is to be throttled. Operations without a
    /// limit are always admitted.
    mutating func admit(_ operation: EmulatorOperation, limits: [String: Double], now: Date) -> Bool {
        guard let rate = limits[operation.name], rate > 0, rate.isFinite else {
            buckets[operation] = nil
            return true
        }
        var bucket = buckets[operation] ?? Bucket(rate: rate, tokens: max(1, rate), refilled: now)
        if bucket.rate != rate {
            // A changed limit starts a full bucket of its own size.
            bucket = Bucket(rate: rate, tokens: max(1, rate), refilled: now)
        }
        let elapsed = max(0, now.timeIntervalSince(bucket.refilled))
        bucket.tokens = min(bucket.capacity, bucket.tokens + elapsed * rate)
        bucket.refilled = max(bucket.refilled, now)
        let admitted = bucket.tokens >= 1
        if admitted { bucket.tokens -= 1 }
        buckets[operation] = bucket
        return admitted
    }
}
