import AWSClient
import BedrockEmulator
import Foundation
import Manifest
import Reconciler
import Synchronization
import YAML

/// An emulated account for the benchmarks: the emulator in-process, clients for every service a
/// plan reads, each in adaptive retry mode, and a transport that counts requests by operation and
/// the ones answered 429.
struct BenchAccount {
    let emulator: Emulator
    let counter: OperationCounter
    let bedrock: BedrockClient
    let tagging: TaggingClient
    let quotas: ServiceQuotasClient
    let transport: OperationCounter
    static let endpoint = URL(string: "http://127.0.0.1")!
    static let credentials = StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test"))

    init(retry: @escaping () -> RetryPolicy = { RetryPolicy.adaptive() }) throws {
        var settings = EmulatorSettings()
        settings.provisionSeconds = 0
        settings.importSeconds = 0
        let emulator = try Emulator(settings: settings)
        let counter = OperationCounter(base: EmulatorTransport(emulator))
        func client(_ name: String) -> ServiceClient {
            ServiceClient(
                transport: counter, credentials: Self.credentials, region: "us-east-1", endpoint: Self.endpoint,
                signingName: name, retry: retry())
        }
        self.emulator = emulator
        self.counter = counter
        transport = counter
        bedrock = BedrockClient(service: client("bedrock"))
        tagging = TaggingClient(service: client("tagging"))
        quotas = ServiceQuotasClient(service: client("servicequotas"))
    }

    static let mark = Mark(file: "bench.yaml", line: 1, column: 1)

    static func throughputs(_ count: Int, prefix: String = "pt") -> [ManifestResource] {
        (0..<count).map { i in
            .provisionedThroughput(
                ProvisionedThroughputSpec(
                    name: "\(prefix)-\(i)", modelId: "amazon.titan-text-express-v1:0:8k",
                    modelUnits: 1 + i % 3, tags: ["team": "t\(i % 10)"], source: mark))
        }
    }

    static func importJobs(_ count: Int) -> [ManifestResource] {
        (0..<count).map { i in
            .modelImportJob(
                ModelImportJobSpec(
                    name: "import-\(i)", importedModelName: "model-\(i)", roleArn: "arn:aws:iam::000000000000:role/r",
                    s3Uri: "s3://acme/models/\(i)/", source: mark))
        }
    }

    /// Creates a stack's resources with no latency and no limits.
    func populate(stack: String, _ desired: [ManifestResource]) async throws {
        let plan = try await plan(stack: stack, desired, discovery: .full).plan
        let report = await Executor(client: bedrock, concurrency: 32, pollInterval: .milliseconds(20)).apply(plan)
        guard report.ok else {
            throw BenchFailure(message: "setup of \(stack) failed: \(report.failed) failed, \(report.skipped) skipped")
        }
    }

    /// What `bedrockctl plan` reads and decides: the caller's identity, the quotas, the live state
    /// (by tag or in full), the plan and its quota check.
    func plan(
        stack: String, _ desired: [ManifestResource], discovery: LiveStateReader.Discovery,
        concurrency: Int = LiveStateReader.defaultConcurrency
    ) async throws -> (plan: Plan, elapsed: Duration) {
        let start = ContinuousClock.now
        let account = Reconciliation.Account(
            bedrock: bedrock, tagging: tagging, quotas: quotas,
            identity: { [counter] in
                try await CallerIdentity.read(
                    transport: counter, endpoint: Self.endpoint, region: "us-east-1", credentials: Self.credentials)
            }, target: PlanTarget(region: "us-east-1", endpoint: Self.endpoint.absoluteString, sandbox: nil))
        let manifests = ManifestSet(resources: desired, stack: nil, diagnostics: [], inputs: [])
        let plan = try await Reconciliation(account: account, readConcurrency: concurrency).plan(
            Reconciliation.Request(
                manifests: manifests, stack: stack, stackSource: StackSource(.flag), discovery: discovery))
        return (plan, ContinuousClock.now - start)
    }
}

/// Counts requests by operation (`X-Amz-Target`, STS's `Action`, or the REST path's first
/// segment), and the answers that were 429.
final class OperationCounter: HTTPTransport {
    let base: any HTTPTransport
    private let state = Mutex<(calls: [String: Int], throttled: [String: Int])>(([:], [:]))

    init(base: any HTTPTransport) { self.base = base }

    var total: Int { state.withLock { $0.calls.values.reduce(0, +) } }
    var throttledTotal: Int { state.withLock { $0.throttled.values.reduce(0, +) } }
    func calls(_ operation: String) -> Int { state.withLock { $0.calls[operation] ?? 0 } }
    func throttled(_ operation: String) -> Int { state.withLock { $0.throttled[operation] ?? 0 } }
    func reset() { state.withLock { $0 = ([:], [:]) } }

    static func operation(_ request: HTTPRequest) -> String {
        if let target = request.headers.first(where: { $0.name.lowercased() == "x-amz-target" })?.value {
            return String(target.split(separator: ".").last ?? "")
        }
        if request.path == "/" { return "STS" }
        let first = request.path.split(separator: "/").first.map(String.init) ?? ""
        switch (request.method, first) {
        case ("POST", "listTagsForResource"): return "ListTagsForResource"
        case ("GET", "provisioned-model-throughputs"): return "ListProvisionedModelThroughputs"
        case ("GET", "model-import-jobs"): return "ListModelImportJobs"
        case ("GET", "imported-models"): return "ListImportedModels"
        default: return "\(request.method) /\(first)"
        }
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let operation = Self.operation(request)
        state.withLock { $0.calls[operation, default: 0] += 1 }
        let response = try await base.send(request, timeout: timeout)
        let type = response.headers.first(where: { $0.name.lowercased() == "x-amzn-errortype" })?.value ?? ""
        if response.status == 429 || type.hasPrefix("Throttl") {
            state.withLock { $0.throttled[operation, default: 0] += 1 }
        }
        return response
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
