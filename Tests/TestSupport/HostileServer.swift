import Foundation

/// `Tests/AWSClientTests/Interop/hostile_server.py` in one of its modes, on a loopback port, for
/// the length of `body`; stopped by closing its standard input.
public enum HostileServer {
    public static func run<R>(mode: String, script: String, _ body: (URL) async throws -> R) async throws -> R {
        guard let python = Python.executable() else {
            throw Python.Failure(
                description: "python3 was not found on PATH; this test needs it (run .ci/run, which installs it)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--mode", mode, "--lifetime", "90"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            try? stdin.fileHandleForWriting.close()
            process.terminate()
            process.waitUntilExit()
        }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let byte = stdout.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)),
            let url = URL(string: "http://127.0.0.1:\(port)")
        else {
            throw Python.Failure(description: "hostile_server.py did not print its port (got \(text.debugDescription))")
        }
        return try await body(url)
    }
}
