import BedrockEmulator
import Foundation
import Synchronization
import TestSupport
import Testing

/// boto3, as an unmodified AWS SDK, against the emulator on a loopback port: the suite in
/// Interop/boto3_suite.py, where botocore's parsing and the service model judge the wire.
@Suite struct Boto3InteropTests {
    @Test func boto3SuiteAgainstTheEmulatorOnALoopbackPort() async throws {
        var settings = EmulatorSettings()
        // The suite moves emulated time forward through the admin endpoint; it never sleeps. An hour
        // of lifecycle keeps it right on a machine loaded by the other suites.
        settings.provisionSeconds = 3600
        settings.importSeconds = 3600
        let emulator = try Emulator(settings: settings)
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
                "Interop/boto3_suite.py"
            ).path
            let output = try await Blocking.run {
                try Python.runFile(script, environment: ["EMULATOR": endpoint], requiring: ["boto3", "botocore"])
            }
            #expect(output.status == 0, "\(output.text)")
            #expect(output.text.contains("boto3 interop: 13 passed, 0 failed"), "\(output.text)")
        }
    }
}

/// Serves an emulator on a free loopback port for the length of `body`.
enum EmulatorOnPort {
    static func run(_ emulator: Emulator, _ body: @Sendable (String) async throws -> Void) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await EmulatorServer.run(emulator, port: 0) { continuation.yield($0) } }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            try await body("http://127.0.0.1:\(port)")
            group.cancelAll()
        }
    }
}
