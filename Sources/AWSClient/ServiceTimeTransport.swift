import Foundation
import Synchronization

/// A transport that remembers the service's clock: the `Date` of the latest response. Plans
/// compare commitment expiries with it, so a runner whose own clock is off (or the emulator's
/// emulated time) agrees with the service.
public final class ServiceTimeTransport: HTTPTransport {
    let base: any HTTPTransport
    private let latest = Mutex<Date?>(nil)

    public init(_ base: any HTTPTransport) { self.base = base }

    /// The service's time at its latest answer, or nil before any answer with a `Date`.
    public var serviceTime: Date? { latest.withLock { $0 } }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let response = try await base.send(request, timeout: timeout)
        if let date = response.header("date").flatMap(HTTPDate.parse) {
            latest.withLock { $0 = max($0 ?? date, date) }
        }
        return response
    }
}
