import Foundation

/// Keeps temporary credentials until shortly before they expire, then refreshes them; callers
/// that arrive during a refresh wait for that one refresh instead of starting their own.
public actor CachedCredentialProvider: CredentialProvider {
    private let base: any CredentialProvider
    private let clock: AWSClock
    private let refreshMargin: TimeInterval
    private var current: ExpiringCredentials?
    private var refreshing: Task<ExpiringCredentials, Error>?

    public init(_ base: any CredentialProvider, clock: AWSClock = .live, refreshMargin: TimeInterval = 300) {
        self.base = base
        self.clock = clock
        self.refreshMargin = refreshMargin
    }

    public func credentials() async throws -> ExpiringCredentials {
        if let current, current.expiration.map({ $0.timeIntervalSince(clock.now()) > refreshMargin }) ?? true {
            return current
        }
        if let refreshing { return try await refreshing.value }
        let task = Task { [base] in try await base.credentials() }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        current = fresh
        return fresh
    }
}
