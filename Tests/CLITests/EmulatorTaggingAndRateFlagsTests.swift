import ArgumentParser
import Testing

@testable import CLI

/// `--tagging-lag-seconds` and `--rate-limit OPERATION=TPS` become settings; bad ones are usage errors.
@Suite struct EmulatorTaggingAndRateFlagsTests {
    @Test func flagsBecomeSettings() throws {
        let parsed = try Bedrockctl.parseAsRoot([
            "emulator", "--tagging-lag-seconds", "45", "--rate-limit", "GetResources=5",
            "--rate-limit", "CreateProvisionedModelThroughput=0.5",
        ])
        let settings = try #require(parsed as? EmulatorCommand).settings
        #expect(settings.taggingLagSeconds == 45)
        #expect(settings.rateLimits == ["GetResources": 5, "CreateProvisionedModelThroughput": 0.5])
    }

    @Test func byDefaultThereIsNoLagAndNoLimit() throws {
        let settings = try #require(try Bedrockctl.parseAsRoot(["emulator"]) as? EmulatorCommand).settings
        #expect(settings.taggingLagSeconds == 0 && settings.rateLimits.isEmpty && !settings.taggingAccessDenied)
    }

    @Test(arguments: [
        ["--rate-limit", "GetResources"], ["--rate-limit", "GetResources=fast"], ["--rate-limit", "ListThings=1"],
        ["--rate-limit", "GetResources=0"], ["--rate-limit", "GetResources=inf"], ["--tagging-lag-seconds", "-1"],
    ])
    func badValuesAreUsageErrors(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try Bedrockctl.parseAsRoot(["emulator"] + arguments) }
    }
}
