import AWSClient
import BedrockEmulator
import Foundation
import SigV4
import TestSupport
import Testing

/// The emulator over a real socket, with bedrockctl's own client.
@Suite struct ServerTests {
    static func client(
        _ endpoint: String, transport: any HTTPTransport, retry: RetryPolicy = .none
    ) -> (BedrockClient, BedrockRuntimeClient) {
        let service = ServiceClient(
            transport: transport,
            credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
            region: "us-west-2", endpoint: URL(string: endpoint)!, signingName: "bedrock", retry: retry)
        return (BedrockClient(service: service), BedrockRuntimeClient(service: service))
    }

    @Test func aDroppedAnswerClosesTheConnectionAfterCommitting() async throws {
        var settings = EmulatorSettings()
        settings.dropAfterCommitRate = 1
        let emulator = try Emulator(settings: settings)
        try await EmulatorOnPort.run(emulator) { endpoint in
            try await AsyncHTTPClientTransport.withTransport { transport in
                let (bedrock, _) = Self.client(endpoint, transport: transport)
                do {
                    _ = try await bedrock.createProvisionedModelThroughput(
                        .init(
                            clientRequestToken: nil, modelUnits: 1, provisionedModelName: "dropped",
                            modelId: "amazon.titan-text-express-v1:0:8k"))
                    Issue.record("an answer arrived")
                } catch let error as ServiceCallError {
                    guard case .connection = error.underlying else {
                        Issue.record("\(error)")
                        return
                    }
                }
                await emulator.updateSettings { $0.dropAfterCommitRate = 0 }
                #expect(
                    try await bedrock.listProvisionedModelThroughputs().collect().map(\.provisionedModelName) == [
                        "dropped"
                    ])
            }
        }
    }

    @Test func streamedInvokeOverTheSocketArrivesInChunks() async throws {
        let emulator = try Emulator()
        try await EmulatorOnPort.run(emulator) { endpoint in
            try await AsyncHTTPClientTransport.withTransport { transport in
                let (_, runtime) = Self.client(endpoint, transport: transport)
                let output = try await runtime.invokeModelWithResponseStream(
                    "amazon.titan-text-express-v1", body: Array(#"{"inputText":"a b c"}"#.utf8))
                var count = 0
                for try await _ in output.chunks { count += 1 }
                #expect(count == 12, "a chunk a word of the twelve-word answer")
            }
        }
    }

    @Test func latencyIsAddedToEveryRequest() async throws {
        var settings = EmulatorSettings()
        settings.latencyMs = 150
        let emulator = try Emulator(settings: settings)
        try await EmulatorOnPort.run(emulator) { endpoint in
            try await AsyncHTTPClientTransport.withTransport { transport in
                let (bedrock, _) = Self.client(endpoint, transport: transport)
                let start = ContinuousClock.now
                _ = try await bedrock.listFoundationModels()
                #expect(ContinuousClock.now - start >= .milliseconds(150))
            }
        }
    }
}
