import Foundation
import Manifest
import TestSupport
import Testing

/// The release as a user gets it: `scripts/release.sh` packs the built binary (here the test
/// build's, with `--binary`; a real release builds its own) into an archive and SHA256SUMS, and
/// the Action's install script installs from that folder, verifies the checksum and refuses a
/// tampered archive (`scripts/test-install.sh` holds the checks).
@Suite(.serialized) struct ReleaseInstallTests {
    static let repository = SchemaCommandTests.repository

    static func bash(_ arguments: [String], environment: [String: String] = [:]) async throws -> (Int32, String) {
        let line = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let base = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory(),
        ]
        let result = try await Shell.run(
            line, directory: repository.path, environment: base.merging(environment) { _, given in given })
        return (result.status, result.output)
    }

    @Test func theInstallScriptInstallsWhatTheReleaseScriptPacksAndRefusesATamperedArchive() async throws {
        let binary = try BedrockctlProcess.executable()
        let scratch = try ValidateCommandTests.folder([:])
        let (packed, log) = try await Self.bash(
            ["scripts/release.sh", BedrockctlVersion.current, "--binary", binary],
            environment: ["BEDROCKCTL_RELEASE_WORK": scratch + "/work", "BEDROCKCTL_RELEASE_DIST": scratch + "/dist"])
        #expect(packed == 0, "\(log)")
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch + "/dist").sorted()
        let archive = try #require(files.first { $0.hasSuffix(".tar.gz") }, "\(files)")
        #expect(archive.hasPrefix("bedrockctl-\(BedrockctlVersion.current)-linux-") && files.contains("SHA256SUMS"))
        let sums = try String(contentsOfFile: scratch + "/dist/SHA256SUMS", encoding: .utf8)
        #expect(sums.hasSuffix("  \(archive)\n") && sums.count == 64 + 2 + archive.count + 1, "\(sums)")
        let (installed, checks) = try await Self.bash(["scripts/test-install.sh", scratch + "/dist"])
        #expect(installed == 0, "\(checks)")
        #expect(checks.contains("tamper") && !checks.contains("FAIL"), "\(checks)")
    }

    @Test func theReleaseScriptRefusesAVersionItCannotName() async throws {
        let (status, output) = try await Self.bash(["scripts/release.sh", "v1"])
        #expect(status == 64 && output.contains("usage: scripts/release.sh VERSION"), "\(output)")
    }
}

/// The pull-request workflow `init` writes, rehearsed on this machine (`Tests/Rehearsal/rehearse.py`):
/// each step as a runner runs it, the comment and merge scripts under node against a fake GitHub
/// API, the sandbox for AWS. A pull request gets one comment, updated on the next push; the merge
/// applies the reviewed plan; a stale plan is refused.
@Suite(.serialized) struct WorkflowRehearsalTests {
    static func rehearse(_ workflow: String) async throws -> (Int32, String) {
        try Python.require(["yaml": "PyYAML"])
        guard ChildProcess.onPath("node") != nil else {
            throw Python.Failure(description: "node was not found on PATH: install nodejs (apt-get install nodejs)")
        }
        let repository = SchemaCommandTests.repository
        return try await ReleaseInstallTests.bash([
            "python3", "Tests/Rehearsal/rehearse.py", "--bedrockctl", try BedrockctlProcess.executable(),
            "--examples", repository.appendingPathComponent("examples").path, "--workflow", workflow,
        ])
    }

    @Test func aPullRequestIsCommentedOnceAndItsReviewedPlanAppliedOnTheMerge() async throws {
        let (status, output) = try await Self.rehearse(WorkflowTests.example.path)
        #expect(status == 0, "\(output)")
        #expect(output.hasSuffix("{\"ok\": true, \"failures\": []}\n"), "\(output)")
    }

    /// The rehearsal can fail: a comment script that loses its marker posts a second comment.
    @Test func aWorkflowThatLosesItsMarkerFailsTheRehearsal() async throws {
        let text = WorkflowTemplate.text(stack: "examples").replacingOccurrences(
            of: "const marker = '<!-- bedrockctl-plan:examples -->';",
            with: "const marker = `<!-- bedrockctl-plan:examples ${Date.now()} -->`;")
        let file = try ValidateCommandTests.folder(["bedrockctl.yml": text]) + "/bedrockctl.yml"
        let (status, output) = try await Self.rehearse(file)
        #expect(status != 0 && output.contains("\"ok\": false"), "\(output)")
    }
}
