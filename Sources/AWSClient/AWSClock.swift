import Foundation

/// Time as the client sees it: injected, so retry waits and signatures are testable without
/// sleeping or a real clock.
public struct AWSClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    public static let live = AWSClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })
}
