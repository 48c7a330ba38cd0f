import Foundation
import TestSupport
import Testing

@testable import CLI

/// `invoke --sandbox DIR` talks to the same embedded emulator as `plan` and `apply --sandbox DIR`.
@Suite(.serialized) struct InvokeSandboxTests {
    @Test func aThroughputAppliedInTheSandboxAnswersInvokeThere() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let applied = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, manifests, "--auto-approve", "--poll-seconds", "0.1",
        ])
        #expect(applied.code == 0, "\(applied.err)")
        let state = try String(contentsOfFile: sandbox + "/emulator-state.json", encoding: .utf8)
        let id = try #require(state.firstMatch(of: /"id":"([a-z0-9]{12})"/)).output.1
        let arn = "arn:aws:bedrock:us-east-1:000000000000:provisioned-model/\(id)"
        let answer = await ValidateCommandTests.run([
            "invoke", String(arn), "--body", #"{"inputText":"Reply with the word pong."}"#, "--sandbox", sandbox,
        ])
        #expect(answer.code == 0, "\(answer.err)")
        #expect(answer.out.contains(#""outputText":"pong""#), "\(answer.out)")
        let unknown = await ValidateCommandTests.run([
            "invoke", "amazon.nosuch-model-v1", "--body", "{}", "--sandbox", sandbox,
        ])
        #expect(unknown.code == 1 && unknown.err.contains("ValidationException"), "\(unknown.err)")
    }
}
