import AWSClient
import ArgumentParser
import Foundation
import Manifest
import PlanRendering
import Reconciler

/// `bedrockctl apply PATH...` or `bedrockctl apply PLAN.json`: make the account match.
public struct ApplyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Change the account to match the manifests, or run a plan saved with `plan --out`.",
        discussion: "Exit status: 0 everything applied, 1 an error or any action failed or skipped, 64 usage error."
    )

    @OptionGroup var reconcile: ReconcileOptions

    @OptionGroup var execution: ExecutionOptions

    var autoApprove: Bool { execution.autoApprove }
    var timeout: Int { execution.timeout }
    var concurrency: Int { execution.concurrency }
    var pollSeconds: Double? { execution.pollSeconds }

    public init() {}

    public func validate() throws {
        if reconcile.paths.isEmpty {
            throw ValidationError("name the manifests, or a plan file saved with `plan --out`")
        }
    }

    public func run() async throws {
        let context = CommandContext.current
        let saved = try loadSavedPlan(context)
        var options = reconcile
        if let saved, let contradiction = contradiction(with: saved) {
            context.error(contradiction)
            throw ExitCode(ExitCodes.usage)
        }
        if let saved {
            options.paths = saved.manifestPaths
            options.stack = saved.stack
            options.prune = saved.options.prune
            options.allowReplace = saved.options.allowReplace
            options.adopt = saved.options.adopt
            options.ignoreQuotas = saved.options.ignoreQuotas
            options.destroy = saved.options.destroy
            options.targets = saved.targets ?? []
            options.discovery = saved.discovery ?? .auto
            // The budget of the command line the plan was made with; the Stack's is read again.
            if saved.cost?.budget?.monthlySource == "--max-monthly-cost" {
                options.maxMonthlyCost = saved.cost?.budget?.monthly
            }
            options.allowUnpriced = saved.cost?.budget?.allowUnpriced ?? false
            // Where the plan was made, unless a flag says (a contradicting one is refused by the target check).
            if let target = saved.target {
                if options.connection.sandbox == nil && options.connection.aws.endpointURL == nil {
                    options.connection.sandbox = target.sandbox
                    if target.sandbox == nil, let endpoint = target.endpoint,
                        endpoint != "https://bedrock.\(target.region).amazonaws.com"
                    {
                        options.connection.aws.endpointURL = endpoint
                    }
                }
                if options.connection.aws.region == nil { options.connection.aws.region = target.region }
            }
        }
        guard let manifests = try options.manifests(context: context) else { throw ExitCode(ExitCodes.failure) }
        let report: Executor.Report
        let smoke: [SmokeTestRunner.Result]
        do {
            let outcome = try await options.withBedrock(context: context) { connection in
                try await Reconciliation(account: connection.account).apply(
                    try options.request(manifests), saved: saved,
                    execution: Reconciliation.Execution(
                        concurrency: concurrency, timeout: .seconds(timeout),
                        pollInterval: .milliseconds(Int64((pollSeconds ?? (options.sandbox == nil ? 10 : 0.5)) * 1000)),
                        progress: { [printer = ProgressPrinter(context: context)] in printer.print($0) },
                        smokeOutput: { context.stdout($0) },
                        executed: { Self.print($0, context: context) }),
                    show: { context.stdout(TextRenderer(color: Terminal.colorEnabled(context)).render($0)) },
                    confirm: { [autoApprove] _ in
                        if autoApprove { return true }
                        guard context.isTerminal else {
                            throw ApplyRefusal("not a terminal: review the plan and pass --auto-approve to apply it")
                        }
                        context.stdout("Apply these changes? Only 'yes' is accepted: ")
                        return context.readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
                    })
            }
            switch outcome {
            case .nothingToDo: return
            case .refused(let why): throw ApplyRefusal(why)
            case .applied(_, let done, let tests):
                report = done
                smoke = tests
            }
        } catch let refusal as ApplyRefusal {
            context.error("\(refusal.message)")
            throw ExitCode(ExitCodes.failure)
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
        let smokePassed = SmokeReport.print(smoke, context: context)
        if !report.ok || !smokePassed { throw ExitCode(ExitCodes.failure) }
    }

    /// The executor's report: a line an action, then the counts.
    static func print(_ report: Executor.Report, context: CommandContext) {
        for (id, outcome) in report.outcomes {
            switch outcome {
            case .succeeded: context.stdout("ok      \(DisplayText.escaped(id))\n")
            case .failed(let why): context.stdout("FAILED  \(DisplayText.escaped(id)): \(DisplayText.escaped(why))\n")
            case .skipped(let why): context.stdout("skipped \(DisplayText.escaped(id)): \(DisplayText.escaped(why))\n")
            }
        }
        context.stdout("Apply: \(report.succeeded) succeeded, \(report.failed) failed, \(report.skipped) skipped.\n")
    }

    /// A flag given with a saved plan that says otherwise than the plan: the plan decides, so the
    /// flag is refused rather than ignored.
    func contradiction(with saved: Plan) -> String? {
        var differences: [String] = []
        if reconcile.prune && !saved.options.prune { differences.append("--prune (the plan was made without it)") }
        if reconcile.allowReplace && !saved.options.allowReplace {
            differences.append("--allow-replace (the plan was made without it)")
        }
        if reconcile.adopt && !saved.options.adopt { differences.append("--adopt (the plan was made without it)") }
        if reconcile.destroy && !saved.options.destroy {
            differences.append("--destroy (the plan was made without it)")
        }
        if reconcile.ignoreQuotas && !saved.options.ignoreQuotas {
            differences.append("--ignore-quotas (the plan was made without it)")
        }
        if let stack = reconcile.stack, stack != saved.stack {
            differences.append("--stack \(stack) (the plan is of stack \(saved.stack))")
        }
        if reconcile.discovery != .auto && reconcile.discovery != (saved.discovery ?? .auto) {
            let made = (saved.discovery ?? .auto).rawValue
            differences.append("--discovery \(reconcile.discovery.rawValue) (the plan was made with \(made))")
        }
        if !reconcile.targets.isEmpty && reconcile.targets != (saved.targets ?? []) {
            differences.append(
                "--target \(reconcile.targets.joined(separator: ", ")) (the plan's targets "
                    + "are \((saved.targets ?? ["none"]).joined(separator: ", ")))"
            )
        }
        guard !differences.isEmpty else { return nil }
        return "a saved plan is applied as it was made; these flags contradict it: "
            + differences.joined(separator: "; ")
    }

    /// Whether a file is a saved plan, by its content whatever its name: a JSON object with a
    /// `formatVersion` (a manifest is YAML with `apiVersion` and `kind`, never that).
    static func looksLikePlan(_ data: Data) -> Bool {
        guard data.first(where: { !" \t\r\n".utf8.contains($0) }) == UInt8(ascii: "{"),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return false }
        return object["formatVersion"] != nil && object["apiVersion"] == nil
    }

    /// The plan in the only path given, when that path is a plan file.
    func loadSavedPlan(_ context: CommandContext) throws -> Plan? {
        guard reconcile.paths.count == 1, let data = FileManager.default.contents(atPath: reconcile.paths[0]),
            Self.looksLikePlan(data)
        else { return nil }
        do {
            let plan = try JSONRenderer.decode(data)
            guard plan.formatVersion == 1 else {
                context.error(
                    "\(reconcile.paths[0]) is a plan of format \(plan.formatVersion); this bedrockctl reads format 1")
                throw ExitCode(ExitCodes.usage)
            }
            return plan
        } catch let exit as ExitCode {
            throw exit
        } catch {
            context.error("\(reconcile.paths[0]) is not a plan saved by `bedrockctl plan --out`: \(error)")
            throw ExitCode(ExitCodes.usage)
        }
    }
}

/// How apply and destroy run a plan: confirmation, waits and concurrency.
struct ExecutionOptions: ParsableArguments {
    @Flag(help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Option(help: "Seconds to wait for each resource to settle (a throughput, an import job, a deployment).")
    var timeout: Int = 3600

    @Option(help: "Actions run at the same time, at most.")
    var concurrency: Int = 4

    @Option(
        help:
            ArgumentHelp(
                "Seconds between status checks while waiting for a resource to settle (default 10; 0.5 with "
                    + "--sandbox).")
    )
    var pollSeconds: Double?

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let pollSeconds, !(pollSeconds.isFinite && (0.05...600).contains(pollSeconds)) {
            throw ValidationError("--poll-seconds must be from 0.05 to 600")
        }
    }
}

struct ApplyRefusal: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
