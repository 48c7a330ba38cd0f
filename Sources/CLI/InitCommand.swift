import ArgumentParser
import Manifest

/// `bedrockctl init [DIR]`: start a stack in a folder.
public struct InitCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a stack: a Stack manifest, commented examples to edit, and a GitHub Actions workflow.",
        discussion: """
            Writes DIR/stack.yaml, DIR/throughput.yaml, DIR/model-import.yaml, DIR/deployment.yaml, \
            DIR/inference-profile.yaml and \
            DIR/\(WorkflowTemplate.path). Never overwrites a file: when any exists, nothing is written \
            and the exit status is 1.
            """
    )

    @Argument(help: "The stack's folder, created when missing; its name is the stack's.")
    var directory: String = "."

    @Option(help: "Stack name (default: the folder's name, as plan takes it).")
    var stack: String?

    @Option(
        help: ArgumentHelp(
            "The GitHub Action the workflow installs bedrockctl with, as OWNER/REPO@REF.",
            discussion: "Default: \(WorkflowTemplate.defaultAction), the release of this bedrockctl; name a fork's."))
    var action: String = WorkflowTemplate.defaultAction

    public init() {}

    public func run() async throws {
        let context = CommandContext.current
        let written: [String]
        do {
            let scaffold = try StackScaffold(
                stack: stack ?? StackScaffold.stackName(forDirectory: directory), action: action)
            written = try scaffold.write(into: directory)
        } catch {
            context.error("\(error)")
            switch error {
            case .invalidStackName, .invalidAction: throw ExitCode.usageError
            default: break
            }
            throw ExitCode(ExitCodes.failure)
        }
        context.stdout(InitReport.text(written: written, directory: directory))
    }
}

/// What `init` prints: the files written and the commands to run next.
enum InitReport {
    static func text(written: [String], directory: String) -> String {
        let dir = directory.contains(" ") ? "'\(directory)'" : directory
        let next = [
            ("bedrockctl validate \(dir)", ""),
            ("bedrockctl plan \(dir) --sandbox .bedrockctl/sandbox", "# against a local Bedrock: no AWS account"),
            ("bedrockctl plan \(dir)", "# against your AWS account"),
        ]
        let width = next.map(\.0.count).max() ?? 0
        var out = "Wrote:\n" + written.map { "  \($0)\n" }.joined() + "\nNext:\n"
        for (command, comment) in next {
            let padding = comment.isEmpty ? "" : String(repeating: " ", count: width + 2 - command.count)
            out += "  " + command + padding + comment + "\n"
        }
        return out + """

            GitHub runs the workflow from .github/workflows/ at the repository root: if \(dir) is not
            the root, move .github there and set MANIFESTS in the workflow. Then set the repository
            variables named at the top of the workflow.

            """
    }
}
