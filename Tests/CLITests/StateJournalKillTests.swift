import AWSClient
import Foundation
import Synchronization
import TestSupport
import Testing

/// `bedrockctl emulator --state` SIGKILLed in the middle of a burst of creates, in the middle of
/// its journal: restarted from the same file, it has every create it answered, and nothing twice.
@Suite(.serialized, .timeLimit(.minutes(5))) struct StateJournalKillTests {
    static func client(_ endpoint: String, _ transport: any HTTPTransport) -> BedrockClient {
        BedrockClient(
            service: ServiceClient(
                transport: transport,
                credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
                region: "us-east-1", endpoint: URL(string: endpoint)!, signingName: "bedrock", retry: .none))
    }

    @Test func anEmulatorKilledMidBurstKeepsEveryCreateItAnswered() async throws {
        let work = CrashAndRaceTests.temporaryDirectory()
        let state = work + "/state.json"
        let answered = NameLog()
        let attempted = NameLog()
        for round in 1...3 {
            let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
                ["--state", state, "--provision-seconds", "0", "--seed", "9", "--quota", "L-FE44174A=1000000"],
                log: work + "/emulator-\(round).log")
            let delay = UInt64.random(in: 400_000...1_500_000)
            try await AsyncHTTPClientTransport.withTransport { transport in
                let bedrock = Self.client(endpoint, transport)
                await withTaskGroup(of: Void.self) { group in
                    for worker in 0..<4 {
                        group.addTask {
                            for n in 0..<2_000 {
                                let name = "r\(round)-w\(worker)-\(n)"
                                attempted.append(name)
                                do {
                                    _ = try await bedrock.createProvisionedModelThroughput(
                                        .init(
                                            clientRequestToken: nil, modelUnits: 1, provisionedModelName: name,
                                            modelId: "amazon.titan-text-express-v1:0:8k",
                                            tags: [.init(key: "round", value: String(round))]))
                                    answered.append(name)
                                } catch {
                                    return
                                }
                            }
                        }
                    }
                    try? await Task.sleep(for: .microseconds(delay))
                    kill(emulator.processIdentifier, SIGKILL)
                    await group.waitForAll()
                }
            }
            try await BedrockctlProcess.wait(emulator)
            print(
                "journal kill: round \(round): emulator killed after \(delay / 1000) ms, "
                    + "\(answered.names.count) creates answered so far"
            )
        }
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--state", state], log: work + "/emulator-final.log")
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        let names = try await AsyncHTTPClientTransport.withTransport { transport in
            try await Self.client(endpoint, transport).listProvisionedModelThroughputs().collect().map(
                \.provisionedModelName)
        }
        let acknowledged = answered.names
        #expect(acknowledged.count >= 3, "creates were answered before each kill")
        #expect(Set(acknowledged).subtracting(names).isEmpty, "every answered create survived")
        #expect(Set(names).count == names.count, "nothing twice")
        #expect(Set(names).isSubset(of: Set(attempted.names)))
    }
}

/// Names written from several tasks at once.
final class NameLog: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ name: String) { storage.withLock { $0.append(name) } }
    var names: [String] { storage.withLock { $0 } }
}
