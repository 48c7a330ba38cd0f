import AWSClient
import ArgumentParser
import BedrockConstraints
import BedrockEmulator
import Foundation
import Manifest
import Reconciler

/// What `plan` and `apply` share: the manifests, the stack, the safety flags, and where the
/// account is (AWS, or the embedded emulator with `--sandbox`).
struct ReconcileOptions: ParsableArguments {
    @Argument(help: "Manifest files or directories; for apply, or one plan file saved with `plan --out`.")
    var paths: [String] = []

    @Option(
        help:
            ArgumentHelp(
                "Stack name: the ownership tag on every resource bedrockctl manages (default: a `kind: Stack` "
                    + "manifest, else the manifest folder's name).")
    )
    var stack: String?

    @Flag(help: "Delete resources the stack owns that are gone from the manifests.")
    var prune = false

    @Flag(
        help: ArgumentHelp(
            "Allow replacing a resource (a throughput, deployment or inference profile: delete, then create) when a "
                + "change cannot be made in place."))
    var allowReplace = false

    @Flag(help: "Take over resources that exist with a manifest's name but are not managed by any stack.")
    var adopt = false

    @Flag(
        help:
            ArgumentHelp(
                "Plan and apply even when the account's model-unit quotas would be exceeded (the plan warns instead "
                    + "of blocking).")
    )
    var ignoreQuotas = false

    @Option(
        name: .customLong("target"),
        help: ArgumentHelp(
            "Plan or apply only this resource and what it depends on (repeatable), as KIND/NAME, e.g. "
                + "ProvisionedThroughput/bot.",
            valueName: "kind/name"))
    var targets: [String] = []

    @Option(
        help: ArgumentHelp(
            "How the stack's resources are found: auto (the tagging API, else every resource's tags), tagging "
                + "(the tagging API only) "
                + "or full (every resource's tags).", valueName: "mode"))
    var discovery: LiveStateReader.Discovery = .auto

    @Option(
        help: ArgumentHelp(
            "Refuse a plan whose stack would cost more than this many US dollars a month (730 hours) after apply; "
                + "replaces the Stack's spec.budget.monthly.", valueName: "usd"))
    var maxMonthlyCost: USD?

    @Flag(help: "Check a budget even when some throughputs have no price (they are left out of the sums).")
    var allowUnpriced = false

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var limits: ParserLimitOptions

    var sandbox: String? { connection.sandbox }

    @Flag(
        help:
            ArgumentHelp(
                "Plan the deletion of everything the stack owns, as if the manifests declared nothing (what "
                    + "`destroy` does).")
    )
    var destroy = false

    var planOptions: PlanOptions {
        PlanOptions(
            prune: prune, allowReplace: allowReplace, adopt: adopt, ignoreQuotas: ignoreQuotas, destroy: destroy)
    }

    func validate() throws {
        for target in targets {
            let parts = target.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, PlanAction.Kind(rawValue: String(parts[0])) != nil else {
                throw ValidationError(
                    "--target takes KIND/NAME with KIND one of \(KindNames.choices), got '\(target)'")
            }
        }
        if let stack, StackDeclaration.nameConstraint.check(stack) != nil {
            throw ValidationError("--stack takes letters, digits and '-', up to 128 characters")
        }
    }

    /// The stack name: `--stack`, else the manifests' `kind: Stack`, else the manifest folder's name.
    /// Paths in different folders, with neither of the first two, are refused: each folder would
    /// name another stack.
    func stackName(_ manifests: ManifestSet?) throws -> String { try stack(manifests).name }

    /// The stack name and how it was chosen.
    func stack(_ manifests: ManifestSet?) throws -> (name: String, source: StackSource) {
        if let stack { return (stack, StackSource(.flag)) }
        if let declared = manifests?.stack {
            return (declared.name, StackSource(.manifest, path: "\(declared.source.file):\(declared.source.line)"))
        }
        let named = paths.filter { $0 != "-" }.map { ($0, Self.folderStack($0)) }
        guard let first = named.first else { return ("default", StackSource(.fallback)) }
        let others = named.filter { $0.1 != first.1 }
        if !others.isEmpty {
            throw StackAmbiguity(paths: named)
        }
        return (first.1, StackSource(.folder, path: Self.folder(of: first.0).path))
    }

