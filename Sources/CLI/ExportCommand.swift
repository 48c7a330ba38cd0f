import AWSClient
import ArgumentParser
import Foundation
import Manifest
import Reconciler
import YAML

/// `bedrockctl export --stack NAME`: manifests for live resources, written through libyaml's emitter.
public struct ExportCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write manifests for live resources: a stack's own, and with --include-unmanaged those no stack manages.",
        discussion: """
            The output plans with no changes for the stack's own resources; resources no stack manages are \
            written under their live names, and `plan --adopt` shows only the ownership tags it would add to \
            them. An imported model is written as the ModelImportJob that made it. Exit status: 0 ok, 1 error \
            (or a resource that could not be exported), 64 usage error.
            """
    )

    @Option(help: "The stack: its resources are exported, and the output's `kind: Stack` names it.")
    var stack: String

    @Flag(help: "Also export resources no stack manages, to adopt them into the stack with `plan --adopt`.")
    var includeUnmanaged = false

    @Option(
        name: .customLong("kind"),
        help: ArgumentHelp("Only this kind (repeatable): \(KindNames.choices).", valueName: "kind"))
    var kinds: [String] = []

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var connection: ConnectionOptions

    public init() {}

    public func validate() throws {
        if StackDeclaration.nameConstraint.check(stack) != nil {
            throw ValidationError("--stack takes letters, digits and '-', up to 128 characters")
        }
        for kind in kinds where ManifestResource.Kind(rawValue: kind) == nil {
            throw ValidationError("--kind takes one of \(KindNames.choices), got '\(kind)'")
        }
    }

    public func run() async throws {
        let context = CommandContext.current
        let chosen =
            kinds.isEmpty ? Set(ManifestResource.Kind.allCases) : Set(kinds.compactMap(ManifestResource.Kind.init))
        let result: Export.Result
        let text: String
        do {
            result = try await connection.withBedrock(context: context) { connection in
                try await Export(client: connection.client, region: connection.region).export(
                    stack: stack, includeUnmanaged: includeUnmanaged, kinds: chosen)
            }
            text = try YAMLEmitter.emit(result.documents)
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
        for warning in result.warnings { context.stderr("warning: \(warning)\n") }
        if let out {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                context.error("the manifests could not be written to \(out): \(error)")
                throw ExitCode(ExitCodes.failure)
            }
            context.stderr("Wrote \(result.documents.count - 1) resource(s) of stack \(stack) to \(out)\n")
        } else {
            context.stdout(text)
        }
        if !result.warnings.isEmpty { throw ExitCode(ExitCodes.failure) }
    }
}
