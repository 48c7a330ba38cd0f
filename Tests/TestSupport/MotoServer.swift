import Foundation

/// moto's server (`moto[server]` from PyPI) on a loopback port, for interop tests: an AWS
/// implementation that is not ours. Fails with a clear message when moto is not installed.
public final class MotoServer: @unchecked Sendable {
    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: Process

    /// Starts a server; `initialUnauthenticatedCalls` calls are let through before moto starts
    /// checking signatures (`INITIAL_NO_AUTH_ACTION_COUNT`), for setting up users and keys.
    public init(initialUnauthenticatedCalls: Int? = nil) throws {
        guard let python = Python.executable() else {
            throw Python.Failure(
                description: "python3 was not found on PATH; this test needs moto[server] (run .ci/run)")
        }
        _ = try Python.run("import moto.server, flask", requiring: ["moto", "flask"])
        var lastError = ""
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<45_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", "from moto.server import main; main()", "-H", "127.0.0.1", "-p", String(port)]
            var environment = ProcessInfo.processInfo.environment
            if let count = initialUnauthenticatedCalls { environment["INITIAL_NO_AUTH_ACTION_COUNT"] = String(count) }
            environment["AWS_ACCESS_KEY_ID"] = nil
            environment["AWS_SECRET_ACCESS_KEY"] = nil
            process.environment = environment
            let log = FileHandle(forWritingAtPath: "/dev/null")
            process.standardOutput = log
            process.standardError = log
            try process.run()
            if Self.waitForListener(port: port, process: process) {
                self.port = port
                self.process = process
                return
            }
            process.terminate()
            lastError = "moto did not start listening on 127.0.0.1:\(port)"
        }
        throw Python.Failure(description: lastError)
    }

    deinit { stop() }

    /// Stops the server: SIGTERM, then SIGKILL if it has not gone within two seconds.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs a python3 script with boto3 against this server; `MOTO` in the script is its endpoint.
    public func python(_ script: String) throws -> String {
        String(decoding: try Python.run("MOTO = '\(endpoint)'\n" + script, requiring: ["boto3"]), as: UTF8.self)
    }

    /// Whether moto itself answers on `port` within 20 s. A port picked at random may be taken, between
    /// the pick and moto's bind, by another test's server; that listener must not pass for moto (a
    /// test once sent its STS calls to a hostile server's 429s), so moto's own API is asked.
    public static func waitForListener(port: Int, process: Process) -> Bool {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && process.isRunning {
            if let answer = get("/moto-api/data.json", port: port) {
                return answer.hasPrefix("HTTP/1.1 200") && answer.contains("Server: Werkzeug")
            }
            usleep(100_000)
        }
        return false
    }

    /// The start of the answer to `GET path` on the loopback `port`, at most 4 KiB within 2 s; nil when
    /// nothing listens there.
    static func get(_ path: String, port: Int) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while answer.count < 4096 {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
