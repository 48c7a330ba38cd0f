import Foundation
import Manifest
import TestSupport
import Testing

@testable import CLI

/// `plan` and `apply` through the command line, against the sandbox emulator.
@Suite(.serialized) struct PlanApplyCommandTests {
    static let manifest = """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: cli-bot}
        spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 1, tags: {team: ml}}

        """

    static func setUp() throws -> (manifests: String, sandbox: String) {
        let manifests = try ValidateCommandTests.folder(["stack-a/bot.yaml": manifest])
        return (manifests + "/stack-a", manifests + "/sandbox")
    }

    @Test func applyAsksAtATerminalAndOnlyYesApplies() async throws {
        let (manifests, sandbox) = try Self.setUp()
        let no = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests], typed: ["no"])
        #expect(no.code == 1 && no.err.contains("apply cancelled"), "\(no.err)")
        #expect(no.out.contains("will be created") && no.out.contains("Apply these changes? Only 'yes' is accepted"))
        let yes = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests], typed: ["yes"])
        #expect(yes.code == 0 && yes.out.contains("Apply: 1 succeeded, 0 failed, 0 skipped."), "\(yes.out)\(yes.err)")
        let piped = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--prune"])
        #expect(piped.code == 0, "nothing to do asks nothing, terminal or not: \(piped.err)")
    }

    @Test func aSavedPlanRecordsItsDiscoveryAndApplyReadsTheSameWay() async throws {
        let (manifests, sandbox) = try Self.setUp()
        let planFile = sandbox + "-full.json"
        let saved = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--discovery", "full", "--out", planFile,
        ])
        #expect(saved.code == 0, "\(saved.err)")
        let json = try String(contentsOfFile: planFile, encoding: .utf8)
        #expect(json.contains(#""discovery" : "full""#), "\(json)")
        let contradicted = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, planFile, "--discovery", "tagging", "--auto-approve",
        ])
        #expect(contradicted.code == 64, "\(contradicted.err)")
        #expect(contradicted.err.contains("--discovery tagging (the plan was made with full)"), "\(contradicted.err)")
        let applied = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, planFile, "--discovery", "full", "--auto-approve",
        ])
        #expect(applied.code == 0 && applied.out.contains("Apply: 1 succeeded"), "\(applied.out)\(applied.err)")
    }

    @Test func planApplyPlanAgainWithDetailedExitCodes() async throws {
        let (manifests, sandbox) = try Self.setUp()
        let first = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--detailed-exitcode"])
        #expect(first.code == 2, "\(first.err)")
        #expect(first.out.contains("+   ProvisionedThroughput/cli-bot will be created"))
        #expect(
            first.out.contains("tags.bedrockctl:stack = \"stack-a\""),
            "the stack defaults to the manifest folder's name")
        #expect(
            first.out.hasSuffix("Plan: 1 to create, 0 to update in place, 0 to replace, 0 to retag, 0 to delete.\n"))
        let applied = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"])
        #expect(applied.code == 0, "\(applied.err)")
        #expect(applied.out.hasSuffix("Apply: 1 succeeded, 0 failed, 0 skipped.\n"))
        let again = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--detailed-exitcode"])
        #expect(again.code == 0)
        #expect(again.out.contains("No changes."))
    }

    @Test func aStackDocumentNamesTheStack() async throws {
        let (manifests, sandbox) = try Self.setUp()
        try "apiVersion: bedrockctl/v1\nkind: Stack\nmetadata: {name: declared}\n".write(
            toFile: manifests + "/stack.yaml", atomically: true, encoding: .utf8)
        let plan = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests])
        #expect(
            plan.out.contains("Stack declared (from the kind: Stack document at \(manifests)/stack.yaml:1)"),
            "\(plan.out)")
        #expect(plan.out.contains("tags.bedrockctl:stack = \"declared\""))
        let flag = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--stack", "from-flag"])
        #expect(flag.out.contains("Stack from-flag (from --stack)"), "the flag wins")
        #expect(
            await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--stack", "bad stack"]).code == 64
        )
    }

    @Test func applyRefusesWithoutATerminalOrApproval() async throws {
        let (manifests, sandbox) = try Self.setUp()
        let result = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests])
        #expect(result.code == 1)
        #expect(result.err.contains("not a terminal: review the plan and pass --auto-approve to apply it"))
    }

    @Test func aStaleSavedPlanIsRefused() async throws {
        let (manifests, sandbox) = try Self.setUp()
        let planFile = sandbox + "-plan.json"
        let saved = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--out", planFile, "--format", "json",
        ])
        #expect(saved.code == 0)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planFile))) as? [String: Any]
        #expect(json?["formatVersion"] as? Int == 1)
        #expect(saved.out.contains("\"formatVersion\" : 1"))
        // Someone changes the manifests after the plan was saved.
        try Self.manifest.replacingOccurrences(of: "team: ml", with: "team: search").write(
            toFile: manifests + "/bot.yaml", atomically: true, encoding: .utf8)
        let stale = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, planFile])
        #expect(stale.code == 1)
        #expect(
            stale.err.contains(
                "the saved plan is stale: manifest files changed since it was made (\(manifests)/bot.yaml changed)"),
            "\(stale.err)")
        // A fresh plan applies.
        let fresh = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", planFile])
        #expect(fresh.code == 0)
        let applied = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, planFile])
        #expect(applied.code == 0, "\(applied.err)")
        // Live state that moved on makes the plan stale too.
        _ = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", planFile])
        try Self.manifest.replacingOccurrences(of: "cli-bot", with: "cli-bot-2").write(
            toFile: manifests + "/other.yaml", atomically: true, encoding: .utf8)
        _ = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, manifests + "/other.yaml", "--stack", "stack-a", "--auto-approve",
        ])
        try FileManager.default.removeItem(atPath: manifests + "/other.yaml")
        let moved = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, planFile])
        #expect(moved.code == 1)
        #expect(
            moved.err.contains("the saved plan is stale: what it rests on in the account changed since it was made")
                && moved.err.contains("(throughput cli-bot-2 (arn:") && moved.err.contains(") appeared)"),
            "a throughput of the same stack appeared: \(moved.err)")
    }

    @Test func invalidManifestsStopThePlan() async throws {
        let (manifests, sandbox) = try Self.setUp()
        try Self.manifest.replacingOccurrences(of: "modelUnits: 1", with: "modelUnits: 0").write(
            toFile: manifests + "/bot.yaml", atomically: true, encoding: .utf8)
        let result = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests])
        #expect(result.code == 1)
        #expect(result.err.contains("error: spec.modelUnits: must be at least 1, got 0"))
    }
}

