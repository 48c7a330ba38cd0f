import Foundation
import TestSupport
import Testing

@testable import CLI

/// `destroy` deletes what the stack owns with apply's guards; `plan --destroy` shows it and saves it.
@Suite(.serialized) struct DestroyTests {
    static let committed = """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: kept}
        spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 1, commitmentDuration: OneMonth}

        """

    @Test func destroyDeletesWhatTheStackOwnsAndNothingElse() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        #expect(await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"]).code == 0)
        let other = try ValidateCommandTests.folder([
            "other/x.yaml": PlanApplyCommandTests.manifest.replacingOccurrences(of: "cli-bot", with: "x")
        ])
        #expect(
            await ValidateCommandTests.run(["apply", "--sandbox", sandbox, other + "/other", "--auto-approve"]).code
                == 0)
        let planned = await ValidateCommandTests.run([
            "plan", "--destroy", "--sandbox", sandbox, manifests, "--detailed-exitcode",
        ])
        #expect(planned.code == 2, "\(planned.err)")
        #expect(planned.out.contains("-   ProvisionedThroughput/cli-bot will be deleted"))
        #expect(!planned.out.contains("ProvisionedThroughput/x "), "another stack's throughput is not touched")
        let refused = await ValidateCommandTests.run(["destroy", "--sandbox", sandbox, manifests])
        #expect(
            refused.code == 1 && refused.err.contains("not a terminal"), "confirmation, as for apply: \(refused.err)")
        let destroyed = await ValidateCommandTests.run(["destroy", "--sandbox", sandbox, manifests, "--auto-approve"])
        #expect(destroyed.code == 0, "\(destroyed.err)")
        let left = await ValidateCommandTests.run(["get", "throughputs", "--sandbox", sandbox, "--format", "json"])
        #expect(left.out.contains("\"name\" : \"x\"") && !left.out.contains("cli-bot"), "\(left.out)")
        let again = await ValidateCommandTests.run([
            "plan", "--destroy", "--sandbox", sandbox, manifests, "--detailed-exitcode",
        ])
        #expect(again.code == 0, "nothing left to destroy: \(again.out)")
    }

    @Test func aCommitmentBlocksTheDestroyAndASavedDestroyPlanAppliesAsMade() async throws {
        let folder = try ValidateCommandTests.folder([
            "s/kept.yaml": Self.committed, "s/bot.yaml": PlanApplyCommandTests.manifest,
        ])
        let (manifests, sandbox) = (folder + "/s", folder + "/sandbox")
        #expect(await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"]).code == 0)
        let blocked = await ValidateCommandTests.run([
            "plan", "--destroy", "--sandbox", sandbox, manifests, "--detailed-exitcode",
        ])
        #expect(blocked.code == 1 && blocked.out.contains("kept is committed (OneMonth)"), "\(blocked.out)")
        let refused = await ValidateCommandTests.run(["destroy", "--sandbox", sandbox, manifests, "--auto-approve"])
        #expect(refused.code == 1, "\(refused.out)")
        let listed = await ValidateCommandTests.run(["get", "throughputs", "--sandbox", sandbox])
        #expect(listed.out.contains("cli-bot") && listed.out.contains("kept"), "nothing was deleted: \(listed.out)")
        // A partial destroy past the commitment, saved and applied as made.
        let planFile = folder + "/destroy.json"
        let saved = await ValidateCommandTests.run([
            "plan", "--destroy", "--target", "ProvisionedThroughput/cli-bot", "--sandbox", sandbox,
            manifests, "--out", planFile,
        ])
        #expect(saved.code == 0, "\(saved.err)")
        let ordinary = folder + "/ordinary.json"
        #expect(await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", ordinary]).code == 0)
        let flagged = await ValidateCommandTests.run(["apply", ordinary, "--sandbox", sandbox, "--destroy"])
        #expect(
            flagged.code == 64 && flagged.err.contains("--destroy (the plan was made without it)"), "\(flagged.err)")
        let applied = await ValidateCommandTests.run(["apply", planFile, "--sandbox", sandbox])
        #expect(applied.code == 0, "\(applied.err)")
        let after = await ValidateCommandTests.run(["get", "throughputs", "--sandbox", sandbox])
        #expect(!after.out.contains("cli-bot") && after.out.contains("kept"), "\(after.out)")
    }
}
