import Foundation
import SigV4

/// A profile's `credential_process`: a command that prints
/// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`.
///
/// Its standard output and standard error are read at the same time, each on its own thread, so a
/// command that writes much to one while bedrockctl waits on the other cannot block; it must finish
/// within `timeout`, or it is killed and the chain fails with a message that says so.
public struct ProcessCredentialProvider: CredentialProvider {
    public var command: String
    public var profile: String
    public var timeout: Duration

    /// Most of standard output that is read: credentials are a few hundred bytes.
    static let maxOutput = 1 << 20
    /// The tail of standard error kept for the message.
    static let errorTail = 2048

    public init(command: String, profile: String, timeout: Duration = .seconds(60)) {
        self.command = command
        self.profile = profile
        self.timeout = timeout
    }

    struct Output: Decodable {
        var Version: Int
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String?
        var Expiration: String?
    }

    public func credentials() async throws -> ExpiringCredentials {
        let result = try await ProcessRunner.run(
            ["/bin/sh", "-c", command], timeout: timeout, maxOutput: Self.maxOutput)
        let name = "profile \(profile): credential_process"
        switch result.ending {
        case .failedToStart(let why): throw CredentialError.failed("\(name) could not start: \(why)")
        case .timedOut:
            throw CredentialError.failed(
                "\(name) did not finish within \(timeout.components.seconds) s and was stopped")
        case .outputTooLarge:
            throw CredentialError.failed("\(name) printed more than \(Self.maxOutput) bytes; it was stopped")
        case .exited(let status) where status != 0:
            let message = String(decoding: result.stderr.suffix(Self.errorTail), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw CredentialError.failed("\(name) exited with status \(status)\(message.isEmpty ? "" : ": \(message)")")
        case .exited:
            break
        }
        guard let parsed = try? JSONDecoder().decode(Output.self, from: Data(result.stdout)) else {
            throw CredentialError.failed(
                "\(name) did not print the expected JSON (Version, AccessKeyId, SecretAccessKey)")
        }
        guard parsed.Version == 1 else {
            throw CredentialError.failed("\(name) printed Version \(parsed.Version); only 1 is supported")
        }
        return ExpiringCredentials(
            Credentials(
                accessKeyId: parsed.AccessKeyId, secretAccessKey: parsed.SecretAccessKey,
                sessionToken: parsed.SessionToken),
            expiration: parsed.Expiration.flatMap(JSONCoding.parseDate),
            source: "credential_process of profile \(profile)")
    }
}