@Suite struct ProgressPrinterTests {
    @Test func inCIWaitingLinesAreThrottledPerAction() {
        let output = CapturedOutput()
        let printer = ProgressPrinter(context: output.context(), interval: 3600)
        printer.print("PT/a: create started")
        printer.print("PT/a: waiting for throughput a: Creating (0s)")
        printer.print("PT/a: waiting for throughput a: Creating (1s)")
        printer.print("PT/b: waiting for throughput b: Creating (0s)")
        printer.print("PT/a: create done")
        #expect(
            output.stderr
                == "PT/a: create started\nPT/a: waiting for throughput a: Creating (0s)\nPT/b: waiting for "
                + "throughput b: Creating (0s)\nPT/a: create done\n"
        )
    }

    @Test func onATerminalWaitingRewritesOneLine() {
        let output = CapturedOutput()
        var context = output.context()
        context.isTerminal = true
        let printer = ProgressPrinter(context: context)
        printer.print("PT/a: waiting for throughput a: Creating (0s)")
        printer.print("PT/a: waiting for throughput a: Creating (1s)")
        printer.print("PT/a: create done")
        #expect(
            output.stderr
                == "\r\u{1B}[KPT/a: waiting for throughput a: Creating (0s)\r\u{1B}[KPT/a: waiting for "
                + "throughput a: Creating (1s)\r\u{1B}[KPT/a: create done\n"
        )
    }
}

