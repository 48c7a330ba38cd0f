import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a short-lived helper command in a process group of its own: both output pipes drained
/// concurrently, a deadline, and a cap on standard output. When the deadline passes or the output
/// overflows, the whole group is killed, so a shell's children cannot outlive it. Blocking work
/// happens on threads of its own, never on the concurrency pool.
enum ProcessRunner {
    enum Ending: Sendable, Hashable {
        case exited(Int32)
        case timedOut
        case outputTooLarge
        case failedToStart(String)
    }

    struct Result: Sendable {
        var ending: Ending
        var stdout: [UInt8]
        /// The last bytes of standard error (earlier ones are dropped past 64 KiB).
        var stderr: [UInt8]
    }

    static func run(_ arguments: [String], timeout: Duration, maxOutput: Int) async throws -> Result {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: runBlocking(arguments, timeout: timeout, maxOutput: maxOutput)) }
                .start()
        }
    }

    static func runBlocking(_ arguments: [String], timeout: Duration, maxOutput: Int) -> Result {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else {
            return Result(ending: .failedToStart("pipe: errno \(errno)"), stdout: [], stderr: [])
        }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0])
            close(outPipe[1])
            return Result(ending: .failedToStart("pipe: errno \(errno)"), stdout: [], stderr: [])
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in [outPipe[0], outPipe[1], errPipe[0], errPipe[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            return Result(ending: .failedToStart(String(cString: strerror(status))), stdout: [], stderr: [])
        }
        let group = pid
        let child = pid
        let overflowed = Drain.Flag()
        let out = Drain(outPipe[0], keep: .head(maxOutput)) {
            overflowed.set()
            kill(-group, SIGKILL)
        }
        let err = Drain(errPipe[0], keep: .tail(64 << 10), overflow: nil)

        let exited = DispatchSemaphore(value: 0)
        let exitStatus = Drain.Box()
        Thread {
            var raw: Int32 = 0
            while waitpid(child, &raw, 0) == -1 && errno == EINTR {}
            exitStatus.value = raw
            exited.signal()
        }.start()
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var ending: Ending
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            kill(-group, SIGKILL)
            exited.wait()
            ending = .timedOut
        } else {
            let raw = exitStatus.value
            ending = .exited((raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F))
        }
        // Children left in the group would hold the pipes open: they go with the command.
        kill(-group, SIGKILL)
        let stdout = out.finish(waiting: 2)
        let stderr = err.finish(waiting: 2)
        if overflowed.isSet { ending = .outputTooLarge }
        return Result(ending: ending, stdout: stdout, stderr: stderr)
    }

    /// Reads a pipe to its end on a thread of its own, keeping the head or the tail; closes it.
    final class Drain: @unchecked Sendable {
        enum Keep { case head(Int), tail(Int) }
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)

        init(_ fd: Int32, keep: Keep, overflow: (@Sendable () -> Void)?) {
            Thread { [self] in
                var buffer = [UInt8](repeating: 0, count: 65_536)
                var overflowed = false
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    if count <= 0 { break }
                    lock.withLock {
                        bytes.append(contentsOf: buffer[0..<count])
                        switch keep {
                        case .head(let limit) where bytes.count > limit:
                            bytes.removeLast(bytes.count - limit)
                            if !overflowed {
                                overflowed = true
                                overflow?()
                            }
                        case .tail(let limit) where bytes.count > 2 * limit:
                            bytes.removeFirst(bytes.count - limit)
                        default: break
                        }
                    }
                }
                close(fd)
                done.signal()
            }.start()
        }

        func finish(waiting seconds: Double) -> [UInt8] {
            _ = done.wait(timeout: .now() + seconds)
            return lock.withLock { bytes }
        }

        final class Flag: @unchecked Sendable {
            private let lock = NSLock()
            private var value = false
            func set() { lock.withLock { value = true } }
            var isSet: Bool { lock.withLock { value } }
        }

        final class Box: @unchecked Sendable {
            private let lock = NSLock()
            private var stored: Int32 = 0
            var value: Int32 {
                get { lock.withLock { stored } }
                set { lock.withLock { stored = newValue } }
            }
        }
    }
}
