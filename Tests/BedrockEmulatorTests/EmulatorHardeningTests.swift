import AWSClient
import Foundation
import SigV4
import TestSupport
import Testing

@testable import BedrockEmulator

/// Input the emulator takes from outside — its admin endpoint, its state file, signed bodies —
/// can be refused, never trap.
@Suite struct EmulatorHardeningTests {
    static func admin(_ h: EmulatorHarness, _ path: String, _ body: String) async -> EmulatorResponse {
        await h.emulator.handle(EmulatorRequest(method: "POST", path: path, body: Array(body.utf8)))
    }

    @Test(arguments: [
        #"{"seconds": 1e16}"#, #"{"seconds": 1e400}"#, #"{"seconds": -1}"#, #"{"seconds": "1"}"#,
        #"{"seconds": 3.2e9}"#, "[1]", "garbage",
    ])
    func advanceRefusesWhatIsNotAFiniteBoundedNumberAndKeepsServing(_ body: String) async throws {
        let h = try EmulatorHarness()
        _ = try await h.createThroughput("before")
        let answer = await Self.admin(h, "/_emulator/advance", body)
        #expect(answer.status == 400, "\(String(decoding: answer.body, as: UTF8.self))")
        _ = try await h.createThroughput("after")
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().count == 2)
    }

    @Test func advanceUpToAHundredYearsStillLists() async throws {
        let h = try EmulatorHarness()
        #expect(await Self.admin(h, "/_emulator/advance", #"{"seconds": 3000000000}"#).status == 200)
        _ = try await h.createThroughput("far-future")
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().count == 1)
        #expect(
            await Self.admin(h, "/_emulator/advance", #"{"seconds": 200000000}"#).status == 400, "past 100 years in all"
        )
    }

    @Test(arguments: [
        #"{"throttleRate": 2}"#, #"{"errorRate": -0.1}"#, #"{"provisionSeconds": 1e300}"#, #"{"importSeconds": -1}"#,
        #"{"latencyMs": 99999999}"#, #"{"dropAfterCommitRate": 1e400}"#,
    ])
    func settingsOutOfRangeAreRefusedAndTheOldOnesKept(_ body: String) async throws {
        let h = try EmulatorHarness()
        let before = await h.emulator.settings
        let answer = await Self.admin(h, "/_emulator/settings", body)
        #expect(answer.status == 400)
        #expect(await h.emulator.settings == before)
    }

    @Test func aStateFileWithImpossibleDatesIsAnErrorNotACrash() throws {
        let path = TemporaryFiles.path("state", suffix: ".json")
        let state =
            #"{"throughputs":[{"id":"abc","region":"us-east-1","name":"far","modelArn":"m","desiredModelArn":"m","#
            + #""foundationModelArn":"f","modelUnits":1,"creationTime":1e19,"lastModifiedTime":1e19}],"jobs":[],"#
            + #""importedModels":[],"tags":{},"tokens":{},"randomState":1}"#
        try state.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try Emulator(statePath: path)
        } throws: { error in
            "\(error)".contains("throughput far has a date outside the years 1 to 9999")
        }
    }

    @Test func farDatesNeverTrapWhenWritten() {
        #expect(Emulator.timestamp(Date(timeIntervalSince1970: 1e16)) == "9999-12-31T23:59:59.000Z")
        #expect(Emulator.timestamp(Date(timeIntervalSince1970: .infinity)) == "1970-01-01T00:00:00.000Z")
    }

    @Test func aSignedRequestWithASwappedBodyIsRefusedAndCreatesNothing() async throws {
        let h = try EmulatorHarness()
        let body = Array(
            #"{"modelUnits":1,"provisionedModelName":"small","modelId":"amazon.titan-text-express-v1:0:8k"}"#.utf8)
        let signer = Signer(
            credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1",
            service: "bedrock")
        var signed = signer.sign(
            SigningRequest(
                method: "POST", path: "/provisioned-model-throughput",
                headers: [("Host", "127.0.0.1"), ("Content-Type", "application/json")], body: body),
            date: h.clock.clock.now())
        signed.body = Array(
            #"{"modelUnits":5,"provisionedModelName":"small","modelId":"amazon.titan-text-express-v1:0:8k"}"#.utf8)
        let answer = await h.emulator.handle(signed)
        #expect(answer.status == 403)
        #expect(
            answer.headers.contains {
                $0.name == "x-amzn-ErrorType" && $0.value.hasPrefix("InvalidSignatureException:")
            })
        #expect(try await h.bedrock.listProvisionedModelThroughputs().collect().isEmpty)
    }
}

/// A seeded emulator never hands out an id twice: not after a settings change, not after a
/// restart from its state file.
@Suite struct SeededIdTests {
    @Test func changingSettingsDoesNotRewindTheIdSequence() async throws {
        let h = try EmulatorHarness()
        let first = try await h.createThroughput("one")
        await h.emulator.updateSettings { $0.throttleRate = 0 }
        _ = await h.emulator.handle(
            EmulatorRequest(method: "POST", path: "/_emulator/settings", body: Array(#"{"errorRate": 0}"#.utf8)))
        let second = try await h.createThroughput("two")
        #expect(first != second)
        #expect(
            Set(try await h.bedrock.listProvisionedModelThroughputs().collect().map(\.provisionedModelArn)).count == 2)
    }

    @Test func aRestartFromStateWithTheSameSeedGoesOnWithNewIds() async throws {
        let path = TemporaryFiles.url("seeded", suffix: ".json")
            .path
        let first = try await EmulatorHarness(statePath: path).createThroughput("one")
        let second = try await EmulatorHarness(statePath: path).createThroughput("two")
        #expect(first != second)
    }
}
