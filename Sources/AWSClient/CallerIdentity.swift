import Foundation
import SigV4

/// Who the credentials belong to, as STS GetCallerIdentity answers: the account a plan is made
/// against, and the principal.
public struct CallerIdentity: Sendable, Hashable, Codable {
    public var account: String
    public var arn: String
    public var userId: String

    public init(account: String, arn: String, userId: String) {
        self.account = account
        self.arn = arn
        self.userId = userId
    }

    /// Asks STS at `endpoint`, signing with `credentials`.
    public static func read(
        transport: any HTTPTransport, endpoint: URL, region: String,
        credentials: any CredentialProvider, clock: AWSClock = .live
    ) async throws -> CallerIdentity {
        let resolved: Credentials
        do {
            resolved = try await credentials.credentials().credentials
        } catch {
            throw CallerIdentityError(endpoint: endpoint.absoluteString, reason: "no credentials: \(error)")
        }
        let sts = STSClient(transport: transport, endpoint: endpoint, region: region, clock: clock)
        return try await sts.getCallerIdentity(resolved)
    }
}

extension AWSConfiguration {
    /// The caller's identity from this configuration's STS endpoint and credentials.
    public func callerIdentity(transport: any HTTPTransport, clock: AWSClock = .live) async throws -> CallerIdentity {
        try await CallerIdentity.read(
            transport: transport, endpoint: stsEndpoint, region: region, credentials: credentials,
            clock: clock)
    }
}

/// GetCallerIdentity failed: where, and why.
public struct CallerIdentityError: Error, Sendable, Hashable, CustomStringConvertible {
    public var endpoint: String
    public var reason: String

    public var description: String { "STS GetCallerIdentity at \(endpoint) failed: \(reason)" }
}
