import Foundation
import Testing

@testable import SigV4

/// AWS's own SigV4 test suite (aws-c-auth's `aws-signing-test-suite/v4`, copied into Fixtures with
/// its LICENSE and NOTICE): every header-signing case we support must give the exact canonical
/// request, string to sign and signature.
@Suite struct SigningVectorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/sigv4")

    /// S3-style cases that sign the path without normalising it: bedrockctl signs for Bedrock,
    /// which normalises, so these are listed here, by name, rather than skipped silently.
    static let unsupported: Set<String> = [
        "get-relative-relative-unnormalized", "get-relative-unnormalized", "get-slash-dot-slash-unnormalized",
        "get-slash-pointless-dot-unnormalized", "get-slash-unnormalized", "get-slashes-unnormalized",
        "get-space-unnormalized",
    ]

    struct Context: Decodable {
        struct Creds: Decodable {
            var access_key_id: String
            var secret_access_key: String
            var token: String?
        }
        var credentials: Creds
        var region: String
        var service: String
        var timestamp: String
        var normalize: Bool
        var sign_body: Bool
        var omit_session_token: Bool?
    }

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "LICENSE" && $0 != "NOTICE" }.sorted()
    }

    @Test func theSuiteIsThereAndOnlyTheUnnormalisedCasesAreLeftOut() throws {
        let all = Set(Self.cases)
        #expect(all.count == 38)
        #expect(Self.unsupported.isSubset(of: all))
        for name in all {
            let context = try Self.context(name)
            #expect(context.normalize == !Self.unsupported.contains(name), "\(name)")
        }
    }

    @Test(arguments: cases.filter { !unsupported.contains($0) })
    func headerSigning(_ name: String) throws {
        let context = try Self.context(name)
        let request = try Self.parseRequest(
            String(decoding: Data(contentsOf: Self.root.appendingPathComponent("\(name)/request.txt")), as: UTF8.self))
        let credentials = Credentials(
            accessKeyId: context.credentials.access_key_id, secretAccessKey: context.credentials.secret_access_key,
            sessionToken: context.credentials.token)
        let signer = Signer(
            credentials: credentials, region: context.region, service: context.service,
            options: .init(signPayloadHash: context.sign_body, signSessionToken: context.omit_session_token != true))
        let date = try #require(ISO8601DateFormatter().date(from: context.timestamp))
        let prepared = signer.prepared(request, date: AMZDate(date))
        let parts = signer.parts(of: prepared, date: AMZDate(date))
        #expect(parts.canonicalRequest == (try Self.file(name, "header-canonical-request.txt")))
        #expect(parts.stringToSign == (try Self.file(name, "header-string-to-sign.txt")))
        #expect(parts.signature == (try Self.file(name, "header-signature.txt")))
        let expectedAuthorization = try Self.file(name, "header-signed-request.txt").split(separator: "\n")
            .first { $0.hasPrefix("Authorization:") }.map { String($0.dropFirst("Authorization:".count)) }
        #expect(signer.sign(request, date: date).header("authorization") == expectedAuthorization)
    }

    static func context(_ name: String) throws -> Context {
        try JSONDecoder().decode(
            Context.self, from: Data(contentsOf: root.appendingPathComponent("\(name)/context.json")))
    }

    static func file(_ name: String, _ file: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent("\(name)/\(file)")), as: UTF8.self)
    }

    /// `METHOD PATH?QUERY HTTP/1.1`, header lines (a line starting with white space continues the
    /// one before), a blank line, the body.
    static func parseRequest(_ text: String) throws -> SigningRequest {
        var lines = text.components(separatedBy: "\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        let target = requestLine[1..<(requestLine.count - 1)].joined(separator: " ")
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query: [(String, String)] = []
        if pathAndQuery.count == 2 {
            for item in pathAndQuery[1].split(separator: "&") {
                let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(
                    (URIEncoding.decode(String(kv[0])), kv.count == 2 ? URIEncoding.decode(String(kv[1])) : ""))
            }
        }
        var headers: [(String, String)] = []
        var bodyLines: [String] = []
        var inBody = false
        for line in lines {
            if inBody {
                bodyLines.append(line)
                continue
            }
            if line.isEmpty {
                inBody = true
                continue
            }
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += "\n" + line
                continue
            }
            let colon = try #require(line.firstIndex(of: ":"))
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
        }
        return SigningRequest(
            method: String(requestLine[0]), path: String(pathAndQuery[0]), query: query, headers: headers,
            body: Array(bodyLines.joined(separator: "\n").utf8))
    }
}
