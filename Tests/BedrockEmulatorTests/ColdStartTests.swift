import AWSClient
import Foundation
import Synchronization
import TestSupport
import Testing

@testable import BedrockEmulator

/// Imported models are evicted when idle and load again on the next invoke, answering 429
/// ModelNotReadyException meanwhile, all in the emulator's time.
@Suite struct ColdStartTests {
    static func settings(idle: Double? = 600, coldStart: Double = 30) -> EmulatorSettings {
        var s = EmulatorHarness.instant
        s.idleEvictSeconds = idle
        s.coldStartSeconds = coldStart
        return s
    }

    /// Imports a model and returns its ARN, with the harness clock at the end of the import.
    static func imported(_ h: EmulatorHarness) async throws -> String {
        _ = try await h.bedrock.createModelImportJob(ImportAndTagTests.job("cold-job", model: "cold"))
        h.clock.advance(120)
        return try #require(try await h.bedrock.getImportedModel("cold").modelArn)
    }

    static func invokeError(_ h: EmulatorHarness, _ arn: String) async -> AWSServiceError? {
        do {
            _ = try await h.runtime.invokeModel(arn, body: Array(#"{"prompt":"hi"}"#.utf8))
            return nil
        } catch {
            return error as? AWSServiceError
        }
    }

    @Test func anIdleModelIsEvictedAndLoadsAgain() async throws {
        let h = try EmulatorHarness(settings: Self.settings())
        let arn = try await Self.imported(h)
        #expect(await Self.invokeError(h, arn) == nil, "warm after the import")
        h.clock.advance(599)
        #expect(await Self.invokeError(h, arn) == nil, "an invoke within the idle time keeps it warm")
        h.clock.advance(599)
        #expect(await Self.invokeError(h, arn) == nil, "idle time counts from the last invoke")
        h.clock.advance(600)
        let cold = try #require(await Self.invokeError(h, arn))
        #expect(cold.code == "ModelNotReadyException" && cold.status == 429)
        #expect(cold.message == "Model is not ready for inference. Wait and try your request again.")
        h.clock.advance(29)
        #expect(await Self.invokeError(h, arn)?.code == "ModelNotReadyException", "still loading after 29 of 30 s")
        h.clock.advance(1)
        #expect(await Self.invokeError(h, arn) == nil, "loaded after 30 s")
    }

    @Test func aModelLeftIdleAfterLoadingIsEvictedAgain() async throws {
        let h = try EmulatorHarness(settings: Self.settings())
        let arn = try await Self.imported(h)
        h.clock.advance(600)
        #expect(await Self.invokeError(h, arn)?.code == "ModelNotReadyException")
        // Loaded at +30 s, nobody asked, evicted 600 s after it loaded.
        h.clock.advance(630)
        #expect(await Self.invokeError(h, arn)?.code == "ModelNotReadyException")
        h.clock.advance(30)
        #expect(await Self.invokeError(h, arn) == nil)
    }

    @Test func withoutIdleEvictionModelsStayWarm() async throws {
        let h = try EmulatorHarness(settings: Self.settings(idle: nil))
        let arn = try await Self.imported(h)
        h.clock.advance(86_400 * 365)
        #expect(await Self.invokeError(h, arn) == nil)
    }

    /// The runtime client rides out the load as the SDKs do; its waits pass the emulator's time too.
    @Test func theRuntimeClientWaitsForTheLoad() async throws {
        let h = try EmulatorHarness(settings: Self.settings(coldStart: 20), retry: RetryPolicy(random: { 0.999 }))
        let arn = try await Self.imported(h)
        h.clock.advance(600)
        let retries = Mutex<[Int]>([])
        var runtime = h.runtime
        runtime.onModelNotReady = { notice in retries.withLock { $0.append(notice.retry) } }
        let answer = try await runtime.invokeModel(arn, body: Array(#"{"prompt":"hi"}"#.utf8))
        // An imported model answers in Llama's body (the emulator's choice for imports).
        #expect(String(decoding: answer.body, as: UTF8.self).contains(#""generation":"#))
        // Waits of about 1, 2, 4 and 8 s leave it loading; after the fifth (16 s) it answers.
        #expect(retries.withLock { $0 } == [1, 2, 3, 4, 5])
    }

    @Test func settingsAreValidatedAndChangeableAtRunTime() async throws {
        var bad = EmulatorSettings()
        bad.idleEvictSeconds = 0
        bad.coldStartSeconds = -1
        #expect(bad.problems.contains { $0.hasPrefix("idleEvictSeconds must be more than 0") })
        #expect(bad.problems.contains { $0.hasPrefix("coldStartSeconds must be from 0") })
        #expect(EmulatorSettings().idleEvictSeconds == nil, "eviction is off by default")

        let h = try EmulatorHarness(settings: Self.settings(idle: nil))
        let arn = try await Self.imported(h)
        func post(_ json: String) async -> EmulatorResponse {
            await h.emulator.handle(
                EmulatorRequest(method: "POST", path: "/_emulator/settings", body: Array(json.utf8)))
        }
        #expect(await post(#"{"idleEvictSeconds": 0}"#).status == 400)
        #expect(await post(#"{"idleEvictSeconds": 60, "coldStartSeconds": 5}"#).status == 200)
        #expect(await h.emulator.settings.idleEvictSeconds == 60)
        h.clock.advance(60)
        #expect(await Self.invokeError(h, arn)?.code == "ModelNotReadyException")
        #expect(await post(#"{"idleEvictSeconds": null}"#).status == 200)
        #expect(await h.emulator.settings.idleEvictSeconds == nil)
        h.clock.advance(5)
        #expect(await Self.invokeError(h, arn) == nil)
    }
}
