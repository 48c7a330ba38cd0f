import AWSClient
import ArgumentParser
import Foundation
import PlanRendering
import Reconciler

/// `bedrockctl get [KIND]`: the live resources, as a table or JSON.
public struct GetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "List live resources of every kind (or the foundation models), with their stacks.",
        discussion:
            "KIND is one of \(kindNames()); all but foundation models without it. "
            + "Exit status: 0 ok, 1 error, 64 usage error."
    )

    @Argument(help: ArgumentHelp("\(kindNames(or: true))."))
    var kind: String?

    @Option(help: "Only resources of this stack.")
    var stack: String?

    @Option(help: "Output format: text or json.")
    var format: GetFormat = .text

    @OptionGroup var connection: ConnectionOptions

    public init() {}

    /// Every kind `get` takes, listed for messages: each unit's, then `foundation-models`.
    static func kindNames(or: Bool = false) -> String {
        let names = LiveTable.Kind.allCases.map(\.rawValue) + ["foundation-models"]
        return names.dropLast().joined(separator: ", ") + (or ? " or " : ", ") + names.last!
    }

    public func validate() throws {
        guard let kind else { return }
        if kind != "foundation-models" && LiveTable.Kind(rawValue: kind) == nil {
            throw ValidationError("KIND must be \(Self.kindNames(or: true)), got '\(kind)'")
        }
    }

    public func run() async throws {
        let context = CommandContext.current
        do {
            let output = try await connection.withBedrock(context: context) { connection -> String in
                if kind == "foundation-models" {
                    let models = try await connection.client.listFoundationModels()
                    if format == .json {
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                        return String(decoding: try encoder.encode(models), as: UTF8.self) + "\n"
                    }
                    return LiveTable.foundationModels(models)
                }
                let reader = LiveStateReader(client: connection.client, region: connection.region)
                let live = try await reader.read(stack: stack ?? "")
                let serviceTime = (connection.client.service.transport as? ServiceTimeTransport)?.serviceTime ?? Date()
                var table = LiveTable(
                    live, kinds: kind.flatMap(LiveTable.Kind.init(rawValue:)).map { [$0] } ?? LiveTable.Kind.allCases,
                    stack: stack, now: serviceTime)
                var problem: String?
                if table.rows.contains(where: { $0.kind == PlanAction.Kind.provisionedThroughput.rawValue }) {
                    let running = await RunningCost.of(
                        live, prices: connection.prices, now: serviceTime, priceSource: connection.priceSource)
                    problem = running.problem
                    for index in table.rows.indices {
                        guard let cost = running.costs.first(where: { $0.arn == table.rows[index].arn }) else {
                            continue
                        }
                        table.rows[index].hourly = cost.hourly
                        table.rows[index].commitmentRemaining = cost.commitmentRemaining
                        table.rows[index].unpriced = cost.unpriced
                    }
                }
                if let problem { context.stderr("warning: prices unavailable: \(problem)\n") }
                return format == .json ? table.json() : table.text()
            }
            context.stdout(output)
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}

enum GetFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
