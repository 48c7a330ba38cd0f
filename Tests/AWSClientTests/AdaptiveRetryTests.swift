import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// Adaptive mode: a client-side rate limiter that is off until the service throttles, then paces
/// every request of the client; and a throttling budget fit for a reconciler.
@Suite struct AdaptiveRetryTests {
    @Test func theLimiterIsOffUntilAThrottleThenCutsTheRateAndPaces() async throws {
        let clock = TestClock()
        let limiter = ClientRateLimiter(clock: clock.clock)
        for _ in 0..<20 { try await limiter.acquire() }
        #expect(clock.sleeps.isEmpty, "no pacing before the service throttles")
        #expect(await limiter.rate == nil)
        // 20 requests in the first 0.4 s: about 50 per second; then a throttle.
        for _ in 0..<19 { await limiter.record(throttled: false) }
        clock.advance(0.4)
        await limiter.record(throttled: true)
        let cut = try #require(await limiter.rate)
        #expect(cut > 30 && cut < 40, "70% of the measured ~50/s, got \(cut)")
        for _ in 0..<10 { try await limiter.acquire() }
        let slept = clock.sleeps.reduce(Duration.zero, +)
        #expect(slept > .milliseconds(200), "10 tokens at ~\(cut)/s from an empty bucket take time, slept \(slept)")
    }

    @Test func successesGrowTheRateBackButNeverPastTwiceWhatIsSent() async throws {
        let clock = TestClock()
        let limiter = ClientRateLimiter(clock: clock.clock)
        for _ in 0..<10 { await limiter.record(throttled: false) }
        clock.advance(0.5)
        await limiter.record(throttled: true)
        let after = try #require(await limiter.rate)
        var rates: [Double] = []
        for _ in 0..<40 {
            clock.advance(0.25)
            for _ in 0..<5 { await limiter.record(throttled: false) }
            rates.append(await limiter.rate ?? 0)
        }
        #expect(rates.last! > after, "the rate grows back: \(after) -> \(rates.last!)")
        #expect(rates.allSatisfy { $0 <= 2 * 20 + 0.001 }, "capped at twice the ~20/s measured: \(rates.max()!)")
    }

    @Test func throttlingHasAReconcilersBudgetOtherErrorsDoNot() {
        let policy = RetryPolicy.adaptive()
        let throttle = AWSServiceError(code: "ThrottlingException", message: "slow", status: 429, requestId: nil)
        let server = AWSServiceError(code: "InternalServerException", message: "boom", status: 500, requestId: nil)
        #expect(policy.decide(after: throttle, attempt: 24, idempotent: true) != .fail)
        #expect(policy.decide(after: throttle, attempt: 25, idempotent: true) == .fail)
        #expect(policy.decide(after: server, attempt: 3, idempotent: true) == .fail)
        let modelLoading = AWSServiceError(
            code: "ModelNotReadyException", message: "loading", status: 429, requestId: nil)
        #expect(!RetryPolicy.isThrottle(modelLoading))
    }

