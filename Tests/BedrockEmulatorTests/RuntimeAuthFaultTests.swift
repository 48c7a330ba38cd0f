import AWSClient
import Foundation
import SigV4
import TestSupport
import Testing

@testable import BedrockEmulator

@Suite struct RuntimeAuthFaultTests {
    @Test func invokeAcceptsFoundationProvisionedAndImportedModels() async throws {
        let h = try EmulatorHarness()
        let answer = try await h.runtime.invokeModel(
            "amazon.titan-text-express-v1", body: Array(#"{"inputText":"hi there"}"#.utf8))
        // Titan Text's body: inputTextTokenCount and one result; the answer is not the prompt.
        let titan = try #require(try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any])
        let result = try #require((titan["results"] as? [[String: Any]])?.first)
        #expect(titan["inputTextTokenCount"] as? Int == 2 && result["completionReason"] as? String == "FINISH")
        #expect((result["outputText"] as? String)?.contains("hi there") == false)
        let pt = try await h.createThroughput("serving")
        let titanBody = Array(#"{"inputText":"x"}"#.utf8)
        #expect(
            await AWSServiceError.code { _ = try await h.runtime.invokeModel(pt, body: titanBody) }
                == "ModelNotReadyException")
        h.clock.advance(60)
        #expect(try await h.runtime.invokeModel(pt, body: titanBody).body.isEmpty == false)
        #expect(
            await AWSServiceError.code { _ = try await h.runtime.invokeModel(pt, body: Array("{}".utf8)) }
                == "ValidationException", "Titan's body needs inputText")
        _ = try await h.bedrock.createModelImportJob(ImportAndTagTests.job("imp", model: "imported-llama"))
        h.clock.advance(120)
        let imported = try await h.bedrock.getImportedModel("imported-llama").modelArn!
        #expect(try await h.runtime.invokeModel(imported, body: Array(#"{"prompt":"x"}"#.utf8)).body.isEmpty == false)
        #expect(
            await AWSServiceError.code {
                _ = try await h.runtime.invokeModel("amazon.titan-text-express-v1:0:8k", body: Array("{}".utf8))
            } == "ValidationException",
            "a provisioned-only variant is not invocable on demand")
        #expect(
            await AWSServiceError.code {
                _ = try await h.runtime.invokeModel(EmulatorHarness.customModel, body: Array("{}".utf8))
            } == "ValidationException")
        // An unknown but well-formed model id is a 400 ValidationException, as the service answers it.
        do {
            _ = try await h.runtime.invokeModel("acme.rocket-v1", body: Array("{}".utf8))
            Issue.record("an unknown model was invoked")
        } catch let error as AWSServiceError {
            #expect(error.code == "ValidationException" && error.status == 400)
            #expect(error.message == "The provided model identifier is invalid.")
        }
    }

    @Test func streamedInvokeIsARealEventStream() async throws {
        let h = try EmulatorHarness()
        let output = try await h.runtime.invokeModelWithResponseStream(
            "amazon.titan-text-express-v1", body: Array(#"{"inputText":"one two three"}"#.utf8))
        var texts: [String] = []
        for try await chunk in output.chunks {
            let json = try JSONSerialization.jsonObject(with: Data(chunk)) as? [String: Any]
            texts.append(json?["outputText"] as? String ?? "")
        }
        let answer = texts.joined()
        #expect(!answer.contains("one two three"), "the prompt is not echoed")
        #expect(texts.count == answer.split(separator: " ").count, "a chunk a word")
        #expect(output.contentType == "application/json")
    }

    @Test func signaturesAreChecked() async throws {
        let wrong = try EmulatorHarness(credentials: Credentials(accessKeyId: "test", secretAccessKey: "nope"))
        do {
            _ = try await wrong.bedrock.listProvisionedModelThroughputs().collect()
            Issue.record("wrong secret accepted")
        } catch let error as AWSServiceError {
            #expect(error.code == "InvalidSignatureException" && error.status == 403)
            #expect(error.message.contains("The Canonical String for this request should have been"))
        }
        let stranger = try EmulatorHarness(credentials: Credentials(accessKeyId: "AKIDSTRANGER", secretAccessKey: "x"))
        #expect(
            await AWSServiceError.code { _ = try await stranger.bedrock.listProvisionedModelThroughputs().collect() }
                == "UnrecognizedClientException")
        let h = try EmulatorHarness()
        let unsigned = await h.emulator.handle(
            EmulatorRequest(method: "GET", path: "/provisioned-model-throughputs", headers: [("Host", "x")]))
        #expect(unsigned.status == 403)
        #expect(
            unsigned.headers.contains {
                $0.name == "x-amzn-ErrorType" && $0.value.hasPrefix("MissingAuthenticationTokenException:")
            })
    }

    @Test func clockSkewBeyondFiveMinutesIsRefused() async throws {
        let h = try EmulatorHarness()
        let signer = Signer(
            credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1",
            service: "bedrock")
        let now = h.clock.clock.now()
        for (offset, expected) in [(-299.0, 200), (-301, 403), (301, 403)] {
            let signed = signer.sign(
                SigningRequest(method: "GET", path: "/provisioned-model-throughputs", headers: [("Host", "127.0.0.1")]),
                date: now.addingTimeInterval(offset))
            let response = await h.emulator.handle(
                EmulatorRequest(method: "GET", path: signed.path, headers: signed.headers))
            #expect(response.status == expected, "offset \(offset)")
            if expected == 403 { #expect(String(decoding: response.body, as: UTF8.self).contains("Signature expired")) }
        }
    }

    @Test func faultsAreReproducibleWithASeed() async throws {
        var settings = EmulatorHarness.instant
        settings.throttleRate = 0.3
        settings.errorRate = 0.2
        func run() async throws -> [String] {
            let h = try EmulatorHarness(settings: settings)
            var codes: [String] = []
            for _ in 0..<40 {
                codes.append(await AWSServiceError.code { _ = try await h.bedrock.listFoundationModels() } ?? "ok")
            }
            return codes
        }
        let first = try await run()
        let second = try await run()
        #expect(first == second)
        #expect(
            first.contains("ThrottlingException") && first.contains("InternalServerException") && first.contains("ok"))
    }

    @Test func aDroppedAnswerStillCommitsAndTheTokenMakesTheRetrySafe() async throws {
        var settings = EmulatorHarness.instant
        settings.dropAfterCommitRate = 1
        let h = try EmulatorHarness(settings: settings, retry: RetryPolicy(maxAttempts: 4, random: { 0 }))
        await #expect(throws: ServiceCallError.self) { _ = try await h.createThroughput("no-token") }
        await h.emulator.updateSettings { $0.dropAfterCommitRate = 0.5 }
        _ = try await h.createThroughput("with-token", token: "tok-drop")
        let names = try await h.bedrock.listProvisionedModelThroughputs().collect().map(\.provisionedModelName).sorted()
        #expect(
            names == ["no-token", "with-token"],
            "the dropped create committed once; the token kept the retries from duplicating")
    }

    @Test func stateSurvivesARestart() async throws {
        let path = TemporaryFiles.path("emulator", suffix: ".json")
        let arn: String
        do {
            let h = try EmulatorHarness(statePath: path)
            arn = try await h.createThroughput("persisted", commitment: .sixMonths, tags: [.init(key: "k", value: "v")])
        }
        let restarted = try EmulatorHarness(statePath: path)
        let model = try await restarted.bedrock.getProvisionedModelThroughput("persisted")
        #expect(model.provisionedModelArn == arn && model.commitmentDuration == .sixMonths)
        #expect(try await restarted.bedrock.listTagsForResource(arn) == [.init(key: "k", value: "v")])
        #expect(
            !FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"),
            "written through a temporary file and renamed")
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: EmulatorStateError.self) { _ = try Emulator(statePath: path) }
    }

    @Test func theAdminEndpointChangesSettingsAtRunTime() async throws {
        let h = try EmulatorHarness()
        let changed = await h.emulator.handle(
            EmulatorRequest(method: "POST", path: "/_emulator/settings", body: Array(#"{"throttleRate": 1}"#.utf8)))
        #expect(changed.status == 200)
        #expect(await AWSServiceError.code { _ = try await h.bedrock.listFoundationModels() } == "ThrottlingException")
        let bad = await h.emulator.handle(
            EmulatorRequest(method: "POST", path: "/_emulator/settings", body: Array(#"{"throttle": 1}"#.utf8)))
        #expect(bad.status == 400)
        let health = await h.emulator.handle(EmulatorRequest(method: "GET", path: "/_emulator/health"))
        #expect(String(decoding: health.body, as: UTF8.self).contains(#""status":"ok""#))
    }

    @Test func unknownOperationsAre404() async throws {
        let h = try EmulatorHarness()
        let signer = Signer(
            credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1",
            service: "bedrock")
        let signed = signer.sign(
            SigningRequest(method: "GET", path: "/evaluation-jobs", headers: [("Host", "127.0.0.1")]),
            date: h.clock.clock.now())
        let response = await h.emulator.handle(
            EmulatorRequest(method: "GET", path: signed.path, headers: signed.headers))
        #expect(response.status == 404)
    }
}

@Suite struct AdminTimeTests {
    @Test func advancingEmulatedTimeFinishesLifecyclesButNotSignatures() async throws {
        let h = try EmulatorHarness()
        let arn = try await h.createThroughput("later", commitment: .oneMonth)
        let moved = await h.emulator.handle(
            EmulatorRequest(method: "POST", path: "/_emulator/advance", body: Array(#"{"seconds": 61}"#.utf8)))
        #expect(moved.status == 200)
        #expect(
            try await h.bedrock.getProvisionedModelThroughput(arn).status == .inService,
            "signed with the real time, still accepted")
        _ = await h.emulator.handle(
            EmulatorRequest(method: "POST", path: "/_emulator/advance", body: Array(#"{"seconds": 2700000}"#.utf8)))
        try await h.bedrock.deleteProvisionedModelThroughput(arn)
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [0.0, 1_795_568_523.456, 951_782_400.5, 1_798_156_799.999])
    func timestampsMatchISO8601(_ seconds: Double) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Emulator.timestamp(date) == formatter.string(from: date))
    }
}

@Suite struct JSONWriterTests {
    @Test func writesWhatFoundationReadsBack() throws {
        let text = "x\"y\\z\n\u{01}é/"
        let value = JSONValue.object([
            "b": .array([.number(1), .number(2.5), .bool(true), .string(text), .null]),
            "a": .object(["nested": .object(["k": .string("v")])]), "c": .bool(false),
        ])
        let bytes = JSONWriter.encode(value)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"a":{"nested":{"k":"v"}},"b":[1,2.5,true,"x\"y\\z\n\u0001é/",null],"c":false}"#)
        let back = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect((back?["b"] as? [Any])?[3] as? String == text)
        #expect(JSONValue(parsing: bytes) == value, "read back as it was written")
    }
}
