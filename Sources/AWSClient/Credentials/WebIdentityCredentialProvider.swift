import Foundation

/// A role assumed with an OIDC token from a file: `AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE`
/// (how GitHub Actions and EKS reach AWS), or a profile's `role_arn` + `web_identity_token_file`.
public struct WebIdentityCredentialProvider: CredentialProvider {
    public var roleArn: String
    public var tokenFile: String
    public var sessionName: String
    let sts: STSClient

    init(roleArn: String, tokenFile: String, sessionName: String?, sts: STSClient) {
        self.roleArn = roleArn
        self.tokenFile = tokenFile
        self.sessionName = sessionName ?? "bedrockctl-\(Int(sts.clock.now().timeIntervalSince1970))"
        self.sts = sts
    }

    /// From the environment, or nil when `AWS_ROLE_ARN` or `AWS_WEB_IDENTITY_TOKEN_FILE` is unset.
    static func fromEnvironment(_ environment: [String: String], sts: STSClient) -> WebIdentityCredentialProvider? {
        guard let role = environment["AWS_ROLE_ARN"], !role.isEmpty,
            let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"], !file.isEmpty
        else { return nil }
        return WebIdentityCredentialProvider(
            roleArn: role, tokenFile: file, sessionName: environment["AWS_ROLE_SESSION_NAME"], sts: sts)
    }

    public func credentials() async throws -> ExpiringCredentials {
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw CredentialError.failed("web identity: the token file \(tokenFile) cannot be read")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw CredentialError.failed("web identity: the token file \(tokenFile) is empty") }
        Redaction.register(token)
        return try await sts.assumeRoleWithWebIdentity(roleArn: roleArn, sessionName: sessionName, token: token)
    }
}

/// Web identity from the environment, as one link of the chain.
struct EnvironmentWebIdentityProvider: CredentialProvider {
    var environment: [String: String]
    var sts: STSClient

    func credentials() async throws -> ExpiringCredentials {
        guard let provider = WebIdentityCredentialProvider.fromEnvironment(environment, sts: sts) else {
            throw CredentialError.notConfigured(
                "web identity: AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are not both set")
        }
        return try await provider.credentials()
    }
}
