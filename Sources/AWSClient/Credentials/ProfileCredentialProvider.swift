import Foundation
import SigV4

/// Credentials from a profile of the shared files: static keys, `credential_process`,
/// `role_arn` with `source_profile` (chains allowed, cycles refused), `credential_source =
/// Environment`, or `role_arn` with `web_identity_token_file`.
public struct ProfileCredentialProvider: CredentialProvider {
    public var profile: String
    /// Whether the user named the profile (`--profile`, `AWS_PROFILE`): then a missing profile is an error.
    public var explicit: Bool
    let files: SharedConfigFiles
    let environment: [String: String]
    let sts: STSClient

    init(profile: String, explicit: Bool, files: SharedConfigFiles, environment: [String: String], sts: STSClient) {
        self.profile = profile
        self.explicit = explicit
        self.files = files
        self.environment = environment
        self.sts = sts
    }

    public func credentials() async throws -> ExpiringCredentials {
        try await resolve(profile, visited: [])
    }

    private func resolve(_ name: String, visited: [String]) async throws -> ExpiringCredentials {
        guard let settings = files.profile(name) else {
            let message = "profile '\(name)' is in neither \(files.credentialsPath) nor \(files.configPath)"
            if visited.isEmpty && !explicit { throw CredentialError.notConfigured("shared files: \(message)") }
            throw CredentialError.failed(message)
        }
        if let roleArn = settings["role_arn"] {
            return try await assumeRole(roleArn, settings: settings, name: name, visited: visited)
        }
        if let key = settings["aws_access_key_id"] {
            guard let secret = settings["aws_secret_access_key"] else {
                throw CredentialError.failed("profile '\(name)' has aws_access_key_id but no aws_secret_access_key")
            }
            return ExpiringCredentials(
                Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"]),
                source: "profile \(name)")
        }
        if let command = settings["credential_process"] {
            return try await ProcessCredentialProvider(command: command, profile: name).credentials()
        }
        let message = "profile '\(name)' has no credentials (no aws_access_key_id, role_arn or credential_process)"
        if visited.isEmpty && !explicit { throw CredentialError.notConfigured("shared files: \(message)") }
        throw CredentialError.failed(message)
    }

    private func assumeRole(
        _ roleArn: String, settings: [String: String], name: String, visited: [String]
    ) async throws -> ExpiringCredentials {
        let sessionName = settings["role_session_name"] ?? "bedrockctl-\(Int(sts.clock.now().timeIntervalSince1970))"
        if let tokenFile = settings["web_identity_token_file"] {
            return try await WebIdentityCredentialProvider(
                roleArn: roleArn, tokenFile: tokenFile, sessionName: sessionName, sts: sts
            ).credentials()
        }
        let source: ExpiringCredentials
        if let sourceProfile = settings["source_profile"] {
            let chain = visited + [name]
            if chain.contains(sourceProfile) && sourceProfile != name {
                throw CredentialError.failed(
                    "profiles form a cycle: \((chain + [sourceProfile]).joined(separator: " -> "))")
            }
            if sourceProfile == name {
                // A profile may hold the keys it assumes the role with.
                guard let key = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] else {
                    throw CredentialError.failed("profile '\(name)' is its own source_profile but has no keys")
                }
                source = ExpiringCredentials(
                    Credentials(accessKeyId: key, secretAccessKey: secret, sessionToken: settings["aws_session_token"]),
                    source: "profile \(name)")
            } else {
                source = try await resolve(sourceProfile, visited: chain)
            }
        } else if let credentialSource = settings["credential_source"] {
            guard credentialSource == "Environment" else {
                throw CredentialError.failed(
                    "profile '\(name)': credential_source \(credentialSource) is not supported (only Environment)")
            }
            source = try await EnvironmentCredentialProvider(environment: environment).credentials()
        } else {
            throw CredentialError.failed(
                "profile '\(name)' has role_arn but neither source_profile, credential_source nor "
                    + "web_identity_token_file"
            )
        }
        return try await sts.assumeRole(
            roleArn: roleArn, sessionName: sessionName, externalId: settings["external_id"],
            durationSeconds: settings["duration_seconds"].flatMap(Int.init), source: source.credentials)
    }
}
