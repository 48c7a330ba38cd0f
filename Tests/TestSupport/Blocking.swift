import Foundation

/// Runs blocking work (waiting for a process, reading a pipe) on a thread of its own, so that it
/// never holds one of the few threads of Swift's cooperative pool, which every other suite's
/// async code needs (on 2 cores, two blocked threads stall them all).
public enum Blocking {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
