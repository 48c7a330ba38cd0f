import Foundation
import SigV4
import Synchronization
import TestSupport
import Testing

@testable import AWSClient

/// The credential chain and configuration, with temporary HOME folders and environments.
@Suite struct CredentialChainTests {
    static func home(config: String? = nil, credentials: String? = nil) throws -> String {
        let dir = TemporaryFiles.url("home")
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        if let config {
            try config.write(to: dir.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        }
        if let credentials {
            try credentials.write(to: dir.appendingPathComponent(".aws/credentials"), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    static func resolve(_ env: [String: String], options: AWSOptions = AWSOptions()) throws -> AWSConfiguration {
        try AWSConfiguration.resolve(
            options, environment: env, transport: ScriptedTransport(), clock: TestClock().clock)
    }

    @Test func environmentComesBeforeTheSharedFiles() async throws {
        let home = try Self.home(credentials: "[default]\naws_access_key_id = FROMFILE\naws_secret_access_key = s\n")
        let config = try Self.resolve([
            "HOME": home, "AWS_REGION": "eu-west-1", "AWS_ACCESS_KEY_ID": "FROMENV", "AWS_SECRET_ACCESS_KEY": "e",
            "AWS_SESSION_TOKEN": "t",
        ])
        let creds = try await config.credentials.credentials()
        #expect(creds.credentials == Credentials(accessKeyId: "FROMENV", secretAccessKey: "e", sessionToken: "t"))
        #expect(creds.source == "environment")
        let fromFile = try await Self.resolve(["HOME": home, "AWS_REGION": "eu-west-1"]).credentials.credentials()
        #expect(fromFile.credentials.accessKeyId == "FROMFILE")
    }

    @Test func flagsComeFirst() async throws {
        let config = try Self.resolve(
            ["HOME": "/nonexistent", "AWS_REGION": "r", "AWS_ACCESS_KEY_ID": "ENV", "AWS_SECRET_ACCESS_KEY": "e"],
            options: AWSOptions(accessKeyId: "FLAG", secretAccessKey: "f"))
        #expect(try await config.credentials.credentials().credentials.accessKeyId == "FLAG")
    }

    @Test func aHalfSetEnvironmentIsAnError() async throws {
        let config = try Self.resolve(["HOME": "/nonexistent", "AWS_REGION": "r", "AWS_ACCESS_KEY_ID": "ENV"])
        await #expect(throws: CredentialError.failed("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")) {
            _ = try await config.credentials.credentials()
        }
    }

    @Test func nothingFoundSaysWhereItLooked() async throws {
        let config = try Self.resolve(["HOME": "/nonexistent", "AWS_REGION": "r"])
        do {
            _ = try await config.credentials.credentials()
            Issue.record("credentials appeared")
        } catch let error as CredentialError {
            #expect(
                error.description == """
                    no AWS credentials found; bedrockctl looked in:
                      1. environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set
                      2. web identity: AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are not both set
                      3. shared files: profile 'default' is in neither /nonexistent/.aws/credentials nor \
                    /nonexistent/.aws/config
                    """)
        }
    }

    @Test func namedProfilesFromBothFilesTheCredentialsFileWinning() async throws {
        let home = try Self.home(
            config:
                "[default]\nregion = us-east-2\n[profile dev] # comment\nregion = "
                + "eu-central-1\naws_access_key_id = CONFIGKEY\naws_secret_access_key = c\n[dev]\nignored = yes\n",
            credentials:
                "; comment\n[dev]\naws_access_key_id = CREDKEY\naws_secret_access_key = k\naws_session_token = tok\n")
        let config = try Self.resolve(["HOME": home, "AWS_PROFILE": "dev"])
        #expect(config.region == "eu-central-1")
        #expect(config.profile == "dev")
        #expect(
            try await config.credentials.credentials().credentials
                == Credentials(accessKeyId: "CREDKEY", secretAccessKey: "k", sessionToken: "tok"))
        #expect(try Self.resolve(["HOME": home]).region == "us-east-2")
    }

    @Test func sharedFileLocationsFromTheEnvironment() async throws {
        let home = try Self.home()
        let custom = home + "/elsewhere-credentials"
        try "[default]\naws_access_key_id = ELSEWHERE\naws_secret_access_key = s\n".write(
            toFile: custom, atomically: true, encoding: .utf8)
        let config = try Self.resolve(["HOME": home, "AWS_REGION": "r", "AWS_SHARED_CREDENTIALS_FILE": custom])
        #expect(try await config.credentials.credentials().credentials.accessKeyId == "ELSEWHERE")
    }

    @Test func anExplicitProfileThatDoesNotExistIsAnError() async throws {
        let home = try Self.home(credentials: "[default]\naws_access_key_id = a\naws_secret_access_key = b\n")
        let config = try Self.resolve(["HOME": home, "AWS_REGION": "r"], options: AWSOptions(profile: "prod"))
        await #expect(throws: CredentialError.self) { _ = try await config.credentials.credentials() }
        do { _ = try await config.credentials.credentials() } catch {
            #expect("\(error)".contains("profile 'prod' is in neither"))
        }
    }

    @Test func credentialProcess() async throws {
        let home = try Self.home(
            config: """
                [profile ok]
                credential_process = printf '{"Version": 1, "AccessKeyId": "PROCKEY", "SecretAccessKey": "ps", \
                "SessionToken": "pt", "Expiration": "2030-01-01T00:00:00Z"}'
                [profile broken]
                credential_process = sh -c 'echo no way >&2; exit 3'
                [profile garbage]
                credential_process = echo hello
                """)
        let ok = try await Self.resolve(["HOME": home, "AWS_REGION": "r", "AWS_PROFILE": "ok"]).credentials
            .credentials()
        #expect(ok.credentials == Credentials(accessKeyId: "PROCKEY", secretAccessKey: "ps", sessionToken: "pt"))
        #expect(ok.expiration == JSONCoding.parseDate("2030-01-01T00:00:00Z"))
        await #expect(throws: CredentialError.failed("profile broken: credential_process exited with status 3: no way"))
        {
            _ = try await Self.resolve(["HOME": home, "AWS_REGION": "r", "AWS_PROFILE": "broken"]).credentials
                .credentials()
        }
        await #expect(
            throws: CredentialError.failed(
                "profile garbage: credential_process did not print the expected JSON (Version, AccessKeyId, "
                    + "SecretAccessKey)"
            )
        ) {
            _ = try await Self.resolve(["HOME": home, "AWS_REGION": "r", "AWS_PROFILE": "garbage"]).credentials
                .credentials()
        }
    }

