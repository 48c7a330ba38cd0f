import Foundation
import TestSupport
import Testing
@testable import AWSClient

/// Standard-mode retries, with an injected clock and jitter: no real sleeping.
@Suite struct RetryTests {
    @Test func throttlingIsRetriedWithExponentialFullJitter() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ThrottlingException"), ScriptedTransport.error(429, "TooManyRequestsException"),
            ScriptedTransport.json(200, #"{"tags":[]}"#),
        ])
        let clock = TestClock()
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxBackoff: .seconds(20), random: { 0.5 })
        _ = try await Clients.bedrock(transport, clock: clock, retry: policy).listTagsForResource("arn:r")
        #expect(transport.requests.count == 3)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
    }

    @Test func eachAttemptIsSignedAfresh() async throws {
        let transport = ScriptedTransport([ScriptedTransport.error(503, "ServiceUnavailableException"), ScriptedTransport.json(200, "{}")])
        let clock = TestClock()
        _ = try await Clients.bedrock(transport, clock: clock, retry: RetryPolicy(baseDelay: .seconds(30), maxBackoff: .seconds(60), random: { 0.999 })).listTagsForResource("arn:r")
        let dates = transport.requests.compactMap { $0.header("x-amz-date") }
        #expect(dates.count == 2 && dates[0] != dates[1])
    }

    @Test func retryAfterIsHonoured() async throws {
        let transport = ScriptedTransport([ScriptedTransport.error(429, "ThrottlingException", headers: [("Retry-After", "7")]), ScriptedTransport.json(200, "{}")])
        let clock = TestClock()
        _ = try await Clients.bedrock(transport, clock: clock, retry: RetryPolicy(random: { 0.1 })).listTagsForResource("arn:r")
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test func attemptsAreBoundedAndTheLastErrorIsThrown() async throws {
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.error(500, "InternalServerException"), count: 5))
        let clock = TestClock()
        await #expect(throws: AWSServiceError(code: "InternalServerException", message: "boom", status: 500, requestId: "req-1")) {
            try await Clients.bedrock(transport, clock: clock, retry: RetryPolicy(maxAttempts: 4, random: { 1 })).getProvisionedModelThroughput("x")
        }
        #expect(transport.requests.count == 4)
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func backoffIsCappedAtMaxBackoff() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxBackoff: .seconds(20), random: { 1 })
        let waits = (1...9).map { policy.decide(after: AWSServiceError(code: "ThrottlingException", message: "", status: 400), attempt: $0, idempotent: false) }
        #expect(waits == [1, 2, 4, 8, 16, 20, 20, 20, 20].map { RetryPolicy.Decision.retry(after: .seconds($0)) })
    }

    @Test func terminalErrorsAreNotRetried() async throws {
        let transport = ScriptedTransport([ScriptedTransport.error(400, "ValidationException"), ScriptedTransport.json(200, "{}")])
        await #expect(throws: AWSServiceError.self) { try await Clients.bedrock(transport).listTagsForResource("arn:r") }
        #expect(transport.requests.count == 1)
    }

    @Test func aCreateWithoutItsTokenIsNotRetriedAfterAConnectionFailure() async throws {
        let transport = ScriptedTransport([.failure(.connection("reset by peer")), ScriptedTransport.json(201, #"{"provisionedModelArn":"a"}"#)])
        await #expect(throws: TransportError.connection("reset by peer")) {
            _ = try await Clients.bedrock(transport).createProvisionedModelThroughput(.init(clientRequestToken: nil, modelUnits: 1, provisionedModelName: "p", modelId: "m"))
        }
        #expect(transport.requests.count == 1)
    }

    @Test func aCreateWithItsTokenIsRetriedWithTheSameToken() async throws {
        let transport = ScriptedTransport([.failure(.connection("reset by peer")), ScriptedTransport.error(500, "InternalServerException"),
                                           ScriptedTransport.json(201, #"{"provisionedModelArn":"a"}"#)])
        _ = try await Clients.bedrock(transport).createProvisionedModelThroughput(.init(clientRequestToken: "tok", modelUnits: 1, provisionedModelName: "p", modelId: "m"))
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.jsonBody?["clientRequestToken"] as? String == "tok" })
    }

    @Test func aCreateWithoutItsTokenIsStillRetriedWhenThrottled() async throws {
        let transport = ScriptedTransport([ScriptedTransport.error(429, "ThrottlingException"), ScriptedTransport.json(201, #"{"provisionedModelArn":"a"}"#)])
        _ = try await Clients.bedrock(transport).createProvisionedModelThroughput(.init(clientRequestToken: nil, modelUnits: 1, provisionedModelName: "p", modelId: "m"))
        #expect(transport.requests.count == 2)
    }

    @Test func cancellationStopsTheRetryLoop() async throws {
        let transport = ScriptedTransport(Array(repeating: ScriptedTransport.error(429, "ThrottlingException"), count: 10))
        let sleeping = AWSClock(now: { Date() }, sleep: { try await Task.sleep(for: .seconds(60 * $0.components.seconds + 60)) })
        let client = BedrockClient(service: ServiceClient(transport: transport, credentials: Clients.credentials, region: "us-west-2",
                                                          endpoint: URL(string: "https://bedrock.us-west-2.amazonaws.com")!, signingName: "bedrock",
                                                          clock: sleeping, retry: RetryPolicy(maxAttempts: 10)))
        let task = Task { try await client.listTagsForResource("arn:r") }
        while transport.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(20))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(transport.requests.count == 1)
    }
}
