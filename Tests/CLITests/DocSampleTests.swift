import Foundation
import TestSupport
import Testing

/// The samples of README.md and docs/ work as written. A block fenced as ```` ```sh runnable ```` is
/// run line by line with bash, in a scratch folder holding a copy of `examples/`, bedrockctl on the
/// PATH and no AWS credentials; the runnable blocks of a page share one folder, in order, so a
/// sandbox one block fills is there for the next. A line must exit 0, or the N its trailing
/// `# exit N` names. A ```` ```yaml ```` block is a manifest that must validate; a
/// ```` ```yaml workflow ```` block a GitHub workflow that actionlint must pass.
@Suite(.serialized) struct DocSampleTests {
    struct Page {
        var name: String
        var text: String
    }

    struct Block {
        var info: String
        var text: String
        /// The line of the opening fence, from 1.
        var line: Int
    }

    /// README.md, then each page of docs/ by name.
    static func pages() throws -> [Page] {
        let repository = SchemaCommandTests.repository
        let docs = repository.appendingPathComponent("docs")
        let names =
            ["README.md"]
            + (try FileManager.default.contentsOfDirectory(atPath: docs.path)).filter { $0.hasSuffix(".md") }.sorted()
            .map { "docs/" + $0 }
        return try names.map {
            Page(name: $0, text: try String(contentsOf: repository.appendingPathComponent($0), encoding: .utf8))
        }
    }

    /// The fenced blocks of a Markdown text: the fence line's info string and the lines inside.
    static func blocks(in text: String) -> [Block] {
        var blocks: [Block] = []
        var open: (info: String, line: Int, lines: [Substring])?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if var current = open {
                if line == "```" {
                    blocks.append(
                        Block(info: current.info, text: current.lines.map { $0 + "\n" }.joined(), line: current.line))
                    open = nil
                } else {
                    current.lines.append(line)
                    open = current
                }
            } else if line.hasPrefix("```") {
                open = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), number + 1, [])
            }
        }
        return blocks
    }

    /// The commands of a shell block: continued lines joined, blank and comment lines left out,
    /// each with the exit status its `# exit N` names (0 without one).
    static func commands(_ block: String) throws -> [(line: String, status: Int32)] {
        let joined = block.replacingOccurrences(of: "\\\n", with: " ")
        let exit = try Regex(#"#\s*exit (\d+)\s*$"#)
        return joined.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { line in
                let status = line.firstMatch(of: exit).flatMap { $0.output[1].substring.flatMap { Int32($0) } }
                return (line, status ?? 0)
            }
    }

    @Test func theBlockReaderFindsFencesAndExitStatuses() throws {
        let page =
            "text\n```sh runnable\nbedrockctl a \\\n  b   # exit 2\n# a note\n\nbedrockctl c\n```\n```yaml\nk: v\n```\n"
        let blocks = Self.blocks(in: page)
        #expect(blocks.map(\.info) == ["sh runnable", "yaml"])
        #expect(blocks.map(\.line) == [2, 9])
        let commands = try Self.commands(blocks[0].text)
        #expect(commands.map(\.line) == ["bedrockctl a    b   # exit 2", "bedrockctl c"])
        #expect(commands.map(\.status) == [2, 0])
    }

    @Test func everyRunnableShellSampleRunsAsWritten() async throws {
        let binary = URL(fileURLWithPath: try BedrockctlProcess.executable()).deletingLastPathComponent().path
        let examples = SchemaCommandTests.repository.appendingPathComponent("examples")
        var ran = 0
        for page in try Self.pages() {
            let runnable = Self.blocks(in: page.text).filter { $0.info == "sh runnable" }
            guard !runnable.isEmpty else { continue }
            let scratch = try ValidateCommandTests.folder([:])
            try FileManager.default.copyItem(at: examples, to: URL(fileURLWithPath: scratch + "/examples"))
            try FileManager.default.createDirectory(atPath: scratch + "/home", withIntermediateDirectories: true)
            let environment = [
                "PATH": binary + ":/usr/local/bin:/usr/bin:/bin", "HOME": scratch + "/home", "NO_COLOR": "1",
                "BEDROCKCTL_CACHE_DIR": scratch + "/cache",
            ]
            for block in runnable {
                for command in try Self.commands(block.text) {
                    #expect(!command.line.hasPrefix("swift "), "\(page.name):\(block.line): swift in a runnable block")
                    let result = try await Shell.run(command.line, directory: scratch, environment: environment)
                    #expect(
                        result.status == command.status,
                        "\(page.name):\(block.line): `\(command.line)` exited \(result.status):\n\(result.output)")
                    ran += 1
                }
            }
        }
        #expect(ran >= 10, "only \(ran) runnable commands in README.md and docs/")
    }

    @Test func everyManifestSampleValidatesAndEveryWorkflowSampleLints() async throws {
        var manifests = 0
        for page in try Self.pages() {
            for block in Self.blocks(in: page.text) {
                switch block.info {
                case "yaml":
                    let result = await ValidateCommandTests.run(["validate", "-"], stdin: block.text)
                    #expect(result.code == 0, "\(page.name):\(block.line): \(result.out)\(result.err)")
                    manifests += 1
                case "yaml workflow":
                    let file = try ValidateCommandTests.folder(["workflow.yml": block.text]) + "/workflow.yml"
                    let lint = try await WorkflowTests.actionlint(file)
                    #expect(lint.status == 0, "\(page.name):\(block.line): \(lint.text)")
                default:
                    #expect(!block.info.hasPrefix("yaml "), "\(page.name):\(block.line): unknown block \(block.info)")
                }
            }
        }
        #expect(manifests >= 5)
    }
}

/// `bash -c LINE` in a folder; its exit status and what it printed (both streams).
enum Shell {
    static func run(
        _ line: String, directory: String, environment: [String: String]
    ) async throws -> (status: Int32, output: String) {
        try await Blocking.run {
            try ChildProcess.run(
                "/bin/bash", ["-o", "pipefail", "-c", line], environment: environment, directory: directory)
        }
    }
}
