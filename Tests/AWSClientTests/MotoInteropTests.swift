import Foundation
import SigV4
import TestSupport
import Testing

@testable import AWSClient

/// bedrockctl's client against moto's server, an AWS implementation that is not ours: STS for
/// web identity and assumed roles; request authentication, where moto rebuilds and re-signs
/// each request with botocore and refuses any difference; Bedrock's tag calls and the Resource
/// Groups Tagging API.
@Suite(.serialized) struct MotoInteropTests {
    @Test func anotherServerOnMotosPortDoesNotPassForMoto() throws {
        // A CI run sent its STS calls to another test's hostile server, which had taken the port
        // picked for moto: a listener that answers, but not as moto, must not count.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        #expect(listen(fd, 8) == 0)
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { sleeper.terminate() }
        #expect(!MotoServer.waitForListener(port: Int(UInt16(bigEndian: address.sin_port)), process: sleeper))
    }

    @Test func webIdentityFromTheEnvironmentAgainstMotoSTS() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let tokenFile = TemporaryFiles.path("token")
        try "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvbW9kZWxzIn0.c2ln\n".write(
            toFile: tokenFile, atomically: true, encoding: .utf8)
        try await AsyncHTTPClientTransport.withTransport { transport in
            let config = try AWSConfiguration.resolve(
                AWSOptions(),
                environment: [
                    "HOME": "/nonexistent", "AWS_REGION": "us-east-1",
                    "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/github-deploy",
                    "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_SESSION_NAME": "ci-run",
                    "AWS_ENDPOINT_URL_STS": moto.endpoint,
                ], transport: transport)
            let creds = try await config.credentials.credentials()
            #expect(creds.credentials.accessKeyId.hasPrefix("ASIA"))
            #expect(creds.credentials.sessionToken?.isEmpty == false)
            #expect(creds.expiration != nil)
            #expect(creds.source == "web identity (arn:aws:iam::123456789012:role/github-deploy)")
        }
    }

    @Test func assumeRoleThroughASourceProfileAgainstMotoSTS() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let home = try CredentialChainTests.home(
            config:
                "[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deployer\nsource_profile = "
                + "base\nrole_session_name = bedrockctl-test\nregion = us-west-2\n",
            credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n")
        try await AsyncHTTPClientTransport.withTransport { transport in
            let config = try AWSConfiguration.resolve(
                AWSOptions(profile: "deploy"), environment: ["HOME": home, "AWS_ENDPOINT_URL_STS": moto.endpoint],
                transport: transport)
            #expect(config.region == "us-west-2")
            let creds = try await config.credentials.credentials()
            #expect(creds.credentials.accessKeyId.hasPrefix("ASIA"))
            #expect(creds.source == "assumed role arn:aws:iam::123456789012:role/deployer")
        }
    }

    @Test func motoAcceptsOurSignaturesAndRefusesTamperedOnes() async throws {
        let moto = try MotoServer(initialUnauthenticatedCalls: 3)
        defer { moto.stop() }
        let keys = try moto.python(
            """
            import boto3, json
            iam = boto3.client('iam', endpoint_url=MOTO, region_name='us-east-1', aws_access_key_id='setup', \
            aws_secret_access_key='setup')
            iam.create_user(UserName='bedrockctl')
            key = iam.create_access_key(UserName='bedrockctl')['AccessKey']
            iam.put_user_policy(UserName='bedrockctl', PolicyName='all', PolicyDocument=json.dumps(
                {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': '*', 'Resource': '*'}]}))
            print(key['AccessKeyId'], key['SecretAccessKey'])
            """
        ).split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let good = Credentials(accessKeyId: keys[0], secretAccessKey: keys[1])
        try await AsyncHTTPClientTransport.withTransport { transport in
            func clients(
                _ credentials: Credentials, transport: any HTTPTransport = transport
            ) -> (BedrockClient, BedrockRuntimeClient) {
                let endpoint = URL(string: moto.endpoint)!
                let provider = StaticCredentialProvider(credentials)
                return (
                    BedrockClient(
                        service: ServiceClient(
                            transport: transport, credentials: provider, region: "us-east-1", endpoint: endpoint,
                            signingName: "bedrock", retry: .none)),
                    BedrockRuntimeClient(
                        service: ServiceClient(
                            transport: transport, credentials: provider, region: "us-east-1", endpoint: endpoint,
                            signingName: "bedrock", retry: .none))
                )
            }
            let (bedrock, runtime) = clients(good)
            let invoked = try await runtime.invokeModel(
                "amazon.titan-text-express-v1", body: Array(#"{"inputText":"hello"}"#.utf8))
            #expect(!invoked.body.isEmpty)
            // A control-plane call on an ARN that does not exist: the signature passes, the lookup fails.
            let arn =
                "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456"
            for call in [
                { _ = try await bedrock.listTagsForResource(arn) },
                { try await bedrock.tagResource(arn, tags: [.init(key: "team", value: "ml")]) },
                { try await bedrock.untagResource(arn, keys: ["team"]) },
            ] as [@Sendable () async throws -> Void] {
                do {
                    try await call()
                } catch let error as AWSServiceError {
                    #expect(error.kind == .notFound, "moto refused a signature: \(error)")
                }
            }
            // The wrong secret, and a body changed after signing, are both refused.
            let (_, wrongRuntime) = clients(Credentials(accessKeyId: keys[0], secretAccessKey: "not-the-secret"))
            do {
                _ = try await wrongRuntime.invokeModel("amazon.titan-text-express-v1", body: Array("{}".utf8))
                Issue.record("a request signed with the wrong secret was accepted")
            } catch let error as AWSServiceError {
                #expect(error.code == "SignatureDoesNotMatch" && error.status == 403 && error.kind == .authentication)
            }
            let (_, tamperedRuntime) = clients(good, transport: TamperingTransport(base: transport))
            do {
                _ = try await tamperedRuntime.invokeModel(
                    "amazon.titan-text-express-v1", body: Array(#"{"inputText":"hello"}"#.utf8))
                Issue.record("a tampered request was accepted")
            } catch let error as AWSServiceError {
                #expect(error.code == "SignatureDoesNotMatch" && error.status == 403)
            }
        }
    }
}

extension MotoInteropTests {
    /// Our tag calls and our Resource Groups Tagging API client against moto's, another
    /// implementation of the same wire: tags set by our client are the ones boto3 reads back, and
    /// GetResources' tag filter, type filter and pages come back as moto answers them.
    @Test func ourTagCallsAndGetResourcesAgainstMoto() async throws {
        let moto = try MotoServer()
        defer { moto.stop() }
        let arn = try moto.python(
            """
            import boto3
            kw = dict(
                endpoint_url=MOTO, region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
            bedrock, s3 = boto3.client('bedrock', **kw), boto3.client('s3', **kw)
            bedrock.create_model_customization_job(
                jobName='tune', customModelName='tuned', roleArn='arn:aws:iam::123456789012:role/r',
                baseModelIdentifier='amazon.titan-text-express-v1', trainingDataConfig={'s3Uri': 's3://data/t/'},
                outputDataConfig={'s3Uri': 's3://data/o/'}, hyperParameters={})
            for name, team in [('team-ml-one', 'ml'), ('team-ml-two', 'ml'), ('team-web', 'web')]:
                s3.create_bucket(Bucket=name)
                s3.put_bucket_tagging(Bucket=name, Tagging={'TagSet': [{'Key': 'team', 'Value': team}]})
            print(bedrock.get_custom_model(modelIdentifier='tuned')['modelArn'], end='')
            """)
        #expect(arn.hasPrefix("arn:aws:bedrock:us-east-1:"))
        try await AsyncHTTPClientTransport.withTransport { transport in
            func service(_ signingName: String) -> ServiceClient {
                ServiceClient(
                    transport: transport,
                    credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
                    region: "us-east-1", endpoint: URL(string: moto.endpoint)!, signingName: signingName, retry: .none)
            }
            let bedrock = BedrockClient(service: service("bedrock"))
            try await bedrock.tagResource(
                arn, tags: [.init(key: "team", value: "ml"), .init(key: "env", value: "prod")])
            try await bedrock.untagResource(arn, keys: ["env"])
            #expect(try await bedrock.listTagsForResource(arn) == [.init(key: "team", value: "ml")])
            let read = try moto.python(
                """
                import boto3
                bedrock = boto3.client('bedrock', endpoint_url=MOTO, region_name='us-east-1', aws_access_key_id='test',
                    aws_secret_access_key='test')
                tags = bedrock.list_tags_for_resource(resourceARN='\(arn)')['tags']
                print(sorted((t['key'], t['value']) for t in tags))
                """)
            #expect(read.trimmingCharacters(in: .whitespacesAndNewlines) == "[('team', 'ml')]")
            let tagging = TaggingClient(service: service("tagging"))
            // One a page, so the second page comes through PaginationToken.
            let ml = try await tagging.getResources(
                tagFilters: [.init(key: "team", values: ["ml"])], resourceTypes: ["s3"], perPage: 1
            ).collect()
            #expect(ml.map(\.resourceARN) == ["arn:aws:s3:::team-ml-one", "arn:aws:s3:::team-ml-two"])
            #expect(ml.allSatisfy { $0.tags == [.init(key: "team", value: "ml")] })
            let anyTeam = try await tagging.getResources(tagFilters: [.init(key: "team")], resourceTypes: ["s3"])
                .collect()
            #expect(Set(anyTeam.map(\.resourceARN)).count == 3)
        }
    }
}

/// Changes the body after it was signed, and its signed content hash with it, as an attacker in
/// the middle would.
struct TamperingTransport: HTTPTransport {
    var base: any HTTPTransport
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var changed = request
        changed.body = Array(#"{"inputText":"HELLO"}"#.utf8)
        changed.headers = changed.headers.map {
            $0.name.lowercased() == "x-amz-content-sha256" ? ($0.name, Signer.hexSHA256(changed.body)) : $0
        }
        return try await base.send(changed, timeout: timeout)
    }
}
