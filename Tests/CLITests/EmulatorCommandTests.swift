import ArgumentParser
import Testing

@testable import CLI

@Suite struct EmulatorCommandTests {
    @Test func coldStartFlagsBecomeSettings() throws {
        let command =
            try Bedrockctl.parseAsRoot([
                "emulator", "--idle-evict-seconds", "600", "--cold-start-seconds", "45",
                "--fail-provisioning-of", "doomed-",
            ]) as? EmulatorCommand
        let settings = try #require(command).settings
        #expect(settings.idleEvictSeconds == 600 && settings.coldStartSeconds == 45)
        #expect(settings.failProvisioningOf == ["doomed-"])
    }

    @Test func evictionIsOffUnlessAsked() throws {
        let command = try #require(try Bedrockctl.parseAsRoot(["emulator"]) as? EmulatorCommand)
        #expect(command.settings.idleEvictSeconds == nil)
        #expect(command.settings.coldStartSeconds == 10)
    }

    @Test(arguments: [
        ["--idle-evict-seconds", "0"], ["--cold-start-seconds", "-1"], ["--idle-evict-seconds", "nan"],
    ])
    func badValuesAreUsageErrors(arguments: [String]) {
        #expect(throws: (any Error).self) { _ = try Bedrockctl.parseAsRoot(["emulator"] + arguments) }
    }
}
