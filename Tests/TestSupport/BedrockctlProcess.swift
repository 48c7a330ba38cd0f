import Foundation

/// The built `bedrockctl` executable, run as a separate process: for tests that kill it, race
/// two of it, or scan everything it prints.
public enum BedrockctlProcess {
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// Beside the test bundle, where `swift build --build-tests` and `swift test` put it.
    public static func executable() throws -> String {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("bedrockctl").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw Missing(
            description:
                "the bedrockctl executable was not found beside \(CommandLine.arguments[0]); "
                + "build it with `swift build` (swift test builds it)"
        )
    }

    /// The sanitizer settings of the test run go to the processes it starts.
    public static let environment: [String: String] = ProcessInfo.processInfo.environment.filter {
        $0.key.hasPrefix("ASAN_") || $0.key.hasPrefix("LSAN_") || $0.key.hasPrefix("UBSAN_")
    }.merging([
        "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1", "HOME": "/nonexistent",
        "NO_COLOR": "1",
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]) { _, ours in ours }

    /// Starts `bedrockctl ARGUMENTS`, output to `log`.
    public static func start(
        _ arguments: [String], log: String, environment: [String: String] = environment, directory: String? = nil
    ) throws -> Process {
        let process = Process()
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = arguments
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs to the end, waiting on a thread of its own; the exit status and what it printed.
    public static func run(
        _ arguments: [String], environment: [String: String] = environment, directory: String? = nil
    ) async throws -> (status: Int32, output: String) {
        try await Blocking.run { try runBlocking(arguments, environment: environment, directory: directory) }
    }

    /// Waits for `process` on a thread of its own.
    public static func wait(_ process: Process) async throws {
        try await Blocking.run { process.waitUntilExit() }
    }

    static func runBlocking(
        _ arguments: [String], environment: [String: String], directory: String? = nil
    ) throws -> (status: Int32, output: String) {
        let log = TemporaryFiles.url("bedrockctl", suffix: ".log")
            .path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let process = try start(arguments, log: log, environment: environment, directory: directory)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }

    /// A `bedrockctl emulator` on a free loopback port; its endpoint once it listens.
    public static func startEmulator(
        _ extra: [String], log: String
    ) async throws -> (process: Process, endpoint: String) {
        try await Blocking.run { try startEmulatorBlocking(extra, log: log) }
    }

    static func startEmulatorBlocking(_ extra: [String], log: String) throws -> (process: Process, endpoint: String) {
        let process = try start(["emulator", "--port", "0"] + extra, log: log)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on ") {
                let endpoint = text[range.upperBound...].prefix { !$0.isWhitespace }
                return (process, String(endpoint))
            }
            if !process.isRunning { break }
            usleep(20_000)
        }
        process.terminate()
        throw Missing(
            description:
                "the emulator did not start listening: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }
}
