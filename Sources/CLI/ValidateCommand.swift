import ArgumentParser
import Manifest
import YAML

extension DiagnosticFormatter.Format: ExpressibleByArgument {}

/// `bedrockctl validate PATH...`: parse and check manifests without touching AWS.
public struct ValidateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check manifests against the Bedrock API's constraints, without calling AWS.",
        discussion: "Exit status: 0 valid, 1 invalid, 64 usage error."
    )

    @Argument(help: "Manifest files or directories (searched for *.yaml and *.yml), or - for standard input.")
    var paths: [String]

    @Option(help: "Output format: text, json or github (workflow-command annotations).")
    var format: DiagnosticFormatter.Format = .text

    @OptionGroup var limits: ParserLimitOptions

    public init() {}

    public func validate() throws {
        if paths.isEmpty {
            throw ValidationError("name at least one manifest file or directory, or - for standard input")
        }
    }

    public func run() async throws {
        let context = CommandContext.current
        let code = ValidateRunner.run(paths: paths, format: format, limits: limits.parserLimits, context: context)
        if code != ExitCodes.ok { throw ExitCode(code) }
    }
}

/// The core of `validate`, apart from argument parsing.
enum ValidateRunner {
    static func run(
        paths: [String], format: DiagnosticFormatter.Format, limits: ParserLimits, context: CommandContext
    ) -> Int32 {
        let inputs: [ManifestInput]
        do {
            inputs = try ManifestFiles.collect(
                paths, maxBytes: limits.maxInputBytes, readStandardInput: context.readStandardInput)
        } catch {
            context.error("\(error)")
            return ExitCodes.usage
        }
        let set = ManifestLoader.load(inputs, limits: limits)
        let summary = ValidationSummary(set)
        switch format {
        case .text:
            context.stderr(DiagnosticFormatter.text(set.diagnostics, inputs: inputs))
            if set.hasErrors { context.stderr(summary.line + "\n") } else { context.stdout(summary.line + "\n") }
        case .json:
            context.stdout(DiagnosticFormatter.json(set.diagnostics, summary: summary))
        case .github:
            context.stdout(DiagnosticFormatter.github(set.diagnostics))
            context.stdout(summary.line + "\n")
        }
        return set.hasErrors ? ExitCodes.failure : ExitCodes.ok
    }
}
