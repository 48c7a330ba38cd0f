import BedrockEmulator
import Foundation
import Testing
import TestSupport

/// The emulator's HTTP server against malformed, oversized, slow and concurrent clients
/// (Interop/hostile_client.py): it answers 4xx or closes, stays healthy, and keeps its memory.
@Suite struct HostileClientTests {
    @Test func theServerSurvivesAHostileClient() async throws {
        let emulator = try Emulator()
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Interop/hostile_client.py").path
            // In-process, the memory sampled is the whole test process's, which other suites share.
            let output = try Python.runFile(script, environment: ["EMULATOR": endpoint, "EMULATOR_PID": String(getpid()),
                                                                  "HOSTILE_RSS_LIMIT_MB": "200"])
            #expect(output.status == 0, "\(output.text)")
            #expect(output.text.contains(" passed, 0 failed"), "\(output.text)")
        }
    }
}
