import Foundation
import TestSupport
import Testing

@testable import CLI
@testable import Manifest

/// `bedrockctl init`: a stack that validates and plans in the sandbox as written, and never a
/// file overwritten.
@Suite struct InitCommandTests {
    static func run(_ arguments: [String]) async -> (code: Int32, out: String, err: String) {
        await ValidateCommandTests.run(arguments)
    }

    @Test func initWritesAStackThatValidatesPlansAndAppliesInTheSandbox() async throws {
        let parent = try ValidateCommandTests.folder([:])
        let dir = parent + "/ml-platform"
        let result = await Self.run(["init", dir])
        #expect(result.code == 0, "\(result.err)")
        let expected = [
            "stack.yaml", "throughput.yaml", "model-import.yaml", "deployment.yaml", "inference-profile.yaml",
            ".github/workflows/bedrockctl.yml",
        ]
        #expect(result.out.hasPrefix("Wrote:\n" + expected.map { "  \(dir)/\($0)\n" }.joined()))
        #expect(result.out.contains("bedrockctl validate \(dir)\n"))
        #expect(result.out.contains("bedrockctl plan \(dir) --sandbox .bedrockctl/sandbox"))
        let stack = try String(contentsOfFile: dir + "/stack.yaml", encoding: .utf8)
        #expect(stack.contains("kind: Stack\nmetadata:\n  name: ml-platform  #"))
        let workflow = try String(contentsOfFile: dir + "/.github/workflows/bedrockctl.yml", encoding: .utf8)
        #expect(workflow == WorkflowTemplate.text(stack: "ml-platform"))

        let validated = await Self.run(["validate", dir])
        #expect(validated.code == 0, "\(validated.err)")
        #expect(validated.out == "valid: 5 files, 4 resources\n")
        #expect(validated.err == "")

        let sandbox = parent + "/sandbox"
        let plan = await Self.run(["plan", dir, "--sandbox", sandbox, "--detailed-exitcode"])
        #expect(plan.code == 2, "\(plan.out)\(plan.err)")
        #expect(plan.out.contains("ml-platform"))
        #expect(plan.out.contains("4 to create"), "\(plan.out)")
        #expect(!plan.out.lowercased().contains("warning"), "\(plan.out)")
        #expect(!plan.err.lowercased().contains("warning"), "\(plan.err)")

        let applied = await Self.run([
            "apply", dir, "--sandbox", sandbox, "--auto-approve", "--poll-seconds", "0.1",
        ])
        #expect(applied.code == 0, "\(applied.out)\(applied.err)")
        let again = await Self.run(["plan", dir, "--sandbox", sandbox, "--detailed-exitcode"])
        #expect(again.code == 0, "\(again.out)\(again.err)")
    }

    @Test func initNeverOverwritesAndWritesNothingWhenAFileExists() async throws {
        let parent = try ValidateCommandTests.folder(["stack-a/throughput.yaml": "mine\n"])
        let dir = parent + "/stack-a"
        let result = await Self.run(["init", dir])
        #expect(result.code == 1)
        #expect(result.out == "")
        #expect(result.err.contains("\(dir)/throughput.yaml"), "\(result.err)")
        #expect(result.err.contains("nothing was written"))
        #expect(try String(contentsOfFile: dir + "/throughput.yaml", encoding: .utf8) == "mine\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(left == ["throughput.yaml"])
    }

    @Test func anExistingWorkflowIsNamedToo() async throws {
        let parent = try ValidateCommandTests.folder(["s/.github/workflows/bedrockctl.yml": "on: push\n"])
        let result = await Self.run(["init", parent + "/s"])
        #expect(result.code == 1)
        #expect(result.err.contains("\(parent)/s/.github/workflows/bedrockctl.yml"))
        #expect(!FileManager.default.fileExists(atPath: parent + "/s/stack.yaml"))
    }

    @Test func theStackNameComesFromTheFolderAsPlanTakesIt() async throws {
        let parent = try ValidateCommandTests.folder([:])
        let dir = parent + "/team_ml.v2"
        let result = await Self.run(["init", dir])
        #expect(result.code == 0, "\(result.err)")
        let stack = try String(contentsOfFile: dir + "/stack.yaml", encoding: .utf8)
        #expect(stack.contains("  name: team-ml-v2  #"))
        #expect(StackScaffold.stackName(forDirectory: dir) == ReconcileOptions.folderStack(dir))
        let validated = await Self.run(["validate", dir])
        #expect(validated.code == 0, "\(validated.err)")
    }

    @Test func aStackNameTheValidatorRefusesIsAUsageError() async throws {
        let parent = try ValidateCommandTests.folder([:])
        let result = await Self.run(["init", parent + "/s", "--stack", "two words"])
        #expect(result.code == 64)
        #expect(result.err.contains("stack name \"two words\""))
        #expect(!FileManager.default.fileExists(atPath: parent + "/s"))
        let chosen = await Self.run(["init", parent + "/s", "--stack", "chosen-name"])
        #expect(chosen.code == 0)
        let stack = try String(contentsOfFile: parent + "/s/stack.yaml", encoding: .utf8)
        #expect(stack.contains("  name: chosen-name  #"))
    }

    @Test func theDefaultFolderIsTheCurrentOne() throws {
        let command = try InitCommand.parse([])
        #expect(command.directory == ".")
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).lastPathComponent
        #expect(StackScaffold.stackName(forDirectory: ".") == StackDeclaration.name(forFolder: here))
    }
}

/// The folder `init` is given, however short and however deep: `init a` crashed in Foundation.
extension InitCommandTests {
    @Test func initWritesIntoAOneCharacterOrDeepRelativeFolder() async throws {
        let scratch = try ValidateCommandTests.folder([:])
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for folder in ["a", "x/y/zz", "b/"] {
            let result = try await BedrockctlProcess.run(["init", folder], directory: scratch)
            #expect(result.status == 0, "init \(folder): \(result.output)")
            let stack = scratch + "/" + folder + (folder.hasSuffix("/") ? "" : "/") + "stack.yaml"
            #expect(FileManager.default.fileExists(atPath: stack), "init \(folder)")
        }
        #expect(StackScaffold.parent(of: "a") == "" && StackScaffold.parent(of: "/a") == "/")
        #expect(StackScaffold.parent(of: "x/y/zz/") == "x/y" && StackScaffold.parent(of: "x//y") == "x/")
    }
}
