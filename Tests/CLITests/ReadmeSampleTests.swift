import Foundation
import Manifest
import TestSupport
import Testing

@testable import CLI

/// The README's sample manifests work in the sandbox as written: they validate, plan and apply.
@Suite(.serialized) struct ReadmeSampleTests {
    /// The manifests of the README and docs/, in order (README first).
    static func yamlBlocks() throws -> [String] {
        try DocSampleTests.pages().flatMap { page in
            DocSampleTests.blocks(in: page.text).filter { $0.info == "yaml" }.map(\.text)
        }
    }

    @Test func theSampleManifestsApplyInTheSandbox() async throws {
        let blocks = try Self.yamlBlocks()
        let manifest = try #require(blocks.first { $0.contains("kind: ProvisionedThroughput") })
        let stack = try #require(blocks.first { $0.contains("kind: Stack") })
        let folder = try ValidateCommandTests.folder(["sample/resources.yaml": manifest, "sample/stack.yaml": stack])
        let validated = await ValidateCommandTests.run(["validate", folder + "/sample"])
        #expect(validated.code == 0, "\(validated.out)\(validated.err)")
        let applied = await ValidateCommandTests.run([
            "apply", "--sandbox", folder + "/sandbox", folder + "/sample", "--auto-approve",
            "--poll-seconds", "0.1",
        ])
        #expect(applied.code == 0, "\(applied.out)\(applied.err)")
        #expect(applied.out.contains("Apply: 4 succeeded"), "every kind of the sample: \(applied.out)")
        let again = await ValidateCommandTests.run([
            "plan", "--sandbox", folder + "/sandbox", folder + "/sample", "--detailed-exitcode",
        ])
        #expect(again.code == 0, "\(again.out)\(again.err)")
    }
}

/// The README's samples for `schema`, `init` and the GitHub Actions workflow, run as written.
extension ReadmeSampleTests {
    /// The section under the `## TITLE` heading, in the README or a page of docs/.
    static func section(_ title: String) throws -> String {
        let page = try #require(
            try DocSampleTests.pages().first { $0.text.contains("\n## \(title)\n") }, "no section \(title)")
        let start = try #require(page.text.range(of: "\n## \(title)\n"))
        let rest = page.text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The fenced blocks of `language` (whatever follows it on the fence line, such as `runnable`).
    static func blocks(_ language: String, in section: String) -> [String] {
        DocSampleTests.blocks(in: section).filter { $0.info.split(separator: " ").first.map(String.init) == language }
            .map(\.text)
    }

    @Test func theInitSampleRunsAsWritten() async throws {
        let section = try Self.section("Starting a stack with `init`")
        let commands = try #require(Self.blocks("sh", in: section).first).split(separator: "\n")
        #expect(commands.count == 3)
        let folder = try ValidateCommandTests.folder([:])
        for command in commands {
            let words = command.split(separator: " ").map(String.init)
            try #require(words.first == "bedrockctl")
            // Relative paths are taken from a scratch folder rather than the working directory.
            let arguments = words.dropFirst().map { $0.contains("/") ? folder + "/" + $0 : $0 }
            let result = await ValidateCommandTests.run(Array(arguments))
            #expect(result.code == 0, "\(command): \(result.out)\(result.err)")
        }
        let printed = try #require(Self.blocks("text", in: section).first)
        let files = try StackScaffold(stack: "bedrock").files.map { "infra/bedrock/" + $0.path }
        #expect(printed == InitReport.text(written: files, directory: "infra/bedrock"))
        let stack = try String(contentsOfFile: folder + "/infra/bedrock/stack.yaml", encoding: .utf8)
        #expect(stack.contains("  name: bedrock  #"))
    }

