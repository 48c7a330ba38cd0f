import Foundation
import Manifest
import TestSupport
import Testing

/// `bedrockctl --version` prints the version saved plans record, the newest release in CHANGELOG.md.
@Suite struct VersionTests {
    @Test func versionIsTheOneSavedPlansRecord() async throws {
        let result = try await BedrockctlProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output == BedrockctlVersion.current + "\n", "\(result.output)")
    }

    @Test func theVersionIsTheChangelogsNewestRelease() throws {
        let changelog = try String(
            contentsOf: SchemaCommandTests.repository.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let releases = changelog.split(separator: "\n").filter {
            $0.hasPrefix("## [") && !$0.hasPrefix("## [Unreleased]")
        }
        let newest = try #require(releases.first, "CHANGELOG.md has no release section")
        #expect(newest.hasPrefix("## [\(BedrockctlVersion.current)] - "), "\(newest)")
    }
}
