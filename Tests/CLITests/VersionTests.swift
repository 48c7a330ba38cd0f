import TestSupport
import Testing

/// `bedrockctl --version` prints the version saved plans record.
@Suite struct VersionTests {
    @Test func versionIsTheOneSavedPlansRecord() async throws {
        let result = try await BedrockctlProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output == "0.1.0-dev\n", "\(result.output)")
    }
}