/// `plan --detailed-exitcode` as a CI gate: 1 whenever apply would refuse.
@Suite(.serialized) struct DetailedExitCodeTests {
    @Test func aPlanOfOnlyConflictsExitsOneNotZero() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        #expect(
            await ValidateCommandTests.run([
                "apply", "--sandbox", sandbox, manifests, "--auto-approve", "--stack", "other",
            ]).code == 0)
        let plan = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--detailed-exitcode"])
        #expect(plan.out.contains("conflicts"), "\(plan.out)")
        #expect(plan.code == 1, "a throughput of that name belongs to stack other: \(plan.err)")
        #expect(plan.err.contains("apply would refuse this plan (1 blocked or in conflict)"))
        let json = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(document?["applicable"] as? Bool == false)
        #expect((document?["refusals"] as? [String])?.first?.hasPrefix("ProvisionedThroughput/cli-bot: ") == true)
    }

    @Test func aChangeBlockedByACommitmentExitsOne() async throws {
        let committed = PlanApplyCommandTests.manifest.replacingOccurrences(
            of: "modelUnits: 1,", with: "modelUnits: 1, commitmentDuration: OneMonth,")
        let root = try ValidateCommandTests.folder(["stack-a/bot.yaml": committed])
        let (manifests, sandbox) = (root + "/stack-a", root + "/sandbox")
        #expect(await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"]).code == 0)
        try committed.replacingOccurrences(of: "modelUnits: 1,", with: "modelUnits: 2,")
            .write(toFile: manifests + "/bot.yaml", atomically: true, encoding: .utf8)
        let plan = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--detailed-exitcode", "--allow-replace",
        ])
        #expect(plan.code == 1, "the replacement is blocked by the commitment: \(plan.out)")
        #expect(plan.out.contains("blocked: apply will refuse"))
    }
}

/// Stacks that do not surprise: one stack for all the paths of a command, and a hint when a
/// renamed folder turns every resource into a conflict.
@Suite(.serialized) struct StackResolutionTests {
    @Test func pathsInFoldersThatNameDifferentStacksAreRefused() async throws {
        let root = try ValidateCommandTests.folder([
            "team-a/a.yaml": PlanApplyCommandTests.manifest,
            "team-b/b.yaml": PlanApplyCommandTests.manifest.replacingOccurrences(of: "cli-bot", with: "cli-b"),
        ])
        let plan = await ValidateCommandTests.run([
            "plan", "--sandbox", root + "/sandbox", root + "/team-a", root + "/team-b/b.yaml",
        ])
        #expect(plan.code == 1)
        #expect(
            plan.err.contains(
                "these paths would belong to different stacks: \(root)/team-a (stack team-a), "
                    + "\(root)/team-b/b.yaml (stack team-b)"
            ),
            "\(plan.err)")
        let chosen = await ValidateCommandTests.run([
            "plan", "--sandbox", root + "/sandbox", root + "/team-a", root + "/team-b/b.yaml", "--stack", "both",
        ])
        #expect(chosen.code == 0, "\(chosen.err)")
    }

    @Test func aRenamedFolderGetsAHintToTheOldStack() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        #expect(await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"]).code == 0)
        let renamed = manifests.replacingOccurrences(of: "stack-a", with: "stack-renamed")
        try FileManager.default.moveItem(atPath: manifests, toPath: renamed)
        let plan = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, renamed])
        #expect(
            plan.out.contains(
                "nothing in the account belongs to stack stack-renamed, but the manifests' resources exist in "
                    + "stack stack-a: "
                    + "if the folder was renamed or copied, plan with --stack stack-a"), "\(plan.out)")
    }
}

