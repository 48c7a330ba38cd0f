import Foundation
import TestSupport
import Testing

/// The quota check end to end: a new-account emulator blocks the plan, raising the quota through
/// the admin endpoint unblocks it, and apply succeeds; a caller who may not read Service Quotas
/// gets a warning, not a failure.
@Suite(.serialized) struct QuotaCommandTests {
    static func post(_ endpoint: String, _ path: String, _ json: String) async throws {
        let status = try await Blocking.run { () throws -> Int32 in
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            curl.arguments = [
                "curl", "-sf", "-X", "POST", "-H", "Content-Type: application/json", "-d", json, endpoint + path,
            ]
            curl.standardOutput = FileHandle.nullDevice
            try curl.run()
            curl.waitUntilExit()
            return curl.terminationStatus
        }
        #expect(status == 0, "curl POST \(path) failed: \(status)")
    }

    static let manifest = """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: embed}
        spec: {modelId: amazon.titan-embed-text-v1:2:8k, modelUnits: 3}

        """

    @Test func aNewAccountBlocksThePlanUntilTheQuotaIsRaised() async throws {
        let work = try ValidateCommandTests.folder(["quota/embed.yaml": Self.manifest]) + "/quota"
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--new-account", "--quota", "L-FE44174A=1", "--provision-seconds", "0"], log: work + ".log")
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        let flags = ["--endpoint-url", endpoint, "--region", "us-east-1"]
        let blocked = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode"] + flags)
        #expect(blocked.status == 1, "\(blocked.output)")
        #expect(
            blocked.output.contains(
                "blocked: needs 3 no-commitment model units across base models (L-FE44174A); "
                    + "quota 1, in use 0: request an increase"), "\(blocked.output)")
        let refused = try await BedrockctlProcess.run(["apply", work, "--auto-approve"] + flags)
        #expect(refused.status == 1 && refused.output.contains("skipped"), "\(refused.output)")
        let ignored = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode", "--ignore-quotas"] + flags)
        #expect(
            ignored.status == 2 && ignored.output.contains("(--ignore-quotas: apply will try anyway)"),
            "\(ignored.output)")

        try await Self.post(endpoint, "/_emulator/settings", #"{"quotas": {"L-FE44174A": 3}}"#)
        let unblocked = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode"] + flags)
        #expect(unblocked.status == 2, "\(unblocked.output)")
        let applied = try await BedrockctlProcess.run(
            ["apply", work, "--auto-approve", "--poll-seconds", "0.1"] + flags)
        #expect(applied.status == 0 && applied.output.contains("Apply: 1 succeeded"), "\(applied.output)")
        let done = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode"] + flags)
        #expect(done.status == 0, "\(done.output)")
    }

    @Test func aCallerWhoMayNotReadQuotasIsWarned() async throws {
        let work = try ValidateCommandTests.folder(["denied/embed.yaml": Self.manifest]) + "/denied"
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--provision-seconds", "0"], log: work + ".log")
        defer {
            emulator.terminate()
            emulator.waitUntilExit()
        }
        try await Self.post(endpoint, "/_emulator/settings", #"{"quotasAccessDenied": true}"#)
        let plan = try await BedrockctlProcess.run([
            "plan", work, "--detailed-exitcode", "--endpoint-url", endpoint, "--region", "us-east-1",
        ])
        #expect(plan.status == 2, "\(plan.output)")
        #expect(plan.output.contains("warning: the model-unit quotas could not be read"), "\(plan.output)")
        #expect(plan.output.contains("AccessDeniedException"), "\(plan.output)")
    }
}
