import AWSClient
import ArgumentParser
import Foundation
import Manifest
import PlanRendering
import Reconciler

/// `bedrockctl cost [PATH...]`: what the account's Provisioned Throughputs cost as they run, by
/// stack or by a tag; with paths, only the stacks their manifests name, at their negotiated prices.
public struct CostCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Total what the live Provisioned Throughputs cost an hour and a month, by stack or by a tag.",
        discussion: """
            Prices come from the AWS Price List API (list prices, 730 hours a month; no discounts, taxes or \
            on-demand token charges); a throughput without a published price is counted apart, never as $0. With \
            manifest paths, only the throughputs of the stacks they name, at their Stack's spec.pricing. Exit \
            status: 0 ok, 1 an error, 64 usage error.
            """
    )

    @Argument(help: "Manifest files or directories: only the stacks they name (default: every throughput).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Sum by the value of this tag instead of by stack.", valueName: "tag"))
    var by: String?

    @Option(help: "Output format: text or json.")
    var format: GetFormat = .text

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var limits: ParserLimitOptions

    public init() {}

    public func run() async throws {
        let context = CommandContext.current
        var stacks: [(name: String, policy: CostPolicy)] = []
        for path in paths {
            var options = try ReconcileOptions.parse([path])
            options.limits = limits
            guard let manifests = try options.manifests(context: context) else { throw ExitCode(ExitCodes.failure) }
            let name = try options.stackName(manifests)
            stacks.append(
                (name, CostPolicy(stack: manifests.stack?.costPolicy, maxMonthlyCost: nil, allowUnpriced: true)))
        }
        do {
            let report = try await connection.withBedrock(context: context) { connection -> CostReport in
                let live = try await LiveStateReader(client: connection.client, region: connection.region).read(
                    stack: "")
                let now = (connection.client.service.transport as? ServiceTimeTransport)?.serviceTime ?? Date()
                var costs: [RunningCost] = []
                var problem: String?
                let groups: [(names: Set<String>?, policy: CostPolicy)] =
                    stacks.isEmpty ? [(nil, CostPolicy())] : stacks.map { ([$0.name], $0.policy) }
                for group in groups {
                    var state = live
                    if let names = group.names {
                        state.throughputs = live.throughputs.filter {
                            $0.tags[OwnershipTags.stackKey].map(names.contains) ?? false
                        }
                    }
                    let running = await RunningCost.of(
                        state, prices: connection.prices, policy: group.policy, now: now,
                        priceSource: connection.priceSource)
                    costs += running.costs
                    problem = problem ?? running.problem
                }
                return CostReport(costs, by: by, priceSource: connection.priceSource, problem: problem)
            }
            context.stdout(format == .json ? report.json() : report.text())
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}
