import Foundation
import TestSupport
import Testing

/// docs/commands.md and docs/man/bedrockctl.1 are what the argument parser says now: the reference
/// is rendered from `--experimental-dump-help` and each command's `--help`, and the man page
/// (swift-argument-parser's generate-manual plugin) names every command and option and no other.
/// `UPDATE_DOCS=1 swift test --filter CommandReferenceTests` rewrites the reference;
/// `scripts/update-man-page.sh` the man page.
@Suite struct CommandReferenceTests {
    static let reference = SchemaCommandTests.repository.appendingPathComponent("docs/commands.md")
    static let manPage = SchemaCommandTests.repository.appendingPathComponent("docs/man/bedrockctl.1")

    /// A command of the tree the parser dumps: its words after `bedrockctl`, and its options' long names.
    struct Command {
        var path: [String]
        var abstract: String
        var options: [String]
    }

    static func commands() async throws -> [Command] {
        let dump = try await BedrockctlProcess.run(["--experimental-dump-help"])
        try #require(dump.status == 0, "\(dump.output)")
        let root = try #require(
            try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        var found: [Command] = []
        func walk(_ node: [String: Any], _ path: [String]) {
            guard node["shouldDisplay"] as? Bool ?? true else { return }
            let arguments = node["arguments"] as? [[String: Any]] ?? []
            let options = arguments.filter { $0["shouldDisplay"] as? Bool ?? true }.flatMap {
                ($0["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap {
                    $0["name"] as? String
                }
            }
            found.append(Command(path: path, abstract: node["abstract"] as? String ?? "", options: options))
            for sub in node["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path + [name])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), [])
        return found
    }

    /// The Markdown reference: a section per command with its abstract and its `--help`, verbatim.
    static func render() async throws -> String {
        var out = """
            # Command reference

            Generated from bedrockctl's argument parser (`bedrockctl --experimental-dump-help` and each
            command's `--help`) by `UPDATE_DOCS=1 swift test --filter CommandReferenceTests`; a test fails
            when this file is stale, so edit the help texts in `Sources/CLI/`, not this file. The same text
            is in `man bedrockctl` (the release archive's `share/man/man1/bedrockctl.1`).

            """
        let commands = try await commands()
        out +=
            "\n"
            + commands.dropFirst().map {
                "- [`bedrockctl \($0.path.joined(separator: " "))`]"
                    + "(#bedrockctl-\($0.path.joined(separator: "-")))"
            }.joined(separator: "\n") + "\n"
        for command in commands {
            let help = try await BedrockctlProcess.run(command.path + ["--help"], environment: environment)
            try #require(help.status == 0, "\(command.path): \(help.output)")
            let title = (["bedrockctl"] + command.path).joined(separator: " ")
            out += "\n## \(title)\n\n\(command.abstract)\n\n```text\n\(help.output)```\n"
        }
        return out
    }

    /// Help as an 80-column terminal shows it, whatever the test run's terminal.
    static var environment: [String: String] {
        BedrockctlProcess.environment.merging(["COLUMNS": "80"]) { _, ours in ours }
    }

    @Test func theCommandReferenceIsCurrent() async throws {
        let rendered = try await Self.render()
        if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1" {
            try Data(rendered.utf8).write(to: Self.reference, options: .atomic)
        }
        let saved = (try? String(contentsOf: Self.reference, encoding: .utf8)) ?? ""
        #expect(
            saved == rendered,
            "docs/commands.md is stale: run UPDATE_DOCS=1 swift test --filter CommandReferenceTests")
    }

    /// Every command and option the parser knows is in the man page, and the man page names no other.
    @Test func theManPageNamesEveryCommandAndOption() async throws {
        let page = try String(contentsOf: Self.manPage, encoding: .utf8)
        let commands = try await Self.commands()
        let stale = "docs/man/bedrockctl.1 is stale: run scripts/update-man-page.sh"
        let named = try Regex(#"\.It Em ([a-z-]+)"#)
        let pageCommands = Set(page.matches(of: named).compactMap { $0.output[1].substring.map(String.init) })
            .subtracting(["help"])
        let parserCommands = Set(commands.compactMap(\.path.last))
        #expect(pageCommands == parserCommands, "\(stale): \(pageCommands.symmetricDifference(parserCommands))")
        let option = try Regex(#"Fl -([a-z][a-z0-9-]*)"#)
        let pageOptions = Set(page.matches(of: option).compactMap { $0.output[1].substring.map(String.init) })
        let parserOptions = Set(commands.flatMap(\.options))
        #expect(pageOptions == parserOptions, "\(stale): \(pageOptions.symmetricDifference(parserOptions))")
        for command in commands where !command.abstract.isEmpty {
            let first = command.abstract.prefix { $0 != "\n" }
            #expect(page.contains(String(first.prefix(60))), "\(stale): \(command.path) \(first)")
        }
    }
}
