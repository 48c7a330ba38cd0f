import Foundation
import SigV4

/// Credentials with the time they stop working (nil: they do not expire) and where they came from.
public struct ExpiringCredentials: Sendable, Hashable {
    public var credentials: Credentials
    public var expiration: Date?
    public var source: String

    public init(_ credentials: Credentials, expiration: Date? = nil, source: String) {
        self.credentials = credentials
        self.expiration = expiration
        self.source = source
    }
}

/// A place credentials may come from.
public protocol CredentialProvider: Sendable {
    /// Resolves credentials, or throws `CredentialError.notConfigured` when this source does not
    /// apply (so a chain moves on); any other error is a real failure and stops the chain.
    func credentials() async throws -> ExpiringCredentials
}

public enum CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    /// This source is not set up; the reason says what was looked for.
    case notConfigured(String)
    /// This source is set up but broken: a profile that does not parse, a role that cannot be assumed.
    case failed(String)
    /// No source in the chain had credentials; each line says where bedrockctl looked.
    case noneFound([String])

    public var description: String {
        switch self {
        case .notConfigured(let why): return why
        case .failed(let why): return why
        case .noneFound(let places):
            return "no AWS credentials found; bedrockctl looked in:\n"
                + places.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        }
    }
}

/// Fixed credentials (from flags, or a test).
public struct StaticCredentialProvider: CredentialProvider {
    public var value: ExpiringCredentials

    public init(_ credentials: Credentials, source: String = "static credentials") {
        value = ExpiringCredentials(credentials, source: source)
    }

    public func credentials() async throws -> ExpiringCredentials { value }
}

/// Tries providers in order; the first that is configured answers.
public struct CredentialChain: CredentialProvider {
    public var providers: [any CredentialProvider]

    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    public func credentials() async throws -> ExpiringCredentials {
        var looked: [String] = []
        for provider in providers {
            do {
                return try await provider.credentials()
            } catch CredentialError.notConfigured(let why) {
                looked.append(why)
            }
        }
        throw CredentialError.noneFound(looked)
    }
}