    @Test func theEnvironmentChoosesTheModeAndTheAttempts() throws {
        let adaptive = try AWSConfiguration.retryPolicy(environment: [:])
        #expect(
            adaptive.mode == .adaptive && adaptive.limiter != nil && adaptive.maxThrottleAttempts == 25
                && adaptive.maxAttempts == 3)
        let standard = try AWSConfiguration.retryPolicy(environment: [
            "AWS_RETRY_MODE": "standard", "AWS_MAX_ATTEMPTS": "7",
        ])
        #expect(
            standard.mode == .standard && standard.limiter == nil && standard.maxAttempts == 7
                && standard.maxThrottleAttempts == 7)
        #expect(try AWSConfiguration.retryPolicy(environment: ["AWS_RETRY_MODE": "legacy"]).mode == .standard)
        #expect(
            throws: AWSConfiguration.ResolutionError.badSetting(
                "AWS_RETRY_MODE must be standard, adaptive or legacy, got 'fast'")
        ) {
            try AWSConfiguration.retryPolicy(environment: ["AWS_RETRY_MODE": "fast"])
        }
        #expect(throws: AWSConfiguration.ResolutionError.self) {
            try AWSConfiguration.retryPolicy(environment: ["AWS_MAX_ATTEMPTS": "0"])
        }
    }

    @Test func aThrottledClientPacesItsNextRequests() async throws {
        let clock = TestClock()
        var answers: [ScriptedTransport.Answer] = Array(
            repeating: ScriptedTransport.json(200, #"{"tags":[]}"#), count: 5)
        answers.append(ScriptedTransport.error(429, "ThrottlingException"))
        answers += Array(repeating: ScriptedTransport.json(200, #"{"tags":[]}"#), count: 10)
        let transport = ScriptedTransport(answers)
        var policy = RetryPolicy.adaptive(clock: clock.clock)
        policy.random = { 0 }
        let client = Clients.bedrock(transport, clock: clock, retry: policy)
        for _ in 0..<5 { _ = try await client.listTagsForResource("arn:r") }
        #expect(clock.sleeps.isEmpty)
        for _ in 0..<10 { _ = try await client.listTagsForResource("arn:r") }
        #expect(transport.requests.count == 16)
        #expect(await policy.limiter?.rate != nil, "the throttle turned the limiter on")
        #expect(!clock.sleeps.isEmpty, "later requests were paced")
    }
}

/// The one departure from the SDKs' limiter: a burst's throttles cut the rate once.
@Suite struct LimiterBurstTests {
    @Test func throttlesOfRequestsSentBeforeTheCutDoNotCutAgain() async throws {
        let clock = TestClock()
        let limiter = ClientRateLimiter(clock: clock.clock)
        var sent: [TimeInterval] = []
        for _ in 0..<32 { sent.append(try await limiter.acquire()) }
        clock.advance(0.6)
        for _ in 0..<31 { await limiter.record(throttled: false) }
        await limiter.record(throttled: true, sentAt: sent[0])
        let once = try #require(await limiter.rate)
        for time in sent.dropFirst() { await limiter.record(throttled: true, sentAt: time) }
        #expect(await limiter.rate == once, "31 more throttles of the same burst left the rate at \(once)")
        let later = try await limiter.acquire()
        clock.advance(0.05)
        await limiter.record(throttled: true, sentAt: later)
        #expect((await limiter.rate ?? .infinity) < once, "a request sent after the cut and throttled cuts again")
    }

    @Test func theFirstThrottleHoldsSendsForARoundTripThenRunsAtWhatTheServiceAcceptedMeanwhile() async throws {
        let clock = TestClock()
        let limiter = ClientRateLimiter(clock: clock.clock)
        var sent: [TimeInterval] = []
        for _ in 0..<60 { sent.append(try await limiter.acquire()) }
        clock.advance(0.05)
        // The service took a burst, then its bucket ran dry: the first throttle, a round trip in.
        for time in sent.prefix(30) { await limiter.record(throttled: false, sentAt: time) }
        await limiter.record(throttled: true, sentAt: sent[30])
        // The rest of what was in flight comes back during the hold: 5 accepted, 24 throttled.
        clock.advance(0.02)
        for (index, time) in sent.dropFirst(31).enumerated() {
            await limiter.record(throttled: index >= 5, sentAt: time)
        }
        let before = clock.sleeps.count
        let next = try await limiter.acquire()
        #expect(clock.sleeps.count > before, "the next request waited for the hold")
        #expect(next >= 0.1 - 0.001, "not before a round trip after the first throttle: \(next)")
        // 5 accepted in the 50 ms after the first throttle: 100 a second; 90% of it.
        let rate = try #require(await limiter.rate)
        #expect(rate > 85 && rate < 95, "90% of the ~100/s accepted from an empty bucket, not of the burst: \(rate)")
        // A known rate is probed slowly: a second of successes at it leaves it within a few percent.
        var peak = 0.0
        for _ in 0..<10 {
            clock.advance(0.1)
            for _ in 0..<9 { await limiter.record(throttled: false, sentAt: try await limiter.acquire()) }
            peak = max(peak, await limiter.rate ?? 0)
        }
        #expect(peak < 100, "3% of it a second, not a cubic probe: \(peak)")
        // A throttle at a known rate cuts 10%, not 30%.
        let current = min(await limiter.measuredRate, await limiter.rate ?? 0)
        await limiter.record(throttled: true, sentAt: try await limiter.acquire())
        let cut = try #require(await limiter.rate)
        #expect(cut >= 0.85 * current && cut <= 0.95 * current, "\(current) -> \(cut)")
    }

    @Test func aHoldThatSawTooFewAcceptedForAnEstimateStillEndsAtALowRate() async throws {
        // Found by `ReconcileBench scale 3` at 16 reads at a time: when the answers during the hold
        // held fewer than 3 accepted, the rate stayed cut from the burst (hundreds a second), and the
        // throttled requests' retries went out together at it, to be throttled again.
        let clock = TestClock()
        let limiter = ClientRateLimiter(clock: clock.clock)
        var sent: [TimeInterval] = []
        for _ in 0..<40 { sent.append(try await limiter.acquire()) }
        clock.advance(0.05)
        for time in sent.prefix(24) { await limiter.record(throttled: false, sentAt: time) }
        await limiter.record(throttled: true, sentAt: sent[24])
        let burstCut = try #require(await limiter.rate)
        #expect(burstCut > 100, "cut from the burst first: \(burstCut)")
        // In flight: 15 more; 1 accepted, 14 throttled.
        clock.advance(0.02)
        for (index, time) in sent.dropFirst(25).enumerated() {
            await limiter.record(throttled: index > 0, sentAt: time)
        }
        _ = try await limiter.acquire()
        let rate = try #require(await limiter.rate)
        #expect(rate < 50, "2 accepted (one more than seen) over the hold of about 60 ms, 90% of it: \(rate)")
    }
}
