import AWSClient
import ArgumentParser
import Foundation
import Manifest
import PlanRendering
import Reconciler

/// `bedrockctl plan PATH...`: what apply would change, without changing anything.
public struct PlanCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change in the account to match the manifests.",
        discussion: """
            Exit status: 0 no changes (or any plan without --detailed-exitcode), 1 an error, or with \
            --detailed-exitcode a plan apply would refuse (an action blocked or in conflict), 2 changes apply would \
            make (with --detailed-exitcode), 64 usage error.
            """
    )

    @OptionGroup var reconcile: ReconcileOptions

    @Option(help: "Output format: text, json (formatVersion 1) or markdown (a pull-request comment).")
    var format: PlanFormat = .text

    @Option(help: ArgumentHelp("Save the plan to this file, for `bedrockctl apply FILE`.", valueName: "file"))
    var out: String?

    @Flag(help: "Exit 2 when apply would make changes, 0 when there are none, 1 when apply would refuse the plan.")
    var detailedExitcode = false

    public init() {}

    public func validate() throws {
        if reconcile.paths.isEmpty { throw ValidationError("name at least one manifest file or directory") }
    }

    public func run() async throws {
        let context = CommandContext.current
        guard let manifests = try reconcile.manifests(context: context) else { throw ExitCode(ExitCodes.failure) }
        var plan: Plan
        do {
            plan = try await reconcile.withBedrock(context: context) { connection in
                try await reconcile.makePlan(manifests, connection: connection)
            }
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
        switch format {
        case .text: context.stdout(TextRenderer(color: Terminal.colorEnabled(context)).render(plan))
        case .json: context.stdout(JSONRenderer.render(plan))
        case .markdown: context.stdout(MarkdownRenderer().render(plan))
        }
        if let out {
            do {
                let text = Redaction.redact(String(decoding: JSONRenderer.encode(plan), as: UTF8.self))
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                context.error("the plan could not be saved to \(out): \(error)")
                throw ExitCode(ExitCodes.failure)
            }
            context.stderr("Saved the plan to \(out); apply it with: bedrockctl apply \(out)\n")
        }
        guard detailedExitcode else { return }
        if !plan.isApplicable {
            context.stderr(
                "plan: apply would refuse this plan (\(plan.refusals.count) blocked or in conflict): exit 1\n")
            throw ExitCode(ExitCodes.failure)
        }
        if plan.hasChanges {
            context.stderr(
                "plan: apply would make \(plan.changes.count) change\(plan.changes.count == 1 ? "" : "s"): exit 2\n")
            throw ExitCode(ExitCodes.changes)
        }
    }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

/// Whether to colour output: only on a terminal, never under NO_COLOR.
enum Terminal {
    static func colorEnabled(_ context: CommandContext) -> Bool {
        guard context.environment["NO_COLOR"] == nil, context.isTerminal else { return false }
        return context.environment["TERM"] != "dumb"
    }
}