extension StackResolutionTests {
    @Test func planningOneFileOfAFolderLeavesItsSiblingsAlone() async throws {
        let other = PlanApplyCommandTests.manifest.replacingOccurrences(of: "cli-bot", with: "cli-other")
        let root = try ValidateCommandTests.folder([
            "stack-a/bot.yaml": PlanApplyCommandTests.manifest, "stack-a/other.yaml": other,
        ])
        let (manifests, sandbox) = (root + "/stack-a", root + "/sandbox")
        #expect(await ValidateCommandTests.run(["apply", "--sandbox", sandbox, manifests, "--auto-approve"]).code == 0)
        let one = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests + "/bot.yaml", "--prune", "--detailed-exitcode",
        ])
        #expect(one.code == 0, "\(one.out)")
        #expect(
            !one.out.contains("cli-other"), "the sibling file's throughput is neither pruned nor listed: \(one.out)")
        // Gone from every file, it is pruned as before.
        try FileManager.default.removeItem(atPath: manifests + "/other.yaml")
        let gone = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests + "/bot.yaml", "--prune"])
        #expect(gone.out.contains("ProvisionedThroughput/cli-other will be deleted"), "\(gone.out)")
    }
}

/// `--target`: the actions named and what they depend on; a blocked action elsewhere no longer
/// blocks them.
@Suite(.serialized) struct TargetTests {
    @Test func aTargetAppliesPastAConflictElsewhere() async throws {
        let other = PlanApplyCommandTests.manifest.replacingOccurrences(of: "cli-bot", with: "cli-free")
        let root = try ValidateCommandTests.folder([
            "stack-a/bot.yaml": PlanApplyCommandTests.manifest, "stack-a/free.yaml": other,
        ])
        let (manifests, sandbox) = (root + "/stack-a", root + "/sandbox")
        // cli-bot exists in another stack: a conflict that blocks the whole plan.
        #expect(
            await ValidateCommandTests.run([
                "apply", "--sandbox", sandbox, manifests + "/bot.yaml", "--auto-approve", "--stack", "other",
            ]).code == 0)
        #expect(
            await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--detailed-exitcode"]).code == 1)
        let partial = await ValidateCommandTests.run([
            "plan", "--sandbox", sandbox, manifests, "--target", "ProvisionedThroughput/cli-free",
            "--detailed-exitcode",
        ])
        #expect(partial.code == 2, "\(partial.out)\(partial.err)")
        #expect(partial.out.contains("Partial plan: --target ProvisionedThroughput/cli-free"))
        #expect(!partial.out.contains("ProvisionedThroughput/cli-bot "), "\(partial.out)")
        #expect(
            partial.out.contains(
                "partial plan: only ProvisionedThroughput/cli-free and what they depend on; 1 other action is left out")
        )
        let applied = await ValidateCommandTests.run([
            "apply", "--sandbox", sandbox, manifests, "--target", "ProvisionedThroughput/cli-free",
            "--auto-approve",
        ])
        #expect(applied.code == 0, "\(applied.out)\(applied.err)")
        #expect(applied.out.contains("Apply: 1 succeeded, 0 failed, 0 skipped."))
        #expect(
            await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--target", "Bogus/x"]).code == 64)
    }
}

