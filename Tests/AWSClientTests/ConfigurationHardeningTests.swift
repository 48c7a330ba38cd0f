import Foundation
import TestSupport
import Testing

@testable import AWSClient

/// Configuration and helpers that take input from outside: regions, endpoints, credential
/// processes.
@Suite struct ConfigurationHardeningTests {
    static func resolve(_ env: [String: String], options: AWSOptions = AWSOptions()) throws -> AWSConfiguration {
        try AWSConfiguration.resolve(
            options, environment: ["HOME": "/nonexistent"].merging(env) { $1 }, transport: ScriptedTransport(),
            clock: TestClock().clock)
    }

    @Test(arguments: [
        "us-east-1@127.0.0.1:9/", "not a region!", "us-east-1/evil", "us-east-1.evil.com", "-us", "us-", "", "a:b",
        "us-east-1#", String(repeating: "a", count: 64), "us-east-1\n", "ü",
    ])
    func aRegionThatIsNotAHostLabelIsRefusedBeforeAnyEndpointIsBuilt(_ region: String) throws {
        #expect(throws: AWSConfiguration.ResolutionError.self) { _ = try Self.resolve(["AWS_REGION": region]) }
        #expect(throws: AWSConfiguration.ResolutionError.self) {
            _ = try Self.resolve([:], options: AWSOptions(region: region))
        }
    }

    @Test func theErrorNamesWhereTheRegionCameFrom() throws {
        do {
            _ = try Self.resolve(["AWS_DEFAULT_REGION": "us-east-1@evil.example:443/"])
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("from AWS_DEFAULT_REGION"), "\(error)")
        }
        do {
            _ = try Self.resolve(["AWS_REGION": "ok-1"], options: AWSOptions(region: "bad region"))
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("from --region"), "\(error)")
        }
    }

    @Test(arguments: ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "local"])
    func realRegionsAreAccepted(_ region: String) throws {
        let config = try Self.resolve(["AWS_REGION": region])
        #expect(config.bedrockEndpoint.host == "bedrock.\(region).amazonaws.com")
        #expect(config.stsEndpoint.host == "sts.\(region).amazonaws.com")
    }

    @Test(arguments: [
        "https://user@bedrock.example.com", "https://bedrock.example.com?x=1", "https://bedrock.example.com#f",
        "http://127.0.0.1:1@evil.example/",
    ])
    func anEndpointThatHidesItsHostIsRefused(_ endpoint: String) throws {
        #expect(throws: AWSConfiguration.ResolutionError.self) {
            _ = try Self.resolve(["AWS_REGION": "us-east-1"], options: AWSOptions(endpointURL: endpoint))
        }
    }

    @Test func aCredentialProcessThatFloodsStandardErrorDoesNotHang() async throws {
        // 200,000 lines (about 1.4 MB) on stderr before the answer: more than a pipe's buffer.
        let command =
            #"i=0; while [ $i -lt 200000 ]; do echo noise-$i >&2; i=$((i+1)); done; "#
            + #"printf '{"Version": 1, "AccessKeyId": "K", "SecretAccessKey": "S"}'"#
        let provider = ProcessCredentialProvider(command: command, profile: "noisy", timeout: .seconds(120))
        let credentials = try await provider.credentials()
        #expect(credentials.credentials.accessKeyId == "K")
    }

    @Test func aCredentialProcessThatNeverFinishesIsStoppedWithAClearError() async throws {
        let marker = Int.random(in: 100_000...999_999)
        let provider = ProcessCredentialProvider(
            command: "sleep \(marker) | cat; true", profile: "stuck", timeout: .seconds(1))
        let started = ContinuousClock.now
        await #expect(
            throws: CredentialError.failed(
                "profile stuck: credential_process did not finish within 1 s and was stopped")
        ) {
            _ = try await provider.credentials()
        }
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(try Self.processesRunning("sleep \(marker)") == 0, "the command's children are stopped with it")
    }

    /// How many processes run with `text` in their command line.
    static func processesRunning(_ text: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { Int($0) != nil }.count { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self).contains(text)
        }
    }

    @Test func aCredentialProcessThatPrintsTooMuchIsStopped() async throws {
        let marker = "chatty\(Int.random(in: 100_000...999_999))"
        let provider = ProcessCredentialProvider(
            command: "yes \(marker); true", profile: "chatty", timeout: .seconds(60))
        await #expect(
            throws: CredentialError.failed(
                "profile chatty: credential_process printed more than 1048576 bytes; it was stopped")
        ) {
            _ = try await provider.credentials()
        }
        #expect(try Self.processesRunning("yes \(marker)") == 0)
    }

    @Test func aFailingCredentialProcessReportsTheTailOfItsStandardError() async throws {
        let provider = ProcessCredentialProvider(
            command: "head -c 100000 /dev/zero | tr '\\0' x >&2; echo last words >&2; exit 4", profile: "p")
        do {
            _ = try await provider.credentials()
            Issue.record("succeeded")
        } catch {
            let text = "\(error)"
            #expect(text.hasSuffix("last words"), "\(text.suffix(100))")
            #expect(text.count < 3000)
        }
    }
}
