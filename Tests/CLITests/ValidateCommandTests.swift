import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import CLI

/// `bedrockctl validate` run in-process, with captured output, on real files in a temporary folder.
@Suite struct ValidateCommandTests {
    static let valid = """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: a}
        spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 1}

        """

    static let invalid = """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: b}
        spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 0}

        """

    /// Runs `bedrockctl ARGS` and returns its exit code and output.
    static func run(
        _ arguments: [String], stdin: String = "", environment: [String: String] = [:], typed: [String]? = nil
    ) async -> (code: Int32, out: String, err: String) {
        let output = CapturedOutput()
        var code: Int32 = 0
        do {
            var command = try Bedrockctl.parseAsRoot(arguments)
            try await CommandContext.$current.withValue(
                output.context(stdin: Array(stdin.utf8), environment: environment, typed: typed)
            ) {
                if var async = command as? AsyncParsableCommand {
                    try await async.run()
                } else {
                    try command.run()
                }
            }
        } catch {
            code = Bedrockctl.exitCode(for: error).rawValue
            if code != 0, !(error is ExitCode) { output.context().stderr(Bedrockctl.fullMessage(for: error)) }
        }
        return (code, output.stdout, output.stderr)
    }

    static func folder(_ files: [String: String]) throws -> String {
        let dir = TemporaryFiles.url("folder")
        for (name, text) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    @Test func validDirectoryExitsZeroWithASummary() async throws {
        let dir = try Self.folder([
            "a.yaml": Self.valid,
            "nested/deeper/c.yml": Self.valid.replacingOccurrences(of: "name: a", with: "name: c"),
            "notes.txt": "ignored",
        ])
        let result = await Self.run(["validate", dir])
        #expect(result.code == 0)
        #expect(result.out == "valid: 2 files, 2 resources\n")
        #expect(result.err == "")
    }

    @Test func invalidFilesExitOneAndReportEveryProblem() async throws {
        let dir = try Self.folder([
            "a.yaml": Self.invalid, "b.yaml": Self.invalid.replacingOccurrences(of: "name: b", with: "name: c"),
        ])
        let result = await Self.run(["validate", dir])
        #expect(result.code == 1)
        #expect(
            result.err == """
                \(dir)/a.yaml:4:64: error: spec.modelUnits: must be at least 1, got 0
                  spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 0}
                                                                                 ^
                \(dir)/b.yaml:4:64: error: spec.modelUnits: must be at least 1, got 0
                  spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 0}
                                                                                 ^
                invalid: 2 errors in 2 files

                """)
    }

    @Test func standardInput() async {
        let result = await Self.run(["validate", "-"], stdin: Self.valid)
        #expect(result.code == 0)
        #expect(result.out == "valid: 1 file, 1 resource\n")
    }

    @Test func githubFormat() async {
        let result = await Self.run(["validate", "--format", "github", "-"], stdin: Self.invalid)
        #expect(result.code == 1)
        #expect(
            result.out
                == "::error file=<stdin>,line=4,col=64::spec.modelUnits: must be at least 1, got 0\ninvalid: 1 "
                + "error in 1 file\n"
        )
    }

    @Test func jsonFormat() async throws {
        let result = await Self.run(["validate", "--format", "json", "-"], stdin: Self.invalid)
        #expect(result.code == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == false)
        #expect(object?["formatVersion"] as? Int == 1)
        #expect((object?["diagnostics"] as? [[String: Any]])?.first?["line"] as? Int == 4)
    }

    @Test func warningsAloneStillPass() async {
        let result = await Self.run(
            ["validate", "-"],
            stdin: Self.valid.replacingOccurrences(of: "amazon.titan-text-express-v1:0:8k", with: "acme.rocket-v1"))
        #expect(result.code == 0)
        #expect(
            result.err.contains(
                "warning: spec.modelId: \"acme.rocket-v1\" is not a foundation model known to bedrockctl"))
        #expect(result.out == "valid: 1 file, 1 resource, 1 warning\n")
    }

    @Test func missingPathIsAUsageError() async {
        let result = await Self.run(["validate", "/nonexistent/manifests"])
        #expect(result.code == 64)
        #expect(result.err == "error: /nonexistent/manifests: no such file or directory\n")
    }

    @Test func directoryWithoutManifestsIsAUsageError() async throws {
        let dir = try Self.folder(["readme.md": "#"])
        let result = await Self.run(["validate", dir])
        #expect(result.code == 64)
        #expect(result.err == "error: \(dir): directory holds no *.yaml or *.yml files\n")
    }

    @Test func noPathsOrBadFlagsAreUsageErrors() async {
        #expect(await Self.run(["validate"]).code == 64)
        #expect(await Self.run(["validate", "--format", "xml", "-"]).code == 64)
        #expect(await Self.run(["validate", "--max-file-size", "0", "-"]).code == 64)
    }

    @Test func maxFileSizeIsRaisable() async {
        let small = await Self.run(["validate", "--max-file-size", "10", "-"], stdin: Self.valid)
        #expect(small.code == 1)
        #expect(
            small.err.hasPrefix("<stdin>:1:1: error: file is more than 10 bytes, over the limit of 10 bytes"),
            "standard input is read only up to the limit")
        #expect(await Self.run(["validate", "--max-file-size", "100000", "-"], stdin: Self.valid).code == 0)
    }
}
