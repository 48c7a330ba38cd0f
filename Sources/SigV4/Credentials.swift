/// AWS credentials for signing: an access key, its secret, and a session token for temporary ones.
public struct Credentials: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// Never prints the secret or the token.
    public var description: String {
        "Credentials(\(accessKeyId), secret: ****\(sessionToken == nil ? "" : ", session token: ****"))"
    }
}
