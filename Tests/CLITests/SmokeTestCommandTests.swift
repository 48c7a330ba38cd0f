import Foundation
import Testing

@testable import CLI

/// Smoke tests after apply, and alone with `bedrockctl test`, against the sandbox's runtime:
/// passing and failing, streamed and not, runtime errors by name; a failure exits 1 and rolls
/// nothing back.
@Suite struct SmokeTestCommandTests {
    static func manifest(_ name: String, smoke: String) -> String {
        """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: \(name)}
        spec:
          modelId: amazon.titan-text-express-v1:0:8k
          modelUnits: 1
          smokeTest:
        \(smoke.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))

        """
    }

    @Test func applyRunsTheSmokeTestsItBroughtToInServiceAndAFailureExits1WithoutRollingBack() async throws {
        let good = Self.manifest(
            "good", smoke: #"body: '{"inputText": "Reply with the word ping."}'"# + "\ncontains: [outputText, ping]")
        let streamed = Self.manifest("streamed", smoke: "prompt: Say hello\nstream: true\ncontains: hello")
        // A test that looks for its own prompt passes only if the model really says it: the
        // emulator never echoes one.
        let bad = Self.manifest("bad", smoke: "prompt: Where is my order?\ncontains: Where is my order")
        let folder = try ValidateCommandTests.folder([
            "smoke/good.yaml": good, "smoke/streamed.yaml": streamed, "smoke/bad.yaml": bad,
        ])
        let sandbox = folder + "/sandbox"
        let apply = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, folder + "/smoke", "--auto-approve"])
        #expect(apply.code == 1, "a failed smoke test fails the apply: \(apply.out)\(apply.err)")
        #expect(apply.out.contains("Apply: 3 succeeded, 0 failed, 0 skipped."))
        #expect(apply.out.contains("passed  smoke test ProvisionedThroughput/good"), "\(apply.out)")
        #expect(apply.out.contains("passed  smoke test ProvisionedThroughput/streamed"))
        #expect(apply.out.contains("\nhello\n"), "streamed tokens are printed: \(apply.out)")
        #expect(
            apply.out.contains(
                #"FAILED  smoke test ProvisionedThroughput/bad: the answer does not contain "Where is my order": ""#),
            "\(apply.out)")
        #expect(apply.out.contains("Smoke tests: 2 passed, 1 failed."))
        // Nothing was rolled back: a second plan has nothing to do.
        let plan = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, folder + "/smoke", "--detailed-exitcode",
        ])
        #expect(plan.code == 0, "\(plan.out)")
        // `test` runs them alone, with the same verdicts.
        let test = await ValidateCommandTests.run(["test", "--sandbox", sandbox, folder + "/smoke"])
        #expect(test.code == 1 && test.out.contains("Smoke tests: 2 passed, 1 failed."), "\(test.out)\(test.err)")
        let one = await ValidateCommandTests.run(["test", "--sandbox", sandbox, folder + "/smoke/good.yaml"])
        #expect(one.code == 0 && one.out.contains("Smoke tests: 1 passed, 0 failed."), "\(one.out)\(one.err)")
    }

    @Test func runtimeErrorsAreReportedByNameAndAThroughputThatIsNotThereFails() async throws {
        let plain = Self.manifest("plain", smoke: "body: not json\ncontentType: text/plain\ncontains: x")
        let folder = try ValidateCommandTests.folder(["errors/plain.yaml": plain])
        let sandbox = folder + "/sandbox"
        let missing = await ValidateCommandTests.run(["test", "--sandbox", sandbox, folder + "/errors"])
        #expect(missing.code == 1, "\(missing.out)")
        #expect(
            missing.out.contains(
                "FAILED  smoke test ProvisionedThroughput/plain: GetProvisionedModelThroughput failed: "
                    + "ResourceNotFoundException"), "\(missing.out)")
        let apply = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, folder + "/errors", "--auto-approve",
        ])
        #expect(apply.code == 1)
        #expect(
            apply.out.contains(
                "FAILED  smoke test ProvisionedThroughput/plain: InvokeModel failed: ValidationException: "),
            "\(apply.out)")
    }

    @Test func aSmokeTestIsValidatedWithTheManifest() async throws {
        let broken = Self.manifest(
            "broken", smoke: "body: '{not json'\nstream: maybe\ncontains: []\ncontentType: json\nretries: 3")
        let folder = try ValidateCommandTests.folder(["broken/t.yaml": broken])
        let result = await ValidateCommandTests.run(["validate", folder + "/broken"])
        #expect(result.code == 1)
        for expected in [
            "spec.smokeTest: unknown field 'retries'", "spec.smokeTest.stream: expected true or false",
            "spec.smokeTest.contains: name at least one text",
            "spec.smokeTest.contentType: \"json\" is not a media type",
        ] {
            #expect(result.err.contains(expected), "\(expected) in \(result.err)")
        }
        #expect(result.err.contains("t.yaml:"), "errors name the file and line: \(result.err)")
        let json = Self.manifest("json", smoke: "body: '{not json'\ncontains: x")
        let other = try ValidateCommandTests.folder(["json/t.yaml": json])
        let notJSON = await ValidateCommandTests.run(["validate", other + "/json"])
        #expect(notJSON.err.contains("spec.smokeTest.body: not JSON, but contentType is application/json"))
    }
}
