import AWSClient
import Foundation
import TestSupport
import Testing

/// bedrockctl as a process: killed with SIGKILL at random points of an apply, run twice at
/// once, and against an emulator killed and restarted from its state file. Every run must
/// converge: a plan with no changes, and never a duplicate.
///
/// `CRASH_RUNS` (default 3) sets how many kill-and-resume rounds run; the campaign in the README
/// uses `CRASH_RUNS=25`.
@Suite(.serialized, .timeLimit(.minutes(10))) struct CrashAndRaceTests {
    static let rounds = ProcessInfo.processInfo.environment["CRASH_RUNS"].flatMap(Int.init) ?? 3

    /// A folder of manifests: `count` throughputs, renamed by `generation`, and one import job.
    static func manifests(_ directory: String, count: Int, generation: Int) throws {
        try? FileManager.default.removeItem(atPath: directory)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = "apiVersion: bedrockctl/v1\nkind: Stack\nmetadata: {name: crash}\n"
        for i in 0..<count {
            text += """
                ---
                apiVersion: bedrockctl/v1
                kind: ProvisionedThroughput
                metadata: {name: pt\(i)}
                spec:
                  provisionedModelName: pt\(i)-g\(generation % 3)
                  modelId: amazon.titan-text-express-v1:0:8k
                  modelUnits: \(1 + (i + generation) % 2)
                  tags: {generation: "\(generation)"}

                """
        }
        text +=
            "---\napiVersion: bedrockctl/v1\nkind: ModelImportJob\nmetadata: {name: imp}\n"
            + "spec:\n  importedModelName: imp-model\n"
            + "  roleArn: arn:aws:iam::000000000000:role/Import\n"
            + "  modelDataSource: {s3DataSource: {s3Uri: \"s3://acme/imp/\"}}\n"
        try text.write(toFile: directory + "/stack.yaml", atomically: true, encoding: .utf8)
    }

    static func apply(_ directory: String, _ endpoint: String) -> [String] {
        [
            "apply", directory, "--auto-approve", "--allow-replace", "--prune", "--endpoint-url", endpoint,
            "--poll-seconds", "0.2",
        ]
    }

    /// A plan with no changes (exit 0 with --detailed-exitcode) and one throughput per manifest.
    static func expectConverged(_ directory: String, _ endpoint: String, count: Int, _ note: String) async throws {
        let plan = try await BedrockctlProcess.run([
            "plan", directory, "--detailed-exitcode", "--endpoint-url", endpoint,
        ])
        #expect(plan.status == 0, "\(note): \(plan.output)")
        let names = try await Self.throughputNames(endpoint)
        #expect(names.count == count && Set(names).count == count, "\(note): \(names)")
    }

    static func throughputNames(_ endpoint: String) async throws -> [String] {
        try await AsyncHTTPClientTransport.withTransport { transport in
            let client = BedrockClient(
                service: ServiceClient(
                    transport: transport,
                    credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
                    region: "us-east-1", endpoint: URL(string: endpoint)!, signingName: "bedrock"))
            return try await client.listProvisionedModelThroughputs().collect().map(\.provisionedModelName)
        }
    }

    static func temporaryDirectory() -> String {
        let path = TemporaryFiles.path("crash")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func applyKilledAtRandomPointsConvergesOnTheNextRun() async throws {
        let work = Self.temporaryDirectory()
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--provision-seconds", "1", "--import-seconds", "1", "--seed", "11"],
            log: work + "/emulator.log")
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        var random = SystemRandomNumberGenerator()
        for round in 1...Self.rounds {
            try Self.manifests(work + "/m", count: 4, generation: round)
            let delay = UInt32.random(in: 50_000...1_500_000, using: &random)
            let victim = try BedrockctlProcess.start(
                Self.apply(work + "/m", endpoint), log: work + "/apply-\(round).log")
            try await Task.sleep(for: .microseconds(delay))
            kill(victim.processIdentifier, SIGKILL)
            try await BedrockctlProcess.wait(victim)
            print("crash: round \(round): apply killed after \(delay / 1000) ms")
            let resumed = try await BedrockctlProcess.run(Self.apply(work + "/m", endpoint))
            #expect(resumed.status == 0, "round \(round), killed after \(delay / 1000) ms: \(resumed.output)")
            try await Self.expectConverged(work + "/m", endpoint, count: 4, "round \(round)")
        }
    }

    @Test func twoConcurrentAppliesOfTheSameManifestsBothSucceed() async throws {
        let work = Self.temporaryDirectory()
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--provision-seconds", "1", "--import-seconds", "1"], log: work + "/emulator.log")
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        for generation in [0, 1] {
            try Self.manifests(work + "/m", count: 3, generation: generation)
            let racers = try (0..<2).map {
                try BedrockctlProcess.start(
                    Self.apply(work + "/m", endpoint), log: work + "/race-\(generation)-\($0).log")
            }
            for racer in racers { try await BedrockctlProcess.wait(racer) }
            // A loser may find its work done, or be refused by a name the winner holds for a
            // moment; either way the next apply converges, and nothing is duplicated.
            let statuses = racers.map(\.terminationStatus)
            if statuses.contains(where: { $0 != 0 }) {
                let again = try await BedrockctlProcess.run(Self.apply(work + "/m", endpoint))
                #expect(again.status == 0, "\(again.output)")
            }
            try await Self.expectConverged(
                work + "/m", endpoint, count: 3, "generation \(generation), racers exited \(statuses)")
        }
    }

    @Test func anEmulatorKilledMidApplyAndRestartedFromItsStateConverges() async throws {
        let work = Self.temporaryDirectory()
        let state = work + "/state.json"
        try Self.manifests(work + "/m", count: 4, generation: 1)
        var (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--state", state, "--provision-seconds", "1", "--seed", "5"],
            log: work + "/emulator-1.log")
        let apply = try BedrockctlProcess.start(Self.apply(work + "/m", endpoint), log: work + "/apply.log")
        try await Task.sleep(for: .microseconds(400_000))
        kill(emulator.processIdentifier, SIGKILL)
        try await BedrockctlProcess.wait(emulator)
        try await BedrockctlProcess.wait(apply)
        (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--state", state, "--provision-seconds", "1", "--seed", "5"],
            log: work + "/emulator-2.log")
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        let resumed = try await BedrockctlProcess.run(Self.apply(work + "/m", endpoint))
        #expect(resumed.status == 0, "\(resumed.output)")
        try await Self.expectConverged(work + "/m", endpoint, count: 4, "after the emulator's restart")
    }

    @Test func aFullSessionWritesNoSecretAnywhere() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/secret-scan.sh").path
        let executable = try BedrockctlProcess.executable()
        let (status, output) = try await Blocking.run { () throws -> (Int32, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [script, executable]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, output)
        }
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"), "\(output)")
    }
}
