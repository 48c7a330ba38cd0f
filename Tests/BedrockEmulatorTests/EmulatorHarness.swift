import AWSClient
import BedrockEmulator
import Foundation
import SigV4
import TestSupport

/// An emulator in-process with its clock under the test's control, and clients signed with the
/// same clock.
struct EmulatorHarness {
    let clock = TestClock()
    let emulator: Emulator
    let bedrock: BedrockClient
    let runtime: BedrockRuntimeClient

    init(
        settings: EmulatorSettings = EmulatorHarness.instant, statePath: String? = nil,
        credentials: Credentials = Credentials(accessKeyId: "test", secretAccessKey: "test"),
        region: String = "us-east-1", retry: RetryPolicy = .none
    ) throws {
        emulator = try Emulator(settings: settings, statePath: statePath, clock: clock.clock)
        let service = Self.serviceClient(
            emulator, clock: clock, signingName: "bedrock", region: region, credentials: credentials, retry: retry)
        bedrock = BedrockClient(service: service)
        runtime = BedrockRuntimeClient(service: service)
    }

    /// Another client of this emulator: another service (`servicequotas`) or another region.
    func serviceClient(signingName: String, region: String = "us-east-1") -> ServiceClient {
        Self.serviceClient(
            emulator, clock: clock, signingName: signingName, region: region,
            credentials: Credentials(accessKeyId: "test", secretAccessKey: "test"), retry: .none)
    }

    private static func serviceClient(
        _ emulator: Emulator, clock: TestClock, signingName: String, region: String, credentials: Credentials,
        retry: RetryPolicy
    ) -> ServiceClient {
        ServiceClient(
            transport: EmulatorTransport(emulator), credentials: StaticCredentialProvider(credentials), region: region,
            endpoint: URL(string: "http://127.0.0.1:4566")!, signingName: signingName, clock: clock.clock, retry: retry)
    }

    static var instant: EmulatorSettings {
        var s = EmulatorSettings()
        s.provisionSeconds = 60
        s.importSeconds = 120
        s.seed = 7
        return s
    }

    static let customModel =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts"
    static let sameBaseCustomModel =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/amazon.titan-text-express-v1:0:8k/p8w2n5v7c3xa"
    static let otherBaseCustomModel =
        "arn:aws:bedrock:us-east-1:000000000000:custom-model/anthropic.claude-3-haiku-20240307-v1:0:48k/h4t6y8u2i9ob"

    func createThroughput(
        _ name: String, model: String = "amazon.titan-text-express-v1:0:8k", units: Int = 1,
        commitment: Bedrock.CommitmentDuration? = nil,
        token: String? = nil, tags: [Bedrock.Tag]? = nil
    ) async throws -> String {
        try await bedrock.createProvisionedModelThroughput(
            .init(
                clientRequestToken: token, modelUnits: units, provisionedModelName: name, modelId: model,
                commitmentDuration: commitment, tags: tags)
        ).provisionedModelArn
    }
}

extension AWSServiceError {
    static func code(of body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as AWSServiceError { return error.code } catch { return "\(error)" }
    }
}
