import Foundation
import TestSupport
import Testing

@testable import CLI

/// `release` stops managing a resource and leaves it running.
@Suite(.serialized) struct ReleaseTests {
    @Test func aReleasedThroughputKeepsRunningUnmanaged() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        #expect(await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"]).code == 0)
        let unconfirmed = await ValidateCommandTests.run([
            "release", "ProvisionedThroughput/cli-bot", "--stack", "stack-a", "--sandbox", sandbox,
        ])
        #expect(unconfirmed.code == 1 && unconfirmed.err.contains("not a terminal"), "\(unconfirmed.err)")
        let released = await ValidateCommandTests.run([
            "release", "ProvisionedThroughput/cli-bot", "--stack", "stack-a", "--sandbox", sandbox,
            "--auto-approve",
        ])
        #expect(released.code == 0, "\(released.err)")
        #expect(released.out.contains("released throughput cli-bot"))
        let listed = await ValidateCommandTests.run(["get", "throughputs", "--sandbox", sandbox, "--format", "json"])
        #expect(
            listed.out.contains("\"name\" : \"cli-bot\"") && !listed.out.contains("\"stack\""),
            "still running, unmanaged: \(listed.out)")
        let plan = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests])
        #expect(plan.out.contains("is not managed by bedrockctl; adopt it with --adopt"), "\(plan.out)")
        let again = await ValidateCommandTests.run([
            "release", "ProvisionedThroughput/cli-bot", "--stack", "stack-a", "--sandbox", sandbox,
            "--auto-approve",
        ])
        #expect(
            again.code == 1
                && again.err.contains("no live ProvisionedThroughput is managed as cli-bot by stack stack-a"),
            "\(again.err)")
        let bad = await ValidateCommandTests.run([
            "release", "Bucket/x", "--stack", "stack-a", "--sandbox", sandbox, "--auto-approve",
        ])
        #expect(bad.code == 1 && bad.err.contains("expected KIND/NAME"), "\(bad.err)")
    }
}