    /// `bedrockctl quotas`, `--request` and `--requests` on the examples, as the README shows them.
    @Test func theQuotasSampleRunsAsWritten() async throws {
        let section = try Self.section("`bedrockctl quotas`")
        let commands = try #require(Self.blocks("sh", in: section).first).split(separator: "\n")
        #expect(commands.count == 3)
        let folder = try ValidateCommandTests.folder([:])
        let examples = SchemaCommandTests.repository.appendingPathComponent("examples").path
        for command in commands {
            let words = command.prefix { $0 != "#" }.split(separator: " ").map(String.init)
            try #require(words.first == "bedrockctl")
            let arguments = words.dropFirst().map {
                $0 == "examples/" ? examples : $0.contains("/") ? folder + "/" + $0 : $0
            }
            let result = await ValidateCommandTests.run(Array(arguments))
            #expect(result.code == 0, "\(command): \(result.out)\(result.err)")
            #expect(result.out.contains("Amazon Bedrock quotas in us-east-1 for stack examples:"), "\(result.out)")
        }
    }

    @Test func theEditorSupportSampleWorks() async throws {
        let section = try Self.section("Editor support")
        let command = try #require(Self.blocks("sh", in: section).first).trimmingCharacters(in: .newlines)
        let parts = command.components(separatedBy: " > ")
        try #require(parts.count == 2)
        let result = await ValidateCommandTests.run(Array(parts[0].split(separator: " ").dropFirst().map(String.init)))
        #expect(result.code == 0)
        #expect(result.out == ManifestSchema.text)
        let manifest = try #require(Self.blocks("yaml", in: section).first)
        #expect(manifest.hasPrefix("# yaml-language-server: $schema=./\(parts[1])\n"))
        let validated = await ValidateCommandTests.run(["validate", "-"], stdin: manifest)
        #expect(validated.code == 0, "\(validated.err)")
        #expect(validated.err == "")
    }

    @Test func theCISectionNamesEverySettingOfTheWorkflow() throws {
        let section = try Self.section("CI with GitHub Actions")
        let workflow = WorkflowTemplate.text(stack: "examples")
        let variables = try Regex(#"vars\.([A-Z_]+)"#)
        let names = Set(workflow.matches(of: variables).compactMap { $0.output[1].substring.map(String.init) })
        #expect(names == ["BEDROCKCTL_ROLE_ARN"])
        for name in names.union(["MANIFESTS", "AWS_REGION"]) {
            #expect(section.contains("`\(name)`"), "\(name) is not in the README")
            #expect(workflow.contains(name))
        }
        #expect(section.contains("examples/\(WorkflowTemplate.path))"))
        #expect(FileManager.default.fileExists(atPath: WorkflowTests.example.path))
    }
}

/// The README's cost samples, run as written (the sandbox in a scratch folder).
extension ReadmeSampleTests {
    @Test func theCostSamplesRunAsWritten() async throws {
        let section = try Self.section("What a plan costs")
        let commands = try #require(Self.blocks("sh", in: section).first).split(separator: "\n").map(String.init)
        #expect(commands.count == 2)
        let sandbox = try ValidateCommandTests.folder([:]) + "/sandbox"
        let examples = SchemaCommandTests.repository.appendingPathComponent("examples").path
        func run(_ line: String) async -> (code: Int32, out: String, err: String) {
            let words = line.split(separator: " ").dropFirst().map {
                $0 == ".bedrockctl/sandbox" ? sandbox : $0 == "examples/" ? examples : String($0)
            }
            return await ValidateCommandTests.run(words)
        }
        let plan = await run(commands[0])
        #expect(plan.code == 1, "over the budget: \(plan.out)\(plan.err)")
        #expect(plan.out.contains("is over its budget of $15,000.00 a month (--max-monthly-cost)"), "\(plan.out)")
        let applied = await ValidateCommandTests.run(["apply", "--sandbox", sandbox, examples, "--auto-approve"])
        #expect(applied.code == 0, "\(applied.out)\(applied.err)")
        let cost = await run(commands[1])
        #expect(cost.code == 0 && cost.out.contains("TAG TEAM") && cost.out.contains("support"), "\(cost.out)")
        let stack = try #require(Self.blocks("yaml", in: section).first)
        let folder = try ValidateCommandTests.folder(["s/stack.yaml": stack])
        let validated = await ValidateCommandTests.run(["validate", folder + "/s"])
        #expect(validated.code == 0, "\(validated.out)\(validated.err)")
    }
}
