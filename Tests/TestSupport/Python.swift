import Foundation

/// Runs python3 helpers for interop tests. A missing python3 or module is a failure with a clear
/// message, never a silent skip: `.ci/run` installs what these need.
public enum Python {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Runs `script` with `input` on standard input and returns standard output.
    public static func run(_ script: String, input: Data = Data(), requiring modules: [String] = []) throws -> Data {
        guard let python = executable() else {
            throw Failure(
                description: "python3 was not found on PATH; this test needs it (run .ci/run, which installs it)")
        }
        for module in modules {
            let check = try launch(python, ["-c", "import \(module)"], input: Data())
            if check.status != 0 {
                throw Failure(
                    description:
                        "python3 has no module '\(module)'; install it with `python3 -m pip install \(module)` "
                        + "(.ci/run does)"
                )
            }
        }
        let result = try launch(python, ["-c", script], input: input)
        guard result.status == 0 else {
            throw Failure(
                description:
                    "python3 helper failed (\(result.status)): \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return result.stdout
    }

    /// Fails, naming what to install, unless python3 can import each module; for packages whose
    /// pip name is not their module's (`yaml` is PyYAML, `check_jsonschema` is check-jsonschema).
    public static func require(_ packages: KeyValuePairs<String, String>) throws {
        guard let python = executable() else {
            throw Failure(
                description: "python3 was not found on PATH; this test needs it (run .ci/run, which installs it)")
        }
        for (module, pip) in packages where try launch(python, ["-c", "import \(module)"], input: Data()).status != 0 {
            throw Failure(
                description:
                    "python3 has no module '\(module)'; install it with `python3 -m pip install \(pip)` (.ci/run does)")
        }
    }

    /// Runs a script file with extra environment; returns its exit status and combined output.
    public static func runFile(
        _ path: String, environment: [String: String], requiring modules: [String] = []
    ) throws -> (status: Int32, text: String) {
        guard let python = executable() else {
            throw Failure(
                description: "python3 was not found on PATH; this test needs it (run .ci/run, which installs it)")
        }
        for module in modules where try launch(python, ["-c", "import \(module)"], input: Data()).status != 0 {
            throw Failure(
                description:
                    "python3 has no module '\(module)'; install it with `python3 -m pip install \(module)` "
                    + "(.ci/run does)"
            )
        }
        let result = try ChildProcess.run(
            python, [path], environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
        return (result.status, result.output)
    }

    public static func executable() -> String? { ChildProcess.onPath("python3") }

    static func launch(
        _ executable: String, _ arguments: [String], input: Data
    ) throws -> (status: Int32, stdout: Data, stderr: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errData = Locked<Data>(Data())
        let errReader = Thread { errData.value = stderr.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.done { usleep(1000) }
        return (process.terminationStatus, out, errData.value)
    }
}

final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: T
    private var _done = false
    init(_ value: T) { _value = value }
    var value: T {
        get { lock.withLock { _value } }
        set {
            lock.withLock {
                _value = newValue
                _done = true
            }
        }
    }
    var done: Bool { lock.withLock { _done } }
}