    /// The action ids of resources declared by manifest files beside the files named (when files,
    /// not folders, are given): planning one file of a folder leaves its siblings' resources alone.
    static func siblingResourceIds(of paths: [String], planned: [String]) -> Set<String> {
        let plannedFiles = Set(planned.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        var siblings: Set<String> = []
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where ManifestFiles.extensions.contains((name as NSString).pathExtension.lowercased()) {
                let file = folder.appendingPathComponent(name).path
                if !plannedFiles.contains(file) { siblings.insert(file) }
            }
        }
        guard !siblings.isEmpty,
            let inputs = try? ManifestFiles.collect(siblings.sorted(), readStandardInput: { _ in [] })
        else { return [] }
        return Set(ManifestLoader.load(inputs).resources.map(Planner.actionId))
    }

    /// A directory path itself, or a file's folder; absolute.
    static func folder(of path: String) -> URL {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path).standardizedFileURL
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url : url.deletingLastPathComponent()
    }

    /// The stack a path's folder names: the folder of a file, the directory itself otherwise.
    static func folderStack(_ path: String) -> String {
        StackDeclaration.name(forFolder: Self.folder(of: path).lastPathComponent)
    }

    /// Runs `body` with a connection to the chosen account: AWS, or the embedded emulator.
    func withBedrock<R>(context: CommandContext, _ body: (Connection) async throws -> R) async throws -> R {
        try await connection.withBedrock(context: context, body)
    }

    /// What to plan, from the manifests and the flags.
    func request(_ manifests: ManifestSet) throws -> Reconciliation.Request {
        let (stack, stackSource) = try stack(manifests)
        return Reconciliation.Request(
            manifests: manifests, stack: stack, stackSource: stackSource, options: planOptions, discovery: discovery,
            targets: targets,
            declaredElsewhere: Self.siblingResourceIds(of: paths, planned: manifests.inputs.map(\.path)),
            manifestPaths: paths.map { $0 == "-" ? $0 : URL(fileURLWithPath: $0).standardizedFileURL.path },
            costPolicy: CostPolicy(
                stack: manifests.stack?.costPolicy, maxMonthlyCost: maxMonthlyCost, allowUnpriced: allowUnpriced))
    }

    /// Reads live state and plans.
    func makePlan(_ manifests: ManifestSet, connection: Connection) async throws -> Plan {
        try await Reconciliation(account: connection.account).plan(request(manifests))
    }

    /// Reads and validates the manifests; prints the problems and returns nil when there are errors.
    func manifests(context: CommandContext) throws -> ManifestSet? {
        let inputs: [ManifestInput]
        do {
            inputs = try ManifestFiles.collect(
                paths, maxBytes: limits.parserLimits.maxInputBytes, readStandardInput: context.readStandardInput)
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.usage)
        }
        let set = ManifestLoader.load(inputs, limits: limits.parserLimits)
        context.stderr(DiagnosticFormatter.text(set.diagnostics, inputs: inputs))
        if set.hasErrors {
            context.stderr(ValidationSummary(set).line + "\n")
            return nil
        }
        return set
    }
}

/// Paths whose folders would name different stacks, with no `--stack` or `kind: Stack` to choose.
struct StackAmbiguity: Error, CustomStringConvertible {
    var paths: [(String, String)]
    var description: String {
        "these paths would belong to different stacks: "
            + paths.map { "\($0.0) (stack \($0.1))" }.joined(separator: ", ")
            + "; name one stack with --stack NAME or a `kind: Stack` document"
    }
}

extension LiveStateReader.Discovery: ExpressibleByArgument {}

extension USD: ExpressibleByArgument {
    public init?(argument: String) { self.init(text: argument) }
}