    @Test func sourceProfileCyclesAreRefused() async throws {
        let home = try Self.home(
            config:
                "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = b\n[profile "
                + "b]\nrole_arn = arn:aws:iam::111122223333:role/b\nsource_profile = a\n"
        )
        await #expect(throws: CredentialError.failed("profiles form a cycle: a -> b -> a")) {
            _ = try await Self.resolve(["HOME": home, "AWS_REGION": "r", "AWS_PROFILE": "a"]).credentials.credentials()
        }
    }

    @Test func regionOrder() throws {
        let home = try Self.home(config: "[default]\nregion = from-profile\n")
        #expect(try Self.resolve(["HOME": home]).region == "from-profile")
        #expect(try Self.resolve(["HOME": home, "AWS_DEFAULT_REGION": "default-env"]).region == "default-env")
        #expect(
            try Self.resolve(["HOME": home, "AWS_DEFAULT_REGION": "default-env", "AWS_REGION": "env"]).region == "env")
        #expect(
            try Self.resolve(["HOME": home, "AWS_REGION": "env"], options: AWSOptions(region: "flag")).region == "flag")
        #expect(
            throws: AWSConfiguration.ResolutionError.noRegion(
                "--region, AWS_REGION, AWS_DEFAULT_REGION and the region of profile 'default' in "
                    + "/nonexistent/.aws/config"
            )
        ) {
            _ = try Self.resolve(["HOME": "/nonexistent"])
        }
    }

    @Test func endpoints() throws {
        let env = ["HOME": "/nonexistent", "AWS_REGION": "ap-south-1"]
        let defaults = try Self.resolve(env)
        #expect(defaults.bedrockEndpoint.absoluteString == "https://bedrock.ap-south-1.amazonaws.com")
        #expect(defaults.runtimeEndpoint.absoluteString == "https://bedrock-runtime.ap-south-1.amazonaws.com")
        #expect(defaults.stsEndpoint.absoluteString == "https://sts.ap-south-1.amazonaws.com")
        let general = try Self.resolve(env.merging(["AWS_ENDPOINT_URL": "http://127.0.0.1:4566"]) { $1 })
        #expect(
            general.bedrockEndpoint.absoluteString == "http://127.0.0.1:4566"
                && general.runtimeEndpoint == general.bedrockEndpoint)
        let specific = try Self.resolve(
            env.merging([
                "AWS_ENDPOINT_URL": "http://127.0.0.1:1", "AWS_ENDPOINT_URL_BEDROCK": "http://localhost:2",
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "http://[::1]:3", "AWS_ENDPOINT_URL_STS": "http://127.0.0.9:4",
            ]) { $1 })
        #expect(specific.bedrockEndpoint.absoluteString == "http://localhost:2")
        #expect(specific.runtimeEndpoint.absoluteString == "http://[::1]:3")
        #expect(specific.stsEndpoint.absoluteString == "http://127.0.0.9:4")
        let flag = try Self.resolve(
            env.merging(["AWS_ENDPOINT_URL_BEDROCK": "http://127.0.0.1:2"]) { $1 },
            options: AWSOptions(endpointURL: "http://127.0.0.1:5"))
        #expect(flag.bedrockEndpoint.absoluteString == "http://127.0.0.1:5")
        #expect(throws: AWSConfiguration.ResolutionError.self) {
            _ = try Self.resolve(env, options: AWSOptions(endpointURL: "http://10.1.2.3:4566"))
        }
        #expect(throws: AWSConfiguration.ResolutionError.self) {
            _ = try Self.resolve(env, options: AWSOptions(endpointURL: "ftp://127.0.0.1"))
        }
    }

    /// Counts calls, with an expiry a test moves.
    final class CountingProvider: CredentialProvider {
        let calls = Mutex(0)
        let expiresIn: TimeInterval
        let clock: AWSClock
        init(expiresIn: TimeInterval, clock: AWSClock) {
            self.expiresIn = expiresIn
            self.clock = clock
        }
        func credentials() async throws -> ExpiringCredentials {
            let n = calls.withLock {
                $0 += 1
                return $0
            }
            try await Task.sleep(for: .milliseconds(20))
            return ExpiringCredentials(
                Credentials(accessKeyId: "K\(n)", secretAccessKey: "s"),
                expiration: clock.now().addingTimeInterval(expiresIn), source: "test")
        }
    }

    @Test func cachedCredentialsRefreshBeforeExpiryOneRefreshAtATime() async throws {
        let clock = TestClock()
        let base = CountingProvider(expiresIn: 3600, clock: clock.clock)
        let cache = CachedCredentialProvider(base, clock: clock.clock)
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await cache.credentials().credentials.accessKeyId } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["K1"])
        #expect(base.calls.withLock { $0 } == 1)
        clock.advance(3600 - 301)
        #expect(try await cache.credentials().credentials.accessKeyId == "K1")
        clock.advance(2)
        #expect(
            try await cache.credentials().credentials.accessKeyId == "K2", "refreshed within five minutes of expiry")
    }
}
