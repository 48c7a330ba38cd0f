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

    static func stop(_ emulator: Process) {
        emulator.terminate()
        emulator.waitUntilExit()
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
        defer { Self.stop(emulator) }
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
        defer { Self.stop(emulator) }
        try await Self.post(endpoint, "/_emulator/settings", #"{"quotasAccessDenied": true}"#)
        let plan = try await BedrockctlProcess.run([
            "plan", work, "--detailed-exitcode", "--endpoint-url", endpoint, "--region", "us-east-1",
        ])
        #expect(plan.status == 2, "\(plan.output)")
        #expect(plan.output.contains("warning: the model-unit quotas could not be read"), "\(plan.output)")
        #expect(plan.output.contains("AccessDeniedException"), "\(plan.output)")
        let quotas = try await BedrockctlProcess.run([
            "quotas", work, "--endpoint-url", endpoint, "--region", "us-east-1",
        ])
        #expect(
            quotas.output.contains("Quotas not checked.") && quotas.output.contains("warning: the model-unit quotas"),
            "\(quotas.output)")
    }

    static let committed = """
        apiVersion: bedrockctl/v1
        kind: ProvisionedThroughput
        metadata: {name: express}
        spec: {modelId: amazon.titan-text-express-v1:0:8k, modelUnits: 2, commitmentDuration: OneMonth}

        """

    /// A committed Titan Text Express 8K throughput on a new account, whose L-8129BF10 is 0, as
    /// AWS publishes it: the plan is blocked naming the quota and the command; `quotas` shows the
    /// shortfall; `quotas --request` (approved) files it; then the same plan is clean.
    @Test func aCommittedThroughputIsBlockedUntilTheRequestedIncreaseIsApproved() async throws {
        let work = try ValidateCommandTests.folder(["express/pt.yaml": Self.committed]) + "/express"
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--new-account", "--provision-seconds", "0"], log: work + ".log")
        defer { Self.stop(emulator) }
        let flags = ["--endpoint-url", endpoint, "--region", "us-east-1"]
        let blocked = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode"] + flags)
        #expect(blocked.status == 1, "\(blocked.output)")
        #expect(
            blocked.output.contains(
                "blocked: needs 2 model units per provisioned model for Amazon Titan Text G1 - Express 8K "
                    + "(L-8129BF10); quota 0: request an increase with `bedrockctl quotas --request`"),
            "\(blocked.output)")
        let shown = try await BedrockctlProcess.run(["quotas", work, "--format", "json"] + flags)
        #expect(shown.status == 0, "\(shown.output)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(shown.output.utf8)) as? [String: Any], "\(shown.output)")
        let rows = try #require(json["quotas"] as? [[String: Any]])
        let express = try #require(rows.first { $0["code"] as? String == "L-8129BF10" })
        #expect(express["needed"] as? Int == 2 && express["applied"] as? Double == 0)
        #expect(express["awsDefault"] as? Double == 0 && express["shortfall"] as? Double == 2)

        // Left pending, the request stays open and a second one is refused.
        try await Self.post(endpoint, "/_emulator/settings", #"{"quotaRequests": "pending"}"#)
        let pending = try await BedrockctlProcess.run(["quotas", work, "--request"] + flags)
        #expect(pending.status == 0 && pending.output.contains("status PENDING"), "\(pending.output)")
        let again = try await BedrockctlProcess.run(["quotas", work, "--request"] + flags)
        #expect(again.status == 0 && again.output.contains("a request is open already"), "\(again.output)")
        let stillBlocked = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode"] + flags)
        #expect(stillBlocked.status == 1, "\(stillBlocked.output)")

        // Approved: the applied value becomes what was asked for, and the plan is clean.
        try await Self.post(endpoint, "/_emulator/settings", #"{"quotaRequests": "approve"}"#)
        let listed = try await BedrockctlProcess.run(["quotas", work, "--requests"] + flags)
        #expect(listed.output.contains("APPROVED"), "\(listed.output)")
        let clean = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode"] + flags)
        #expect(clean.status == 2 && !clean.output.contains("blocked"), "\(clean.output)")
        let applied = try await BedrockctlProcess.run(
            ["apply", work, "--auto-approve", "--poll-seconds", "0.1"] + flags)
        #expect(applied.status == 0 && applied.output.contains("Apply: 1 succeeded"), "\(applied.output)")
    }

    /// A denied request leaves the value, and the plan blocked.
    @Test func aDeniedRequestLeavesThePlanBlocked() async throws {
        let work = try ValidateCommandTests.folder(["denied-request/pt.yaml": Self.committed]) + "/denied-request"
        let (emulator, endpoint) = try await BedrockctlProcess.startEmulator(
            ["--new-account", "--provision-seconds", "0"], log: work + ".log")
        defer { Self.stop(emulator) }
        let flags = ["--endpoint-url", endpoint, "--region", "us-east-1"]
        try await Self.post(endpoint, "/_emulator/settings", #"{"quotaRequests": "deny"}"#)
        let filed = try await BedrockctlProcess.run(["quotas", work, "--request"] + flags)
        #expect(filed.status == 0, "\(filed.output)")
        let listed = try await BedrockctlProcess.run(["quotas", work, "--requests"] + flags)
        #expect(listed.output.contains("DENIED"), "\(listed.output)")
        let plan = try await BedrockctlProcess.run(["plan", work, "--detailed-exitcode"] + flags)
        #expect(plan.status == 1 && plan.output.contains("L-8129BF10"), "\(plan.output)")
    }

    /// With no path, every quota bedrockctl knows, with AWS's default beside the account's value.
    @Test func theAccountsQuotasAreListedWithAWSsDefaults() async throws {
        let sandbox = try ValidateCommandTests.folder([:]) + "/sandbox"
        let shown = try await BedrockctlProcess.run(["quotas", "--sandbox", sandbox])
        #expect(shown.status == 0, "\(shown.output)")
        #expect(shown.output.contains("Amazon Bedrock quotas in us-east-1 for the account:"), "\(shown.output)")
        let line = try #require(shown.output.split(separator: "\n").first { $0.contains("L-FE44174A") })
        // The default sandbox is an account whose quotas were raised: 10000 applied, AWS's 2 by default.
        let cells = line.split(separator: " ", omittingEmptySubsequences: true).suffix(7).map(String.init)
        #expect(cells == ["L-FE44174A", "0", "0", "10000", "2", "yes", "0"], "\(line)")
    }
}
