import ArgumentParser
import BedrockEmulator
import Foundation

/// `bedrockctl emulator`: a local Bedrock on 127.0.0.1.
public struct EmulatorCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local Bedrock (control plane and runtime) on 127.0.0.1.",
        discussion: """
            Accepts requests signed with access key 'test' and secret 'test' (or --credentials), for account \
            000000000000 in any region. Settings can be changed while it runs: POST /_emulator/settings with a JSON \
            object of them.
            """
    )

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port = 4566

    @Option(help: "Keep state in this file across restarts (a snapshot, plus a journal of changes in FILE.journal).")
    var state: String?

    @Option(
        name: .customLong("credentials"),
        help: ArgumentHelp("An accepted KEY:SECRET (repeatable; replaces test:test).", valueName: "key:secret"))
    var credentials: [String] = []

    @Option(help: "Seconds a Provisioned Throughput stays Creating or Updating.")
    var provisionSeconds: Double = 2

    @Option(help: "Seconds an import job stays InProgress.")
    var importSeconds: Double = 2

    @Option(help: "Share of requests answered 429 ThrottlingException (0 to 1).")
    var throttleRate: Double = 0

    @Option(help: "Share of requests answered 500 InternalServerException (0 to 1).")
    var errorRate: Double = 0

    @Option(help: "Milliseconds added to every request.")
    var latencyMs = 0

    @Option(help: "Share of changing requests committed and then left unanswered, the connection closed (0 to 1).")
    var dropAfterCommitRate: Double = 0

    @Option(
        help: ArgumentHelp("Import jobs whose s3Uri starts with this fail (repeatable).", valueName: "s3-uri-prefix"))
    var failImportsFrom: [String] = []

    @Option(
        help: ArgumentHelp(
            "Provisioned Throughputs whose name starts with this end Failed (repeatable).",
            valueName: "name-prefix"))
    var failProvisioningOf: [String] = []

    @Option(help: "Seed of the fault and id sequence, for reproducible runs.")
    var seed: UInt64?

    @Option(
        name: .customLong("quota"),
        help: ArgumentHelp(
            "A Bedrock quota's value, as CODE=VALUE (repeatable), e.g. L-FE44174A=4; `bedrockctl quotas` and "
                + "ListServiceQuotas list the codes.",
            valueName: "code=value"))
    var quotas: [String] = []

    @Flag(
        help:
            ArgumentHelp(
                "Start every quota at AWS's default for a new account (2 no-commitment model units, 0 per "
                    + "model, …; default: an account whose adjustable quotas were raised to "
                    + "\(Int(EmulatorSettings.raisedQuota))).")
    )
    var newAccount = false

    @Option(help: "Evict an imported model after this many seconds without an invoke (off without it).")
    var idleEvictSeconds: Double?

    @Option(help: "Seconds an evicted imported model takes to load; invokes get 429 ModelNotReadyException meanwhile.")
    var coldStartSeconds: Double = 10

    @Option(help: "Emulated seconds before GetResources (Tagging API) sees a creation, tag change or deletion.")
    var taggingLagSeconds: Double = 0

    @Option(
        name: .customLong("rate-limit"),
        help: ArgumentHelp(
            "An operation's rate limit, as OPERATION=TPS (repeatable), e.g. GetResources=5; bursts of max(1, "
                + "TPS) calls.",
            valueName: "operation=tps"))
    var rateLimits: [String] = []

    @Option(
        help: ArgumentHelp(
            "Serve this price list from the Price List API instead of the shipped one: the output of `aws pricing "
                + "get-products --service-code AmazonBedrock` saved to a file.",
            valueName: "file"))
    var priceList: String?

    public init() {}

    public func validate() throws {
        for quota in quotas where Self.parseQuota(quota) == nil {
            throw ValidationError("--quota takes CODE=VALUE, e.g. L-FE44174A=4, got '\(quota)'")
        }
        for limit in rateLimits where Self.parseQuota(limit) == nil {
            throw ValidationError("--rate-limit takes OPERATION=TPS, e.g. GetResources=5, got '\(limit)'")
        }
        if let problem = settings.problems.first { throw ValidationError(problem) }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if !credentials.isEmpty && EmulatorCredentials.parse(credentials) == nil {
            throw ValidationError("--credentials takes KEY:SECRET")
        }
    }

    var settings: EmulatorSettings {
        var s = EmulatorSettings()
        s.provisionSeconds = provisionSeconds
        s.importSeconds = importSeconds
        s.throttleRate = throttleRate
        s.errorRate = errorRate
        s.latencyMs = latencyMs
        s.dropAfterCommitRate = dropAfterCommitRate
        s.failImportsFrom = failImportsFrom
        s.failProvisioningOf = failProvisioningOf
        s.seed = seed
        s.newAccount = newAccount
        for quota in quotas { if let (code, value) = Self.parseQuota(quota) { s.quotas[code] = value } }

        s.idleEvictSeconds = idleEvictSeconds
        s.coldStartSeconds = coldStartSeconds
        s.taggingLagSeconds = taggingLagSeconds
        for limit in rateLimits { if let (operation, tps) = Self.parseQuota(limit) { s.rateLimits[operation] = tps } }
        return s
    }

    /// Parses `NAME=NUMBER` (`--quota`, `--rate-limit`).
    static func parseQuota(_ text: String) -> (String, Double)? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let value = Double(parts[1]) else { return nil }
        return (String(parts[0]), value)
    }

    public func run() async throws {
        let context = CommandContext.current
        let emulator: Emulator
        do {
            emulator = try Emulator(
                settings: settings,
                credentials: credentials.isEmpty ? .default : EmulatorCredentials.parse(credentials)!,
                statePath: state, priceList: try priceList.map(EmulatorPriceList.init(contentsOf:)) ?? .shipped,
                log: { context.stderr($0 + "\n") })
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
        do {
            try await EmulatorServer.run(emulator, port: port) { bound in
                context.stderr("bedrockctl emulator listening on http://127.0.0.1:\(bound)\n")
            }
        } catch {
            context.error("the emulator could not serve on 127.0.0.1:\(port): \(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}
