import AWSClient
import Foundation
import Synchronization

/// What a command reads from and writes to the world: output streams, standard input, the
/// environment. Commands take it from `CommandContext.current`, so tests run them in-process with
/// captured output.
public struct CommandContext: Sendable {
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
    /// Standard input, read up to the given number of bytes at most.
    public var readStandardInput: @Sendable (Int) -> [UInt8]
    public var environment: [String: String]
    /// Whether standard output is a terminal (colour, live progress lines).
    public var isTerminal: Bool
    /// One line typed at the terminal (apply's confirmation), without its newline; nil at the end.
    public var readLine: @Sendable () -> String?

    /// Everything written through `stdout` and `stderr` passes `Redaction`, so no credential
    /// material reaches a terminal, a log or a file written from them.
    public init(
        stdout: @escaping @Sendable (String) -> Void, stderr: @escaping @Sendable (String) -> Void,
        readStandardInput: @escaping @Sendable (Int) -> [UInt8], environment: [String: String],
        isTerminal: Bool = false,
        readLine: @escaping @Sendable () -> String? = { Swift.readLine() }
    ) {
        self.stdout = { stdout(Redaction.redact($0)) }
        self.stderr = { stderr(Redaction.redact($0)) }
        self.readStandardInput = readStandardInput
        self.environment = environment
        self.isTerminal = isTerminal
        self.readLine = readLine
    }

    /// `error: MESSAGE` on standard error, with control characters escaped.
    public func error(_ message: String) {
        stderr("error: " + DisplayText.escaped(message) + "\n")
    }

    @TaskLocal public static var current = CommandContext.live

    /// Writes `text`; when the reader has gone (`bedrockctl get | head`: a closed pipe), exits at
    /// once with 141, as a process the pipe's SIGPIPE ends does, rather than crashing; 74 when the
    /// write fails otherwise.
    static func write(_ text: String, to handle: FileHandle) {
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            // EPIPE: the reader is gone; anything else (a full disk) is an I/O error, EX_IOERR.
            exit(underlying?.domain == NSPOSIXErrorDomain && underlying?.code == Int(EPIPE) ? 141 : 74)
        }
    }

    public static let live = CommandContext(
        stdout: { write($0, to: .standardOutput) },
        stderr: { write($0, to: .standardError) },
        readStandardInput: { limit in
            var bytes: [UInt8] = []
            while bytes.count < limit,
                let chunk = try? FileHandle.standardInput.read(upToCount: min(1 << 20, limit - bytes.count)),
                !chunk.isEmpty
            {
                bytes.append(contentsOf: chunk)
            }
            return bytes
        },
        environment: ProcessInfo.processInfo.environment,
        isTerminal: isatty(STDOUT_FILENO) == 1
    )
}

/// Output captured by a test's command context.
public final class CapturedOutput: Sendable {
    private let state = Mutex<(out: String, err: String)>(("", ""))

    public init() {}

    public var stdout: String { state.withLock { $0.out } }
    public var stderr: String { state.withLock { $0.err } }

    /// A context writing here; `typed` are the lines typed at a terminal, which it then is.
    public func context(
        stdin: [UInt8] = [], environment: [String: String] = [:], typed: [String]? = nil
    ) -> CommandContext {
        let lines = Mutex(typed ?? [])
        return CommandContext(
            stdout: { text in self.state.withLock { $0.out += text } },
            stderr: { text in self.state.withLock { $0.err += text } },
            readStandardInput: { limit in Array(stdin.prefix(limit)) },
            environment: environment, isTerminal: typed != nil,
            readLine: { lines.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
        )
    }
}
