import AWSClient
import BedrockEmulator
import Foundation
import SigV4
import TestSupport
import Testing

/// The emulator answers STS GetCallerIdentity on its port as STS does (query protocol, XML), so a
/// plan can name the account; boto3's sts client and bedrockctl's own client both read it.
@Suite struct STSTests {
    @Test func boto3ReadsTheCallerIdentityAndItsErrors() async throws {
        let emulator = try Emulator()
        try await EmulatorOnPort.run(emulator) { endpoint in
            let script = """
                import boto3, botocore, json, sys
                def client(key, secret='test'):
                    return boto3.client('sts', endpoint_url=sys.argv[1], region_name='eu-west-1',
                                        aws_access_key_id=key, aws_secret_access_key=secret)
                out = {'ok': client('test').get_caller_identity()}
                out['ok'].pop('ResponseMetadata')
                for name, key, secret in [('unknown', 'nobody', 'test'), ('wrong', 'test', 'nope')]:
                    try:
                        client(key, secret).get_caller_identity()
                        out[name] = 'answered'
                    except botocore.exceptions.ClientError as e:
                        out[name] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
                print(json.dumps(out))
                """
            let data = try await Blocking.run {
                try Python.run("import sys; sys.argv.append('\(endpoint)')\n" + script, requiring: ["boto3"])
            }
            let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let ok = answer?["ok"] as? [String: String]
            #expect(
                ok == [
                    "Account": Emulator.account, "Arn": "arn:aws:iam::\(Emulator.account):user/test", "UserId": "test",
                ])
            #expect(answer?["unknown"] as? [AnyHashable] == ["InvalidClientTokenId", 403])
            #expect(answer?["wrong"] as? [AnyHashable] == ["SignatureDoesNotMatch", 403])
        }
    }

    @Test func theClientReadsTheAccountAndNamesTheEndpointWhenRefused() async throws {
        let emulator = try Emulator()
        let transport = EmulatorTransport(emulator)
        let endpoint = URL(string: "http://127.0.0.1")!
        let identity = try await CallerIdentity.read(
            transport: transport, endpoint: endpoint, region: "us-east-1",
            credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")))
        #expect(
            identity
                == CallerIdentity(
                    account: Emulator.account, arn: "arn:aws:iam::\(Emulator.account):user/test",
                    userId: "test"))
        await #expect {
            _ = try await CallerIdentity.read(
                transport: transport, endpoint: endpoint, region: "us-east-1",
                credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "wrong")))
        } throws: { error in
            "\(error)".contains("GetCallerIdentity at http://127.0.0.1") && "\(error)".contains("SignatureDoesNotMatch")
        }
    }

    @Test func aCallSignedForBedrockIsNotAnSTSCall() async throws {
        let emulator = try Emulator()
        let body = Array("Action=GetCallerIdentity&Version=2011-06-15".utf8)
        let headers = [("Host", "127.0.0.1"), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        let signer = Signer(
            credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), region: "us-east-1",
            service: "bedrock")
        let signed = signer.sign(
            SigningRequest(method: "POST", path: "/", query: [], headers: headers, body: body), date: Date())
        let request = HTTPRequest(
            method: "POST", endpoint: URL(string: "http://127.0.0.1")!, path: "/", headers: signed.headers,
            body: body)
        let response = try await EmulatorTransport(emulator).send(request, timeout: .seconds(5))
        #expect(response.status == 403)
        #expect(
            String(decoding: try await response.collect(), as: UTF8.self).contains("<Code>SignatureDoesNotMatch</Code>")
        )
    }
}