/// A saved plan applies only where it was made, as it was made, from any directory.
@Suite(.serialized) struct SavedPlanTargetTests {
    @Test func aSavedPlanRefusesAnotherTarget() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let planFile = sandbox + "-plan.json"
        #expect(await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", planFile]).code == 0)
        let elsewhere = await ValidateCommandTests.run(["apply", planFile, "--sandbox", sandbox + "-other"])
        #expect(elsewhere.code == 1)
        #expect(
            elsewhere.err.contains(
                "the saved plan was made against the sandbox "
                    + "\(URL(fileURLWithPath: sandbox).standardizedFileURL.path)"),
            "\(elsewhere.err)")
        let region = await ValidateCommandTests.run(["apply", planFile, "--sandbox", sandbox, "--region", "eu-west-1"])
        #expect(region.code == 1 && region.err.contains("this apply points at the sandbox"), "\(region.err)")
    }

    @Test func theHeaderNamesTheAccountTheSandboxAndWhereTheStackNameCameFrom() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let folder = URL(fileURLWithPath: sandbox).standardizedFileURL.path
        let text = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests])
        #expect(
            text.out.hasPrefix(
                """
                Stack stack-a (the name of the folder \(manifests))
                Target: account 000000000000 (arn:aws:iam::000000000000:user/test), region us-east-1, \
                SANDBOX \(folder) (the embedded emulator, not AWS)
                """), "\(text.out)")
        let markdown = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--format", "markdown"])
        #expect(
            markdown.out.contains(
                "Target: `account 000000000000 (arn:aws:iam::000000000000:user/test), region us-east-1, "
                    + "SANDBOX \(folder) (the embedded emulator, not AWS)`"), "\(markdown.out)")
        let json = await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        let target = document?["target"] as? [String: Any]
        #expect(target?["account"] as? String == "000000000000")
        #expect(target?["sandbox"] as? String == folder)
        #expect(target?["region"] as? String == "us-east-1")
        #expect((document?["stackSource"] as? [String: String]) == ["origin": "folder", "path": manifests])
        #expect(document?["toolVersion"] as? String == BedrockctlVersion.current)
        let files = document?["manifestFiles"] as? [[String: String]]
        #expect(files?.map { $0["path"] } == [manifests + "/bot.yaml"])
        #expect(files?.first?["sha256"]?.count == 64)
    }

    @Test func aSavedPlanOfAnotherVersionIsRefused() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let planFile = sandbox + "-plan.json"
        #expect(await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", planFile]).code == 0)
        let text = try String(contentsOfFile: planFile, encoding: .utf8)
        try text.replacingOccurrences(
            of: "\"toolVersion\" : \"\(BedrockctlVersion.current)\"", with: "\"toolVersion\" : \"0.0.9\""
        )
        .write(toFile: planFile, atomically: true, encoding: .utf8)
        let applied = await ValidateCommandTests.run(["apply", planFile, "--sandbox", sandbox])
        #expect(applied.code == 1)
        #expect(
            applied.err.contains("the saved plan was made by bedrockctl 0.0.9; this is \(BedrockctlVersion.current)"),
            "\(applied.err)")
    }

    @Test func flagsThatContradictASavedPlanAreRefused() async throws {
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let planFile = sandbox + "-plan.json"
        #expect(await ValidateCommandTests.run(["plan", "--sandbox", sandbox, manifests, "--out", planFile]).code == 0)
        for flags in [
            ["--prune"], ["--allow-replace"], ["--adopt"], ["--stack", "elsewhere"],
            ["--target", "ProvisionedThroughput/x"],
        ] {
            let result = await ValidateCommandTests.run(
                ["apply", planFile, "--sandbox", sandbox, "--auto-approve"] + flags)
            #expect(result.code == 64, "\(flags): \(result.err)")
            #expect(result.err.contains("these flags contradict it: \(flags[0])"), "\(result.err)")
        }
    }

    @Test func aSavedPlanAppliesFromAnotherDirectory() async throws {
        // Separate processes, each in its own working directory (this process's is shared by every suite).
        let (manifests, sandbox) = try PlanApplyCommandTests.setUp()
        let planFile = sandbox + "-plan.json"
        let parent = URL(fileURLWithPath: manifests).deletingLastPathComponent().path
        let relative = URL(fileURLWithPath: manifests).lastPathComponent
        let made = try await BedrockctlProcess.run(
            ["plan", "--sandbox", sandbox, relative, "--out", planFile], directory: parent)
        #expect(made.status == 0, "\(made.output)")
        let applied = try await BedrockctlProcess.run(["apply", planFile, "--sandbox", sandbox], directory: "/")
        #expect(applied.status == 0, "\(applied.output)")
        #expect(applied.output.contains("Apply: 1 succeeded"))
    }

}
