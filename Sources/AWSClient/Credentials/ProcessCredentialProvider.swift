import Foundation
import SigV4

/// A profile's `credential_process`: a command that prints
/// `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`.
public struct ProcessCredentialProvider: CredentialProvider {
    public var command: String
    public var profile: String

    public init(command: String, profile: String) {
        self.command = command
        self.profile = profile
    }

    struct Output: Decodable {
        var Version: Int
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String?
        var Expiration: String?
    }

    public func credentials() async throws -> ExpiringCredentials {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw CredentialError.failed("profile \(profile): credential_process could not start: \(error)")
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CredentialError.failed("profile \(profile): credential_process exited with status \(process.terminationStatus)\(message.isEmpty ? "" : ": \(message)")")
        }
        guard let parsed = try? JSONDecoder().decode(Output.self, from: output) else {
            throw CredentialError.failed("profile \(profile): credential_process did not print the expected JSON (Version, AccessKeyId, SecretAccessKey)")
        }
        guard parsed.Version == 1 else {
            throw CredentialError.failed("profile \(profile): credential_process printed Version \(parsed.Version); only 1 is supported")
        }
        return ExpiringCredentials(Credentials(accessKeyId: parsed.AccessKeyId, secretAccessKey: parsed.SecretAccessKey, sessionToken: parsed.SessionToken),
                                   expiration: parsed.Expiration.flatMap(JSONCoding.parseDate), source: "credential_process of profile \(profile)")
    }
}
