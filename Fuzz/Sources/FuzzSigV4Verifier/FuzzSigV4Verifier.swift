import Foundation
import FuzzCommon
import SigV4

/// SigV4 verification of a request read from the bytes as HTTP text (see `HTTPText`): the
/// method, path, query, headers (Authorization and X-Amz-Date among them) and body all come
/// from the fuzzer.
///
/// 1. The request is verified as it is, at a fixed time, against access key `test` with secret
///    `test`; the seeds carry signatures valid at that time, so mutations start from requests
///    that verify. Each header value also goes through `Verifier.parse`.
/// 2. Round trip: the request, restricted to what a real client can send (token header names,
///    no payload hash of its own), is signed with the same key and must verify at that time.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let request = HTTPText.request(UnsafeBufferPointer(start: data, count: size))

    let outcome = verifier.verify(request, now: fixedNow)
    trace("\(request.method) \(request.path) verifies as \(outcome)")
    switch outcome {
    case .success(let auth):
        expect(auth.accessKeyId == "test", "verified a request signed with an unknown key '\(auth.accessKeyId)'")
    case .failure(.signatureMismatch(let canonicalRequest, let stringToSign)):
        _ = (canonicalRequest.utf8.count, stringToSign.utf8.count)
    case .failure:
        break
    }
    for header in request.headers { _ = Verifier.parse(header.value) }

    // The verifier hashes the body it received and ignores a claimed `x-amz-content-sha256`,
    // so a claim the body does not match fails by design: leave it to the signer to add.
    var clean = request
    clean.headers.removeAll { !HTTPText.isToken($0.name) || $0.name.lowercased() == "x-amz-content-sha256" }
    let signed = signer.sign(clean, date: fixedNow)
    switch verifier.verify(signed, now: fixedNow) {
    case .success(let auth):
        expect(
            auth.region == "us-east-1" && auth.service == "bedrock" && auth.accessKeyId == "test",
            "round trip verified with scope \(auth)")
    case .failure(let failure):
        expect(false, "a request signed by Signer fails Verifier: \(failure)")
    }
    return 0
}

/// 2026-01-01T00:00:00Z, the date of the seeds' signatures.
private let fixedNow = Date(timeIntervalSince1970: 1_767_225_600)
private let verifier = Verifier(secretFor: { $0 == "test" ? "test" : nil })
private let signer = Signer(
    credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1", service: "bedrock")
