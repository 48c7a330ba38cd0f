import AWSClient
import BedrockEmulator
import Foundation
import SigV4
import TestSupport
import Testing

/// Per-operation token buckets (`rateLimits`): a burst past the bucket is throttled with nothing
/// done, a caller paced at the rate never is, each operation has its own bucket, and only the
/// real clock refills them.
@Suite struct RateLimitTests {
    static func harness(_ limits: [String: Double]) throws -> EmulatorHarness {
        var settings = EmulatorHarness.instant
        settings.provisionSeconds = 0
        settings.rateLimits = limits
        return try EmulatorHarness(settings: settings)
    }

    @Test func aBurstBeyondTheBucketIsThrottledAndCreatesNothing() async throws {
        let h = try Self.harness(["CreateProvisionedModelThroughput": 3])
        var outcomes: [String?] = []
        for i in 0..<5 {
            outcomes.append(await AWSServiceError.code { _ = try await h.createThroughput("burst-\(i)") })
        }
        #expect(outcomes == [nil, nil, nil, "ThrottlingException", "ThrottlingException"], "a bucket of 3 tokens")
        let names = try await h.bedrock.listProvisionedModelThroughputs().collect().map(\.provisionedModelName)
        #expect(names.sorted() == ["burst-0", "burst-1", "burst-2"])
    }

    @Test func theThrottlingAnswerIsBedrocks() async throws {
        let h = try Self.harness(["ListFoundationModels": 1])
        _ = try await h.bedrock.listFoundationModels()
        do {
            _ = try await h.bedrock.listFoundationModels()
            Issue.record("answered past the limit")
        } catch let error as AWSServiceError {
            #expect(error.code == "ThrottlingException" && error.status == 429)
        }
    }

    @Test func aCallerPacedAtTheRateIsNeverThrottled() async throws {
        let h = try Self.harness(["CreateProvisionedModelThroughput": 4])
        for i in 0..<20 {
            _ = try await h.createThroughput("paced-\(i)")
            h.clock.advance(0.25)
        }
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().count == 20)
    }

    @Test func aFractionalRateHoldsOneTokenAndRefillsSlowly() async throws {
        let h = try Self.harness(["ListFoundationModels": 0.5])
        func code() async -> String? { await AWSServiceError.code { _ = try await h.bedrock.listFoundationModels() } }
        #expect(await code() == nil)
        #expect(await code() == "ThrottlingException")
        h.clock.advance(1.9)
        #expect(await code() == "ThrottlingException", "0.95 of a token")
        h.clock.advance(0.1)
        #expect(await code() == nil, "one token after 2 s at 0.5 a second")
    }

    @Test func eachOperationHasItsOwnBucket() async throws {
        let h = try Self.harness(["ListTagsForResource": 1, "GetProvisionedModelThroughput": 2])
        let arn = try await h.createThroughput("own", tags: [.init(key: "k", value: "v")])
        _ = try await h.bedrock.listTagsForResource(arn)
        #expect(
            await AWSServiceError.code { _ = try await h.bedrock.listTagsForResource(arn) } == "ThrottlingException")
        _ = try await h.bedrock.getProvisionedModelThroughput("own")
        _ = try await h.bedrock.getProvisionedModelThroughput("own")
        #expect(
            await AWSServiceError.code { _ = try await h.bedrock.getProvisionedModelThroughput("own") }
                == "ThrottlingException")
        for i in 0..<5 { _ = try await h.createThroughput("unlimited-\(i)") }
        _ = try await h.bedrock.listProvisionedModelThroughputs().collect()
    }

    @Test func emulatedTimeDoesNotRefillABucket() async throws {
        let h = try Self.harness(["ListFoundationModels": 1])
        _ = try await h.bedrock.listFoundationModels()
        let tagging = JSON11Caller(emulator: h.emulator, clock: h.clock)
        await tagging.advance(3600)
        #expect(await AWSServiceError.code { _ = try await h.bedrock.listFoundationModels() } == "ThrottlingException")
        h.clock.advance(1)
        _ = try await h.bedrock.listFoundationModels()
    }

    @Test func theAdminEndpointSetsLimitsAndRefusesUnknownOperations() async throws {
        let h = try Self.harness([:])
        func post(_ body: String) async -> EmulatorResponse {
            await h.emulator.handle(
                EmulatorRequest(method: "POST", path: "/_emulator/settings", body: Array(body.utf8)))
        }
        #expect(await post(#"{"rateLimits": {"ListFoundationModels": 1}, "taggingLagSeconds": 5}"#).status == 200)
        #expect(await h.emulator.settings.rateLimits == ["ListFoundationModels": 1])
        #expect(await h.emulator.settings.taggingLagSeconds == 5)
        _ = try await h.bedrock.listFoundationModels()
        #expect(await AWSServiceError.code { _ = try await h.bedrock.listFoundationModels() } == "ThrottlingException")
        let unknown = await post(#"{"rateLimits": {"ListThings": 1}}"#)
        #expect(unknown.status == 400)
        #expect(
            String(decoding: unknown.body, as: UTF8.self).contains("ListThings is not an operation of the emulator"))
        #expect(await post(#"{"rateLimits": {"GetResources": 0}}"#).status == 400)
        #expect(await post(#"{"taggingLagSeconds": -1}"#).status == 400)
        #expect(await post(#"{"rateLimits": {}}"#).status == 200)
        _ = try await h.bedrock.listFoundationModels()
    }

    @Test func everyRoutedRequestKnowsItsOperation() {
        var settings = EmulatorSettings()
        settings.rateLimits = Dictionary(uniqueKeysWithValues: EmulatorOperation.allCases.map { ($0.name, 1) })
        #expect(settings.problems.isEmpty)
        settings.rateLimits["InvokeModelTwice"] = 1
        #expect(settings.problems.count == 1)
    }

    @Test func serviceQuotasAndSTSAreThrottledInTheirOwnWords() async throws {
        let h = try Self.harness(["GetCallerIdentity": 1, "ListServiceQuotas": 1])
        func call(_ service: String, _ body: String, _ headers: [(String, String)]) async -> (Int, String) {
            let signer = Signer(
                credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1",
                service: service)
            let request = SigningRequest(
                method: "POST", path: "/", query: [], headers: [("Host", "127.0.0.1")] + headers,
                body: Array(body.utf8))
            let response = await h.emulator.handle(signer.sign(request, date: h.clock.clock.now()))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
        let form = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        let sts = "Action=GetCallerIdentity&Version=2011-06-15"
        #expect(await call("sts", sts, form).0 == 200)
        let throttled = await call("sts", sts, form)
        #expect(throttled.0 == 400 && throttled.1.contains("<Code>Throttling</Code>"), "\(throttled)")
        let json = [
            ("Content-Type", "application/x-amz-json-1.1"),
            ("X-Amz-Target", "ServiceQuotasV20190624.ListServiceQuotas"),
        ]
        #expect(await call("servicequotas", #"{"ServiceCode": "bedrock"}"#, json).0 == 200)
        let refused = await call("servicequotas", #"{"ServiceCode": "bedrock"}"#, json)
        #expect(refused.0 == 400 && refused.1.contains("TooManyRequestsException"), "\(refused)")
    }
}
