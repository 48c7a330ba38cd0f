import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// Standard-mode retries, with an injected clock and jitter: no real sleeping.
@Suite struct RetryTests {
    @Test func throttlingIsRetriedWithExponentialFullJitter() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ThrottlingException"),
            ScriptedTransport.error(429, "TooManyRequestsException"),
            ScriptedTransport.json(200, #"{"tags":[]}"#),
        ])
        let clock = TestClock()
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: .seconds(1), maxBackoff: .seconds(20), random: { 0.5 })
        _ = try await Clients.bedrock(transport, clock: clock, retry: policy).listTagsForResource("arn:r")
        #expect(transport.requests.count == 3)
        #expect(clock.sleeps == [.milliseconds(500), .seconds(1)])
    }

    @Test func eachAttemptIsSignedAfresh() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(503, "ServiceUnavailableException"), ScriptedTransport.json(200, "{}"),
        ])
        let clock = TestClock()
        _ = try await Clients.bedrock(
            transport, clock: clock,
            retry: RetryPolicy(baseDelay: .seconds(30), maxBackoff: .seconds(60), random: { 0.999 })
        ).listTagsForResource("arn:r")
        let dates = transport.requests.compactMap { $0.header("x-amz-date") }
        #expect(dates.count == 2 && dates[0] != dates[1])
    }

    @Test func retryAfterIsHonoured() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(429, "ThrottlingException", headers: [("Retry-After", "7")]),
            ScriptedTransport.json(200, "{}"),
        ])
        let clock = TestClock()
        _ = try await Clients.bedrock(transport, clock: clock, retry: RetryPolicy(random: { 0.1 })).listTagsForResource(
            "arn:r")
        #expect(clock.sleeps == [.seconds(7)])
    }

    @Test func attemptsAreBoundedAndTheLastErrorIsThrown() async throws {
        let transport = ScriptedTransport(
            Array(repeating: ScriptedTransport.error(500, "InternalServerException"), count: 5))
        let clock = TestClock()
        await #expect(
            throws: AWSServiceError(
                code: "InternalServerException", message: "boom", status: 500, requestId: "req-1",
                operation: "GetProvisionedModelThroughput", resource: "x")
        ) {
            try await Clients.bedrock(transport, clock: clock, retry: RetryPolicy(maxAttempts: 4, random: { 1 }))
                .getProvisionedModelThroughput("x")
        }
        #expect(transport.requests.count == 4)
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func backoffIsCappedAtMaxBackoff() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxBackoff: .seconds(20), random: { 1 })
        let waits = (1...9).map {
            policy.decide(
                after: AWSServiceError(code: "ThrottlingException", message: "", status: 400), attempt: $0,
                idempotent: false)
        }
        #expect(waits == [1, 2, 4, 8, 16, 20, 20, 20, 20].map { RetryPolicy.Decision.retry(after: .seconds($0)) })
    }

    @Test func aServiceErrorNamesTheOperationAndTheResource() async throws {
        let transport = ScriptedTransport([ScriptedTransport.error(429, "ThrottlingException", "Rate exceeded")])
        do {
            _ = try await Clients.bedrock(transport, retry: .none).getProvisionedModelThroughput("support-bot")
            Issue.record("no error")
        } catch {
            #expect(
                "\(error)"
                    == "GetProvisionedModelThroughput of support-bot: ThrottlingException (HTTP 429): Rate "
                    + "exceeded [request id req-1]"
            )
        }
        let tagging = ScriptedTransport([ScriptedTransport.error(400, "ValidationException", "bad tag")])
        do {
            try await Clients.bedrock(tagging, retry: .none).tagResource(
                "arn:aws:bedrock:us-east-1:1:provisioned-model/x", tags: [.init(key: "k", value: "v")])
            Issue.record("no error")
        } catch {
            #expect(
                "\(error)".hasPrefix(
                    "TagResource of arn:aws:bedrock:us-east-1:1:provisioned-model/x: ValidationException"))
        }
    }

    @Test func terminalErrorsAreNotRetried() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ValidationException"), ScriptedTransport.json(200, "{}"),
        ])
        await #expect(throws: AWSServiceError.self) {
            try await Clients.bedrock(transport).listTagsForResource("arn:r")
        }
        #expect(transport.requests.count == 1)
    }

    @Test func aCreateWithoutItsTokenIsNotRetriedAfterAConnectionFailure() async throws {
        let transport = ScriptedTransport([
            .failure(.connection("reset by peer")), ScriptedTransport.json(201, #"{"provisionedModelArn":"a"}"#),
        ])
        await #expect(
            throws: ServiceCallError(
                operation: "CreateProvisionedModelThroughput", endpoint: "https://bedrock.us-west-2.amazonaws.com",
                underlying: .connection("reset by peer"))
        ) {
            _ = try await Clients.bedrock(transport).createProvisionedModelThroughput(
                .init(clientRequestToken: nil, modelUnits: 1, provisionedModelName: "p", modelId: "m"))
        }
        #expect(transport.requests.count == 1)
    }

    @Test func aCreateWithItsTokenIsRetriedWithTheSameToken() async throws {
        let transport = ScriptedTransport([
            .failure(.connection("reset by peer")), ScriptedTransport.error(500, "InternalServerException"),
            ScriptedTransport.json(201, #"{"provisionedModelArn":"a"}"#),
        ])
        _ = try await Clients.bedrock(transport).createProvisionedModelThroughput(
            .init(clientRequestToken: "tok", modelUnits: 1, provisionedModelName: "p", modelId: "m"))
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.jsonBody?["clientRequestToken"] as? String == "tok" })
    }

    @Test func aCreateWithoutItsTokenIsStillRetriedWhenThrottled() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(429, "ThrottlingException"),
            ScriptedTransport.json(201, #"{"provisionedModelArn":"a"}"#),
        ])
        _ = try await Clients.bedrock(transport).createProvisionedModelThroughput(
            .init(clientRequestToken: nil, modelUnits: 1, provisionedModelName: "p", modelId: "m"))
        #expect(transport.requests.count == 2)
    }

    @Test func cancellationStopsTheRetryLoop() async throws {
        let transport = ScriptedTransport(
            Array(repeating: ScriptedTransport.error(429, "ThrottlingException"), count: 10))
        let sleeping = AWSClock(
            now: { Date() }, sleep: { try await Task.sleep(for: .seconds(60 * $0.components.seconds + 60)) })
        let client = BedrockClient(
            service: ServiceClient(
                transport: transport, credentials: Clients.credentials, region: "us-west-2",
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

/// Delays a server asks for are numbers from outside: none of them may trap or stall a run.
@Suite struct ServerDelayTests {
    @Test(arguments: [
        "inf", "-inf", "nan", "NaN", "9.3e15", "1e300", "99999999999999999999", "-5", "Wed, 21 Oct 2026 07:28:00 GMT",
        "", "7x",
    ])
    func aHostileRetryAfterIsClampedOrIgnored(_ value: String) async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(429, "ThrottlingException", headers: [("Retry-After", value)]),
            ScriptedTransport.json(200, "{}"),
        ])
        let clock = TestClock()
        let policy = RetryPolicy(maxAttempts: 2, baseDelay: .seconds(1), maxBackoff: .seconds(20), random: { 0.5 })
        _ = try await Clients.bedrock(transport, clock: clock, retry: policy).listTagsForResource("arn:r")
        #expect(transport.requests.count == 2)
        #expect(clock.sleeps.count == 1)
        #expect(clock.sleeps.allSatisfy { $0 >= .zero && $0 <= .seconds(60) }, "slept \(clock.sleeps)")
    }

    @Test func serverDelaysAreParsedAndClamped() {
        #expect(RetryPolicy.serverDelay("7") == .seconds(7))
        #expect(RetryPolicy.serverDelay(" 0.25 ") == .milliseconds(250))
        #expect(RetryPolicy.serverDelay("1e16") == RetryPolicy.maxServerDelay)
        #expect(RetryPolicy.serverDelay("-3") == .zero)
        #expect(RetryPolicy.serverDelay("inf") == nil)
        #expect(RetryPolicy.serverDelay("nan") == nil)
        #expect(RetryPolicy.serverDelay(nil) == nil)
    }

    @Test func scalingADurationNeverTraps() {
        #expect(Duration.seconds(1) * Double.infinity == .nanoseconds(Int64.max))
        #expect(Duration.seconds(1) * -Double.infinity == .nanoseconds(Int64.min))
        #expect(Duration.seconds(1) * Double.nan == .zero)
        #expect(Duration.seconds(2) * 0.5 == .seconds(1))
    }

    @Test(arguments: ["1e300", "-1e20", "1e11"])
    func anImplausibleEpochTimestampIsADecodingErrorNotATrap(_ stamp: String) async throws {
        let body =
            #"{"modelUnits":1,"desiredModelUnits":1,"provisionedModelName":"p","provisionedModelArn":"a","#
            + #""modelArn":"m","#
            + #""desiredModelArn":"m","foundationModelArn":"f","status":"InService","creationTime":1700000000,"#
            + #""lastModifiedTime":"#
            + stamp + "}"
        let transport = ScriptedTransport([ScriptedTransport.json(200, body)])
        await #expect(throws: ResponseDecodingError.self) {
            _ = try await Clients.bedrock(transport).getProvisionedModelThroughput("p")
        }
    }
}
