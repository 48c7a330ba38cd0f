import AWSClient
import ArgumentParser
import BedrockEmulator
import Foundation
import Manifest
import Reconciler

/// What `plan` and `apply` share: the manifests, the stack, the safety flags, and where the
/// account is (AWS, or the embedded emulator with `--sandbox`).
struct ReconcileOptions: ParsableArguments {
    @Argument(help: "Manifest files or directories.")
    var paths: [String] = []

    @Option(help: "Stack name: the ownership tag on every resource bedrockctl manages (default: a `kind: Stack` manifest, else the manifest folder's name).")
    var stack: String?

    @Flag(help: "Delete resources the stack owns that are gone from the manifests.")
    var prune = false

    @Flag(help: "Allow replacing a Provisioned Throughput (delete, then create) when a change cannot be made in place.")
    var allowReplace = false

    @Flag(help: "Take over resources that exist with a manifest's name but are not managed by any stack.")
    var adopt = false

    @Option(name: .customLong("target"), help: ArgumentHelp(
        "Plan or apply only this resource and what it depends on (repeatable), as KIND/NAME, e.g. ProvisionedThroughput/bot.",
        valueName: "kind/name"))
    var targets: [String] = []

    @Option(help: ArgumentHelp("Run against an embedded emulator whose state is kept in this folder: no AWS account needed.", valueName: "dir"))
    var sandbox: String?

    @OptionGroup var aws: AWSOptionGroup
    @OptionGroup var limits: ParserLimitOptions

    var planOptions: PlanOptions { PlanOptions(prune: prune, allowReplace: allowReplace, adopt: adopt) }

    func validate() throws {
        for target in targets {
            let parts = target.split(separator: "/", maxSplits: 1)
            guard parts.count == 2, ["ProvisionedThroughput", "ModelImportJob"].contains(String(parts[0])) else {
                throw ValidationError("--target takes KIND/NAME with KIND ProvisionedThroughput or ModelImportJob, got '\(target)'")
            }
        }
        if let stack, StackDeclaration.nameConstraint.check(stack) != nil {
            throw ValidationError("--stack takes letters, digits and '-', up to 128 characters")
        }
    }

    /// The stack name: `--stack`, else the manifests' `kind: Stack`, else the manifest folder's name.
    /// Paths in different folders, with neither of the first two, are refused: each folder would
    /// name another stack.
    func stackName(_ manifests: ManifestSet?) throws -> String {
        if let stack { return stack }
        if let declared = manifests?.stack { return declared.name }
        let named = paths.filter { $0 != "-" }.map { ($0, Self.folderStack($0)) }
        guard let first = named.first else { return "default" }
        let others = named.filter { $0.1 != first.1 }
        if !others.isEmpty {
            throw StackAmbiguity(paths: named)
        }
        return first.1
    }

    /// The action ids of resources declared by manifest files beside the files named (when files,
    /// not folders, are given): planning one file of a folder leaves its siblings' resources alone.
    static func siblingResourceIds(of paths: [String], planned: [String]) -> Set<String> {
        let plannedFiles = Set(planned.map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        var siblings: Set<String> = []
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where ManifestFiles.extensions.contains((name as NSString).pathExtension.lowercased()) {
                let file = folder.appendingPathComponent(name).path
                if !plannedFiles.contains(file) { siblings.insert(file) }
            }
        }
        guard !siblings.isEmpty, let inputs = try? ManifestFiles.collect(siblings.sorted(), readStandardInput: { _ in [] }) else { return [] }
        return Set(ManifestLoader.load(inputs).resources.map(Planner.actionId))
    }

    /// Where this invocation points: the sandbox folder (absolute), or the region and endpoint.
    func planTarget(_ client: BedrockClient) -> PlanTarget {
        if let sandbox {
            return PlanTarget(region: client.service.region, endpoint: nil, sandbox: URL(fileURLWithPath: sandbox).standardizedFileURL.path)
        }
        return PlanTarget(region: client.service.region, endpoint: client.service.endpoint.absoluteString, sandbox: nil)
    }

    /// The stack a path's folder names: the folder of a file, the directory itself otherwise.
    static func folderStack(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? url : url.deletingLastPathComponent()
        let name = String(folder.lastPathComponent.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }.prefix(128))
        return name.isEmpty ? "default" : name
    }

    /// Runs `body` with a Bedrock client for the chosen account, and its region.
    func withBedrock<R>(context: CommandContext, _ body: (BedrockClient, String) async throws -> R) async throws -> R {
        if let sandbox {
            try FileManager.default.createDirectory(atPath: sandbox, withIntermediateDirectories: true)
            var settings = EmulatorSettings()
            settings.provisionSeconds = 1
            settings.importSeconds = 2
            let emulator = try Emulator(settings: settings, statePath: sandbox + "/emulator-state.json")
            let region = try AWSConfiguration.validatedRegion(aws.region ?? "us-east-1", from: "--region")
            let client = BedrockClient(service: ServiceClient(transport: ServiceTimeTransport(EmulatorTransport(emulator)), credentials: StaticCredentialProvider(.init(accessKeyId: "test", secretAccessKey: "test")),
                                                              region: region, endpoint: URL(string: "http://127.0.0.1")!, signingName: "bedrock"))
            return try await body(client, region)
        }
        return try await AsyncHTTPClientTransport.withTransport { transport in
            let configuration = try AWSConfiguration.resolve(aws.options, environment: context.environment, transport: transport)
            let timed = ServiceTimeTransport(transport)
            return try await body(configuration.bedrock(transport: timed, retry: AWSConfiguration.retryPolicy(environment: context.environment)),
                                  configuration.region)
        }
    }

    /// Reads live state and plans.
    func makePlan(_ manifests: ManifestSet, client: BedrockClient, region: String) async throws -> Plan {
        let stack = try stackName(manifests)
        let live = try await LiveStateReader(client: client, region: region).read(stack: stack)
        // Commitments are compared with the service's clock (the Date of its answers), not this machine's.
        let serviceTime = (client.service.transport as? ServiceTimeTransport)?.serviceTime
        var planner = Planner(stack: stack, options: planOptions, now: serviceTime ?? Date())
        planner.declaredElsewhere = Self.siblingResourceIds(of: paths, planned: manifests.inputs.map(\.path))
        var plan = planner.plan(manifests.resources, live: live)
        if !targets.isEmpty { plan = plan.restricted(to: targets) }
        plan.target = planTarget(client)
        plan.manifestPaths = paths.map { $0 == "-" ? $0 : URL(fileURLWithPath: $0).standardizedFileURL.path }
        return plan
    }

    /// Reads and validates the manifests; prints the problems and returns nil when there are errors.
    func manifests(context: CommandContext) throws -> ManifestSet? {
        let inputs: [ManifestInput]
        do {
            inputs = try ManifestFiles.collect(paths, maxBytes: limits.parserLimits.maxInputBytes, readStandardInput: context.readStandardInput)
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
