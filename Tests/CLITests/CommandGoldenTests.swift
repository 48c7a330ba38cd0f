import Foundation
import Testing

@testable import CLI

/// Every operator command's output, byte for byte, against the files in Golden/: one stack's life
/// in a fresh sandbox (init, validate, plan, apply with a smoke test, get, export, test, release,
/// destroy), with the temporary folder and the service's random ids written as placeholders.
/// After an intended change of the output, regenerate them with
/// `UPDATE_GOLDEN=1 swift test --filter CommandGoldenTests` and review the diff.
@Suite(.serialized) struct CommandGoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let manifest = """
        apiVersion: bedrockctl/v1
        kind: Stack
        metadata: {name: golden}
        ---
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: chat}
        spec:
          provisionedModelName: chat-prod
          modelId: amazon.titan-text-express-v1:0:8k
          modelUnits: 2
          tags: {team: ml, cost-center: "0042"}
          smokeTest:
            prompt: Reply with the word golden.
            stream: true
            contains: golden

        """

    /// The output with what changes from run to run replaced or left out: the temporary folder, the
    /// ids the service makes, timings, and the progress lines of waits.
    static func normalized(_ text: String, root: String) -> String {
        var text = text.replacingOccurrences(of: root, with: "$TMP")
        for pattern in [#"(provisioned-model|imported-model|model-import-job)/[a-z0-9]{12}"#] {
            text = text.replacingOccurrences(of: pattern, with: "$1/ID", options: .regularExpression)
        }
        // How many times a wait is reported depends on the machine's speed.
        text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(": waiting for ") }
            .joined(separator: "\n")
        return text.replacingOccurrences(of: #"\d+(\.\d+)? s\b"#, with: "N s", options: .regularExpression)
    }

    static func check(_ name: String, _ result: (code: Int32, out: String, err: String), root: String) throws {
        let rendered =
            "exit \(result.code)\n--- stdout\n\(normalized(result.out, root: root))--- stderr\n"
            + normalized(result.err, root: root)
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(rendered.utf8).write(to: file)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(rendered == expected, "\(name) differs from Golden/\(name):\n\(rendered)")
    }

    @Test func aStacksLifeThroughEveryCommand() async throws {
        let root = try ValidateCommandTests.folder(["stack/golden.yaml": Self.manifest])
        let stack = root + "/stack"
        let sandbox = ["--sandbox", root + "/sandbox"]
        try Self.check("init.txt", await ValidateCommandTests.run(["init", root + "/new"]), root: root)
        try Self.check(
            "validate.txt", await ValidateCommandTests.run(["validate", "--format", "github", stack]), root: root)
        try Self.check("plan.txt", await ValidateCommandTests.run(["plan", stack] + sandbox), root: root)
        try Self.check(
            "apply.txt",
            await ValidateCommandTests.run(["apply", stack, "--auto-approve", "--concurrency", "1"] + sandbox),
            root: root)
        try Self.check("get.txt", await ValidateCommandTests.run(["get", "throughputs"] + sandbox), root: root)
        try Self.check(
            "get.json", await ValidateCommandTests.run(["get", "throughputs", "--format", "json"] + sandbox),
            root: root)
        try Self.check(
            "export.txt", await ValidateCommandTests.run(["export", "--stack", "golden"] + sandbox), root: root)
        try Self.check("test.txt", await ValidateCommandTests.run(["test", stack] + sandbox), root: root)
        try Self.check(
            "release.txt",
            await ValidateCommandTests.run(
                ["release", "ProvisionedThroughput/chat", "--stack", "golden", "--auto-approve"] + sandbox),
            root: root)
        try Self.check(
            "destroy.txt", await ValidateCommandTests.run(["destroy", stack, "--auto-approve"] + sandbox), root: root)
    }
}
