import Foundation
import TestSupport
import Testing

@testable import CLI

/// The README's sample manifests work in the sandbox as written: they validate, plan and apply.
@Suite(.serialized) struct ReadmeSampleTests {
    static func yamlBlocks() throws -> [String] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().compactMap {
            $0.components(separatedBy: "```").first
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
        #expect(applied.out.contains("Apply: 2 succeeded"), "\(applied.out)")
        let again = await ValidateCommandTests.run([
            "plan", "--sandbox", folder + "/sandbox", folder + "/sample", "--detailed-exitcode",
        ])
        #expect(again.code == 0, "\(again.out)\(again.err)")
    }
}
