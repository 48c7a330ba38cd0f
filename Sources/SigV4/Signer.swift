import Crypto
import Foundation

/// AWS Signature Version 4 for one service in one region. The date is a parameter, never read
/// from a clock here, so a signature is a pure function of its inputs.
public struct Signer: Sendable {
    public var credentials: Credentials
    public var region: String
    public var service: String
    public var options: Options

    public struct Options: Sendable, Hashable {
        /// Adds and signs `x-amz-content-sha256` (some servers need it even without a body).
        public var signPayloadHash = true
        /// Signs `x-amz-security-token`; when false it is added after signing (as STS once needed).
        public var signSessionToken = true
        /// Removes `.`/`..` segments and repeated slashes from the path before signing.
        public var normalizePath = true

        public init(signPayloadHash: Bool = true, signSessionToken: Bool = true, normalizePath: Bool = true) {
            self.signPayloadHash = signPayloadHash
            self.signSessionToken = signSessionToken
            self.normalizePath = normalizePath
        }
    }

    /// Every intermediate of one signature, for tests and for explaining a mismatch.
    public struct Parts: Sendable, Hashable {
        public var canonicalRequest: String
        public var stringToSign: String
        public var signature: String
        public var signedHeaders: String
        public var scope: String
        public var authorization: String
    }

    /// Headers a proxy or transport may add or change: never signed.
    static let unsignedHeaders: Set<String> = [
        "authorization", "user-agent", "x-amzn-trace-id", "expect", "connection", "transfer-encoding", "keep-alive",
    ]

    public init(credentials: Credentials, region: String, service: String, options: Options = Options()) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.options = options
    }

    /// `request` with the signing headers added: `X-Amz-Date`, `x-amz-content-sha256`,
    /// `X-Amz-Security-Token` when there is a session token, and `Authorization`.
    public func sign(_ request: SigningRequest, date: Date) -> SigningRequest {
        var signed = prepared(request, date: AMZDate(date))
        let parts = self.parts(of: signed, date: AMZDate(date))
        signed.headers.append(("Authorization", parts.authorization))
        if let token = credentials.sessionToken, !options.signSessionToken {
            signed.headers.append(("X-Amz-Security-Token", token))
        }
        return signed
    }

    /// The request with the headers that are signed added (all but `Authorization`).
    public func prepared(_ request: SigningRequest, date: AMZDate) -> SigningRequest {
        var r = request
        r.headers.removeAll { ["authorization", "x-amz-date"].contains($0.name.lowercased()) }
        r.headers.append(("X-Amz-Date", date.stamp))
        if let token = credentials.sessionToken, options.signSessionToken {
            r.headers.removeAll { $0.name.lowercased() == "x-amz-security-token" }
            r.headers.append(("X-Amz-Security-Token", token))
        }
        if options.signPayloadHash && r.header("x-amz-content-sha256") == nil {
            r.headers.append(("x-amz-content-sha256", Self.hexSHA256(r.body)))
        }
        return r
    }

    /// The canonical request, string to sign and signature of an already prepared request.
    /// `payloadHash` overrides the body's hash line (a verifier passes the hash of the body it
    /// received); by default it is `x-amz-content-sha256`, else the body's hash.
    public func parts(
        of request: SigningRequest, date: AMZDate, signedHeaderNames: [String]? = nil, payloadHash: String? = nil
    ) -> Parts {
        let (canonicalHeaders, signedHeaders) = Self.canonicalHeaders(request.headers, only: signedHeaderNames)
        let payloadHash = payloadHash ?? request.header("x-amz-content-sha256") ?? Self.hexSHA256(request.body)
        let canonicalRequest = [
            request.method.uppercased(),
            Self.canonicalURI(request.path, normalize: options.normalizePath),
            Self.canonicalQuery(request.query),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let scope = "\(date.day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", date.stamp, scope, Self.hexSHA256(Array(canonicalRequest.utf8))].joined(
            separator: "\n")
        let key = Self.signingKey(secret: credentials.secretAccessKey, day: date.day, region: region, service: service)
        let signature = Self.hex(Array(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)))
        let authorization =
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), "
            + "Signature=\(signature)"
        return Parts(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            signedHeaders: signedHeaders, scope: scope, authorization: authorization)
    }

    // MARK: - The canonical forms

    /// Lower-cased names in order, values trimmed with inner runs of white space folded to one
    /// space, repeated headers joined by commas in the order they came.
    static func canonicalHeaders(_ headers: [(name: String, value: String)], only names: [String]?) -> (String, String)
    {
        var grouped: [String: [String]] = [:]
        for (name, value) in headers {
            let lowered = name.lowercased()
            if let names {
                guard names.contains(lowered) else { continue }
            } else if unsignedHeaders.contains(lowered) {
                continue
            }
            grouped[lowered, default: []].append(foldWhitespace(value))
        }
        let sorted = grouped.keys.sorted()
        let canonical = sorted.map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
        return (canonical, sorted.joined(separator: ";"))
    }

    static func foldWhitespace(_ value: String) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in value.unicodeScalars {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Each byte of the (optionally normalised) wire path encoded, slashes kept. A path that is
    /// already percent-encoded is encoded again, as every AWS service but S3 expects.
    static func canonicalURI(_ path: String, normalize: Bool) -> String {
        var path = path.isEmpty ? "/" : path
        if normalize { path = normalized(path) }
        return URIEncoding.encode(path, keepSlash: true)
    }

    static func normalized(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." {
                _ = segments.popLast()
                continue
            }
            segments.append(segment)
        }
        let trailing = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
        let joined = "/" + segments.joined(separator: "/")
        return trailing && !segments.isEmpty ? joined + "/" : joined
    }

    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (URIEncoding.encode($0.name), URIEncoding.encode($0.value)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    public static func signingKey(secret: String, day: String, region: String, service: String) -> SymmetricKey {
        func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
            SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
        }
        let date = hmac(SymmetricKey(data: Array("AWS4\(secret)".utf8)), day)
        return hmac(hmac(hmac(date, region), service), "aws4_request")
    }

    public static func hexSHA256(_ bytes: [UInt8]) -> String { hex(Array(SHA256.hash(data: bytes))) }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
