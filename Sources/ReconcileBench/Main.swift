import AWSClient
import BedrockEmulator
import Foundation
import Manifest
import Reconciler
import Synchronization
import YAML

/// `swift run -c release ReconcileBench scale` runs `ScaleBench`.
/// `swift run -c release ReconcileBench [LATENCY_MS]`: plan time for 500 throughputs and 100
/// import jobs against the emulator with added per-request latency, against a straightforward
/// sequential reconciler (one Get plus one ListTags per resource), in one run.
@main
enum Main {
    static func main() async throws {
        if CommandLine.arguments.dropFirst().first == "scale" {
            try await ScaleBench.run()
            return
        }
        if CommandLine.arguments.dropFirst().first == "persistence" {
            try await PersistenceBench.run(count: CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 500)
            return
        }
        let latency = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20
        var settings = EmulatorSettings()
        settings.provisionSeconds = 0
        settings.importSeconds = 0
        let emulator = try Emulator(settings: settings)
        let counter = CountingTransport(base: EmulatorTransport(emulator))
        let client = BedrockClient(
            service: ServiceClient(
                transport: counter,
                credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
                region: "us-east-1", endpoint: URL(string: "http://127.0.0.1")!, signingName: "bedrock"))
        let mark = Mark(file: "bench.yaml", line: 1, column: 1)
        let desired: [ManifestResource] =
            (0..<500).map { i in
                .provisionedThroughput(
                    ProvisionedThroughputSpec(
                        name: "pt-\(i)", modelId: "amazon.titan-text-express-v1:0:8k", modelUnits: 1 + i % 3,
                        tags: ["team": "t\(i % 10)"], source: mark))
            }
            + (0..<100).map { i in
                .modelImportJob(
                    ModelImportJobSpec(
                        name: "import-\(i)", importedModelName: "model-\(i)",
                        roleArn: "arn:aws:iam::000000000000:role/r",
                        s3Uri: "s3://acme/models/\(i)/", source: mark))
            }
        print("reconcile benchmark: 500 throughputs, 100 import jobs, \(latency) ms added to every request")
        let setup = Planner(stack: "bench", now: Date()).plan(
            desired, live: try await LiveStateReader(client: client, region: "us-east-1").read(stack: "bench"))
        let report = await Executor(client: client, concurrency: 16, pollInterval: .milliseconds(50)).apply(setup)
        guard report.ok else { throw BenchFailure(message: "setup failed: \(report.failed) failed") }
        await emulator.updateSettings { $0.latencyMs = latency }

        counter.reset()
        let start = ContinuousClock.now
        let live = try await LiveStateReader(client: client, region: "us-east-1", concurrency: 16).read(stack: "bench")
        let plan = Planner(stack: "bench", now: Date()).plan(desired, live: live)
        let ours = ContinuousClock.now - start
        let ourCalls = counter.count
        guard !plan.hasChanges else { throw BenchFailure(message: "the plan after setup has changes") }

        counter.reset()
        let naiveStart = ContinuousClock.now
        let naiveChanges = try await naivePlan(desired, client: client)
        let naive = ContinuousClock.now - naiveStart
        let naiveCalls = counter.count
        guard naiveChanges == 0 else { throw BenchFailure(message: "the naive reconciler saw \(naiveChanges) changes") }

        func ms(_ d: Duration) -> String {
            String(format: "%.0f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        print("bedrockctl plan (lists + tags, 16 at a time):   \(ms(ours)), \(ourCalls) API calls")
        print("sequential reconciler (Get + ListTags each):    \(ms(naive)), \(naiveCalls) API calls")
        let ratio =
            (Double(naive.components.seconds) + Double(naive.components.attoseconds) / 1e18)
            / (Double(ours.components.seconds) + Double(ours.components.attoseconds) / 1e18)
        print(
            String(
                format: "speed-up: %.1fx faster, %.1fx fewer API calls", ratio,
                Double(naiveCalls) / Double(max(1, ourCalls))))
    }

    /// One Get and one ListTags per desired resource, one call at a time.
    static func naivePlan(_ desired: [ManifestResource], client: BedrockClient) async throws -> Int {
        var changes = 0
        for resource in desired {
            switch resource.spec {
            case let pt as ProvisionedThroughputSpec:
                let live = try await client.getProvisionedModelThroughput(pt.provisionedModelName)
                let tags = try await client.listTagsForResource(live.provisionedModelArn)
                if live.modelUnits != pt.modelUnits || tags.first(where: { $0.key == "team" })?.value != pt.tags["team"]
                {
                    changes += 1
                }
            case let job as ModelImportJobSpec:
                let model = try await client.getImportedModel(job.importedModelName)
                let tags = try await client.listTagsForResource(model.modelArn ?? "")
                if !tags.contains(where: { $0.key == OwnershipTags.nameKey }) { changes += 1 }
            case let deployment as CustomModelDeploymentSpec:
                let live = try await client.getCustomModelDeployment(deployment.modelDeploymentName)
                let tags = try await client.listTagsForResource(live.customModelDeploymentArn)
                if live.modelArn != deployment.modelArn || tags.isEmpty { changes += 1 }
            case let profile as InferenceProfileSpec:
                // GetInferenceProfile takes an id or ARN, not a name: without state, the profile is listed.
                var live: Bedrock.InferenceProfile?
                for try await listed in client.listInferenceProfiles(type: .application)
                where listed.inferenceProfileName == profile.inferenceProfileName {
                    live = listed
                    break
                }
                guard let live else {
                    changes += 1
                    continue
                }
                let tags = try await client.listTagsForResource(live.inferenceProfileArn)
                if tags.isEmpty { changes += 1 }
            default:
                // The baseline reads the four kinds it was written for; a newer kind is not read.
                continue
            }
        }
        return changes
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Counts the requests that go through it.
final class CountingTransport: HTTPTransport {
    let base: any HTTPTransport
    private let calls = Mutex(0)

    init(base: any HTTPTransport) { self.base = base }

    var count: Int { calls.withLock { $0 } }
    func reset() { calls.withLock { $0 = 0 } }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        calls.withLock { $0 += 1 }
        return try await base.send(request, timeout: timeout)
    }
}

/// `swift run -c release ReconcileBench persistence [COUNT]`: COUNT (500) tagged creates, one at
/// a time, against an in-process emulator in memory and then with a state file (`--state`);
/// prints both times and their ratio. Saving a change should cost what the change does.
enum PersistenceBench {
    static func run(count: Int) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("persistence-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        print("persistence benchmark: \(count) creates, one at a time, in process")
        _ = try await creates(min(count, 50), statePath: nil)  // warm-up
        let memory = try await creates(count, statePath: nil)
        let path = directory.appendingPathComponent("state.json").path
        let persisted = try await creates(count, statePath: path)
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        let size = { (file: String) in (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0 }
        print(String(format: "in memory:          %.3f s", seconds(memory)))
        print(
            String(
                format: "with a state file:  %.3f s (snapshot %d bytes, journal %d bytes)", seconds(persisted),
                size(path), size(path + ".journal")))
        print(String(format: "ratio: %.2fx", seconds(persisted) / seconds(memory)))
    }

    static func creates(_ count: Int, statePath: String?) async throws -> Duration {
        var settings = EmulatorSettings()
        settings.provisionSeconds = 0
        let emulator = try Emulator(settings: settings, statePath: statePath)
        let client = BedrockClient(
            service: ServiceClient(
                transport: EmulatorTransport(emulator),
                credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
                region: "us-east-1", endpoint: URL(string: "http://127.0.0.1")!, signingName: "bedrock"))
        let start = ContinuousClock.now
        for i in 0..<count {
            _ = try await client.createProvisionedModelThroughput(
                .init(
                    clientRequestToken: "bench-\(i)", modelUnits: 1, provisionedModelName: "pt-\(i)",
                    modelId: "amazon.titan-text-express-v1:0:8k", tags: [.init(key: "team", value: "t\(i % 10)")]))
        }
        return ContinuousClock.now - start
    }
}
