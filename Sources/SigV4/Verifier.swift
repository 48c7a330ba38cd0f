import Foundation

/// Checks a SigV4-signed request the way an AWS service does: parses `Authorization`, finds the
/// secret of its access key, rebuilds the canonical request from the headers it names, and
/// compares signatures; the request time must be within `allowedSkew` of now.
public struct Verifier: Sendable {
    public enum Failure: Error, Sendable, Hashable {
        /// No Authorization header, or one that is not SigV4: AWS answers MissingAuthenticationToken.
        case missingAuthentication
        /// The header does not parse: IncompleteSignature.
        case incompleteSignature(String)
        /// The access key is not known: UnrecognizedClientException.
        case unknownAccessKey(String)
        /// The signature differs: SignatureDoesNotMatch (with the canonical request the server built).
        case signatureMismatch(canonicalRequest: String, stringToSign: String)
        /// The request time is too far from the server's: InvalidSignatureException.
        case clockSkew(requestTime: String, serverTime: String)
    }

    public struct Authorization: Sendable, Hashable {
        public var accessKeyId: String
        public var day: String
        public var region: String
        public var service: String
        public var signedHeaders: [String]
        public var signature: String
    }

    public var allowedSkew: TimeInterval
    public var secretFor: @Sendable (String) -> String?

    public init(allowedSkew: TimeInterval = 300, secretFor: @escaping @Sendable (String) -> String?) {
        self.allowedSkew = allowedSkew
        self.secretFor = secretFor
    }

    /// The parsed Authorization of a request that verifies, or the reason it does not.
    public func verify(_ request: SigningRequest, now: Date) -> Result<Authorization, Failure> {
        guard let header = request.header("authorization"), header.hasPrefix("AWS4-HMAC-SHA256 ") else {
            return .failure(.missingAuthentication)
        }
        let auth: Authorization
        switch Self.parse(header) {
        case .success(let parsed): auth = parsed
        case .failure(let failure): return .failure(failure)
        }
        guard let stampText = request.header("x-amz-date"), let stamp = AMZDate(stamp: stampText) else {
            return .failure(
                .incompleteSignature(
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."))
        }
        guard let secret = secretFor(auth.accessKeyId) else { return .failure(.unknownAccessKey(auth.accessKeyId)) }
        if abs(stamp.date.timeIntervalSince(now)) > allowedSkew {
            return .failure(.clockSkew(requestTime: stamp.stamp, serverTime: AMZDate(now).stamp))
        }
        guard stamp.day == auth.day else {
            return .failure(
                .incompleteSignature(
                    "Credential should be scoped to a valid date: \(stamp.day) differs from \(auth.day)"))
        }
        let signer = Signer(
            credentials: Credentials(accessKeyId: auth.accessKeyId, secretAccessKey: secret), region: auth.region,
            service: auth.service, options: .init(signPayloadHash: false))
        // The body is hashed as received: a claimed `x-amz-content-sha256` is only a header, so a
        // body swapped under a valid signature does not verify.
        let parts = signer.parts(
            of: request, date: stamp, signedHeaderNames: auth.signedHeaders, payloadHash: Signer.hexSHA256(request.body)
        )
        guard constantTimeEqual(parts.signature, auth.signature) else {
            return .failure(
                .signatureMismatch(canonicalRequest: parts.canonicalRequest, stringToSign: parts.stringToSign))
        }
        return .success(auth)
    }

    /// `AWS4-HMAC-SHA256 Credential=KEY/DAY/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=HEX`
    public static func parse(_ header: String) -> Result<Authorization, Failure> {
        var fields: [String: String] = [:]
        for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let eq = trimmed.firstIndex(of: "=") else { continue }
            fields[String(trimmed[..<eq])] = String(trimmed[trimmed.index(after: eq)...])
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else {
            let missing = ["Credential", "SignedHeaders", "Signature"].filter { fields[$0] == nil }
            return .failure(
                .incompleteSignature(
                    "Authorization header requires \(missing.map { "'\($0)'" }.joined(separator: ", ")) "
                        + "parameter\(missing.count == 1 ? "" : "s")."
                ))
        }
        let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard scope.count == 5, scope[4] == "aws4_request" else {
            return .failure(
                .incompleteSignature(
                    "Credential should be scoped to correct service: KEY/DATE/REGION/SERVICE/aws4_request, got "
                        + "'\(credential)'"
                ))
        }
        return .success(
            Authorization(
                accessKeyId: scope[0], day: scope[1], region: scope[2], service: scope[3],
                signedHeaders: signed.split(separator: ";").map { $0.lowercased() }, signature: signature))
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
