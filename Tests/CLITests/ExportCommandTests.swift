import Foundation
import Testing

@testable import CLI

/// `bedrockctl export`: what a sandbox holds comes out as manifests that plan to no changes.
@Suite struct ExportCommandTests {
    @Test func exportThenPlanShowsNoChanges() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let applied = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"])
        #expect(applied.code == 0, "\(applied.err)")
        let exported = await ValidateCommandTests.run(["export", "--stack", "stack-a", "--sandbox", sandbox])
        #expect(exported.code == 0, "\(exported.err)")
        #expect(exported.out.hasPrefix("apiVersion: bedrockctl/v1\nkind: Stack\nmetadata:\n  name: stack-a\n---\n"))
        #expect(exported.out.contains("kind: ProvisionedThroughput\nmetadata:\n  name: cli-bot\n"), "\(exported.out)")
        let folder = try ValidateCommandTests.folder(["exported/all.yaml": exported.out])
        let plan = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, folder + "/exported", "--detailed-exitcode",
        ])
        #expect(plan.code == 0, "no changes: \(plan.out)\(plan.err)")
        let file = folder + "/written.yaml"
        let written = await ValidateCommandTests.run([
            "export", "--stack", "stack-a", "--sandbox", sandbox, "--kind", "ProvisionedThroughput", "--out", file,
        ])
        #expect(
            written.code == 0 && written.out.isEmpty && written.err.contains("Wrote 1 resource(s)"), "\(written.err)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == exported.out)
        let bad = await ValidateCommandTests.run(["export", "--stack", "stack-a", "--kind", "Bucket"])
        #expect(
            bad.code == 64
                && bad.err.contains(
                    "--kind takes one of ProvisionedThroughput, ModelImportJob, CustomModelDeployment "
                        + "or InferenceProfile")
        )
    }
}
