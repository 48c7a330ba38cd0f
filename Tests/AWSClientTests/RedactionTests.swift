import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// Credential material never leaves bedrockctl in a message, and text from outside cannot drive
/// the terminal.
@Suite struct RedactionTests {
    static let token = "FwoGZXIvYXdzEJr//////////wEaDBQwRedactMeTokenVALUE+/=="

    /// What Bedrock says to a request whose signature does not match: its canonical request,
    /// which carries the session token.
    static var mismatchBody: String {
        let message =
            "The request signature we calculated does not match the signature you provided.\n\n"
            + "The Canonical String for this request should have been\n'GET\n/provisioned-model-throughputs\n\n"
            + "host:bedrock.us-east-1.amazonaws.com\nx-amz-date:20261125T120000Z\nx-amz-security-token:\(token)\n\n"
            + "host;x-amz-date;x-amz-security-token\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'"
        let data = try! JSONSerialization.data(withJSONObject: ["message": message])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aSignatureMismatchMessageLosesItsSessionToken() async throws {
        let transport = ScriptedTransport([
            .response(
                status: 403, headers: [("x-amzn-ErrorType", "InvalidSignatureException")],
                body: Array(Self.mismatchBody.utf8))
        ])
        do {
            _ = try await Clients.bedrock(transport).listTagsForResource("arn:r")
            Issue.record("no error")
        } catch {
            let text = "\(error)"
            #expect(!text.contains("FwoGZXIvYXdzEJr"), "\(text)")
            #expect(text.contains("x-amz-security-token:<redacted>"), "\(text)")
            #expect(text.contains("host;x-amz-date;x-amz-security-token"), "the list of signed header names stays")
        }
    }

    @Test(arguments: [
        (
            "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261125/us-east-1/bedrock/aws4_request, "
                + "SignedHeaders=host, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
            ["AKIDEXAMPLE", "5d672d79c15b"]
        ),
        (
            "?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEBcaCXVzLWVhc3QtMSJG&X-Amz-Signature=abcdef0123456789",
            ["IQoJb3JpZ2lu", "abcdef0123456789"]
        ),
        (
            #"{"Credentials":{"SecretAccessKey":"wJalrXUtnFEMI/K7MDENG","SessionToken":"AQoDYXdzEPT"}}"#,
            ["wJalrXUtnFEMI", "AQoDYXdzEPT"]
        ),
        (
            "<SecretAccessKey>wJalrXUtnFEMI/K7MDENG</SecretAccessKey><SessionToken>AQoDYXdzEPT</SessionToken>",
            ["wJalrXUtnFEMI", "AQoDYXdzEPT"]
        ),
        (
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG\naws_session_token=AQoDYXdzEPT",
            ["wJalrXUtnFEMI", "AQoDYXdzEPT"]
        ),
    ])
    func credentialShapesAreRedacted(_ text: String, _ secrets: [String]) {
        let redacted = Redaction.redact(text)
        for secret in secrets { #expect(!redacted.contains(secret), "\(redacted)") }
        #expect(redacted.contains(Redaction.marker))
    }

    @Test func secretsInUseAreRedactedWhereverTheyAppear() async throws {
        let secret = "distinctive-secret-\(UUID().uuidString)"
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ValidationException", "you said \(secret) in some odd place")
        ])
        let client = BedrockClient(
            service: ServiceClient(
                transport: transport,
                credentials: StaticCredentialProvider(.init(accessKeyId: "AKID", secretAccessKey: secret)),
                region: "us-east-1", endpoint: URL(string: "https://bedrock.us-east-1.amazonaws.com")!,
                signingName: "bedrock", retry: .none))
        do {
            _ = try await client.listTagsForResource("arn:r")
            Issue.record("no error")
        } catch {
            #expect(!"\(error)".contains(secret))
        }
    }

    @Test func ordinaryTextIsUntouched() {
        let text =
            "ProvisionedThroughput/support-bot: create; token bctl-0123 (clientRequestToken); Signature of the plan"
        #expect(Redaction.redact(text) == text)
    }

    @Test func controlCharactersAreEscapedForDisplay() {
        #expect(DisplayText.escaped("evil\u{1B}[2Jname\u{07}\u{00}") == "evil\\u{1b}[2Jname\\u{7}\\u{0}")
        #expect(DisplayText.escaped("two\nlines\tand tab") == "two\nlines\tand tab")
        #expect(DisplayText.escaped("rtl\u{202E}txt") == "rtl\\u{202e}txt")
        #expect(DisplayText.escaped("plain ü 名前") == "plain ü 名前")
    }
}
