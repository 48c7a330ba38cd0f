import AWSClient
import ArgumentParser
import Foundation
import Manifest
import PlanRendering
import Reconciler

/// `bedrockctl quotas [PATH...]`: the Bedrock quotas a stack's plan touches (the account's with no
/// path), what it needs of each and what falls short; `--request` asks AWS for the shortfalls,
/// `--requests` shows the requests made.
public struct QuotasCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "quotas",
        abstract: "Show the Bedrock quotas a plan needs, and request the increases it lacks.",
        discussion: """
            For each quota the manifests' plan touches (every quota bedrockctl knows, with no path): what the plan \
            needs, what is in use, the applied value, AWS's default, whether it is adjustable, and the shortfall. \
            Quotas are found in Service Quotas by name, then by code. --request files RequestServiceQuotaIncrease \
            for each shortfall, asking for what the plan needs; --requests lists the increase requests of those \
            quotas and their statuses. Exit status: 0 ok (even with a shortfall, or a request already open), 1 an \
            error or a request that could not be filed, 64 usage error.
            """
    )

    @OptionGroup var reconcile: ReconcileOptions

    @Flag(help: "Ask AWS (RequestServiceQuotaIncrease) for what the plan needs of each quota that falls short.")
    var request = false

    @Flag(help: "List the increase requests of the quotas shown, newest first, with their statuses.")
    var requests = false

    @Option(help: "Output format: text or json.")
    var format: GetFormat = .text

    public init() {}

    public func validate() throws {
        if request && requests { throw ValidationError("--request and --requests go one at a time") }
        if format == .json && (request || requests) {
            throw ValidationError("--format json shows the quotas only; --request and --requests print text")
        }
    }

    public func run() async throws {
        let context = CommandContext.current
        var manifests: ManifestSet?
        if !reconcile.paths.isEmpty {
            guard let loaded = try reconcile.manifests(context: context) else { throw ExitCode(ExitCodes.failure) }
            manifests = loaded
        }
        var failed = false
        do {
            try await reconcile.withBedrock(context: context) { connection in
                let reconciliation = Reconciliation(account: connection.account)
                let report =
                    if let manifests {
                        try await QuotaReport.stack(try reconcile.request(manifests), in: reconciliation)
                    } else {
                        try await QuotaReport.account(connection.account)
                    }
                if format == .json && !request && !requests {
                    context.stdout(QuotaReportRenderer.json(report))
                    return
                }
                context.stdout(QuotaReportRenderer.text(report, paths: reconcile.paths))
                if request {
                    let filed = await report.request(with: connection.quotas)
                    context.stdout(QuotaReportRenderer.filed(filed))
                    failed = filed.contains { $0.change == nil }
                }
                if requests {
                    context.stdout(QuotaReportRenderer.requests(try await report.requests(with: connection.quotas)))
                }
            }
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
        if failed { throw ExitCode(ExitCodes.failure) }
    }
}
