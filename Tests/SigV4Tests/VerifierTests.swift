import Foundation
import Testing

@testable import SigV4

@Suite struct VerifierTests {
    static let credentials = Credentials(accessKeyId: "test", secretAccessKey: "test")
    static let now = Date(timeIntervalSince1970: 1_764_000_000)
    static let verifier = Verifier { $0 == "test" ? "test" : nil }

    static func signed(
        path: String = "/provisioned-model-throughputs", date: Date = now, key: Credentials = credentials
    ) -> SigningRequest {
        let request = SigningRequest(
            method: "GET", path: path, query: [("maxResults", "10")], headers: [("Host", "127.0.0.1:4566")])
        return Signer(credentials: key, region: "us-east-1", service: "bedrock").sign(request, date: date)
    }

    @Test func aSignedRequestVerifies() throws {
        let result = Self.verifier.verify(Self.signed(), now: Self.now)
        let auth = try result.get()
        #expect(auth.accessKeyId == "test")
        #expect(auth.region == "us-east-1")
        #expect(auth.signedHeaders == ["host", "x-amz-content-sha256", "x-amz-date"])
    }

    @Test func encodedPathsAreSignedTwiceEncoded() {
        let path =
            "/provisioned-model-throughput/arn%3Aaws%3Abedrock%3Aus-east-1%3A000000000000%3Aprovisioned-model%2Fabc"
        #expect(
            Signer.canonicalURI(path, normalize: true)
                == "/provisioned-model-throughput/arn%253Aaws%253Abedrock%253Aus-east-1%253A000000000000%253A"
                + "provisioned-model%252Fabc"
        )
        #expect((try? Self.verifier.verify(Self.signed(path: path), now: Self.now).get()) != nil)
    }

    @Test func tamperingIsCaught() {
        var request = Self.signed()
        request.query = [("maxResults", "11")]
        guard case .failure(.signatureMismatch(let canonical, _)) = Self.verifier.verify(request, now: Self.now) else {
            Issue.record("a tampered query verified")
            return
        }
        #expect(canonical.contains("maxResults=11"))
    }

    @Test func wrongSecretUnknownKeyMissingHeaderAndSkew() {
        let wrong = Self.signed(key: Credentials(accessKeyId: "test", secretAccessKey: "nope"))
        guard case .failure(.signatureMismatch) = Self.verifier.verify(wrong, now: Self.now) else {
            Issue.record("wrong secret")
            return
        }
        let stranger = Self.signed(key: Credentials(accessKeyId: "AKIDSTRANGER", secretAccessKey: "x"))
        #expect(Self.verifier.verify(stranger, now: Self.now) == .failure(.unknownAccessKey("AKIDSTRANGER")))
        var unsigned = Self.signed()
        unsigned.headers.removeAll { $0.name == "Authorization" }
        #expect(Self.verifier.verify(unsigned, now: Self.now) == .failure(.missingAuthentication))
        let old = Self.signed(date: Self.now.addingTimeInterval(-301))
        guard case .failure(.clockSkew) = Self.verifier.verify(old, now: Self.now) else {
            Issue.record("skew")
            return
        }
        let justInside = Self.signed(date: Self.now.addingTimeInterval(-299))
        #expect((try? Self.verifier.verify(justInside, now: Self.now).get()) != nil)
    }

    @Test func aBodySwappedUnderAValidSignatureAndContentHashIsCaught() {
        let original = SigningRequest(
            method: "POST", path: "/provisioned-model-throughput", headers: [("Host", "127.0.0.1:4566")],
            body: Array(#"{"modelUnits":1}"#.utf8))
        var request = Signer(credentials: Self.credentials, region: "us-east-1", service: "bedrock").sign(
            original, date: Self.now)
        #expect((try? Self.verifier.verify(request, now: Self.now).get()) != nil)
        // The signed x-amz-content-sha256 still names the original body; the body itself is another.
        request.body = Array(#"{"modelUnits":5}"#.utf8)
        guard case .failure(.signatureMismatch(let canonical, _)) = Self.verifier.verify(request, now: Self.now) else {
            Issue.record("a swapped body verified")
            return
        }
        #expect(canonical.hasSuffix(Signer.hexSHA256(request.body)))
    }

    @Test func sessionTokensAreSigned() throws {
        let temporary = Credentials(accessKeyId: "test", secretAccessKey: "test", sessionToken: "FwoGZX")
        let request = Self.signed(key: temporary)
        #expect(request.header("x-amz-security-token") == "FwoGZX")
        #expect(try Self.verifier.verify(request, now: Self.now).get().signedHeaders.contains("x-amz-security-token"))
    }

    @Test func dates() {
        let date = AMZDate(Date(timeIntervalSince1970: 1_440_938_160))
        #expect(date.stamp == "20150830T123600Z")
        #expect(date.day == "20150830")
        #expect(AMZDate(stamp: "20150830T123600Z")?.date == Date(timeIntervalSince1970: 1_440_938_160))
        #expect(AMZDate(stamp: "2015-08-30") == nil)
    }

    @Test func credentialsNeverPrintTheSecret() {
        let text = "\(Credentials(accessKeyId: "AKID", secretAccessKey: "s3cr3t", sessionToken: "Zq9tok3n"))"
        #expect(!text.contains("s3cr3t") && !text.contains("Zq9tok3n") && text.contains("AKID"))
    }
}
