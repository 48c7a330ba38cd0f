import Foundation
import TestSupport
import Testing

/// The emulator's HTTP server against malformed, oversized, slow and concurrent clients
/// (Interop/hostile_client.py): it answers 4xx or closes, stays healthy, and keeps its memory.
/// The server runs as its own process (the built `bedrockctl emulator`), so the memory measured
/// is its own and the other suites' load does not count against it.
@Suite struct HostileClientTests {
    @Test func theServerSurvivesAHostileClient() async throws {
        let log = TemporaryFiles.path("hostile", suffix: ".log")
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator([], log: log)
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Interop/hostile_client.py"
        ).path
        // Health may answer slowly while the other suites load both cores: 10 s, not 2.
        let output = try Python.runFile(
            script,
            environment: [
                "EMULATOR": endpoint, "EMULATOR_PID": String(emulator.processIdentifier),
                "HOSTILE_HEALTH_TIMEOUT": "10",
            ])
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text.contains(" passed, 0 failed"), "\(output.text)")
    }
}
