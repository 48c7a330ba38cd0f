import ArgumentParser
import Manifest
import Reconciler

/// The root command.
public struct Bedrockctl: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bedrockctl",
        abstract: "Declarative reconciler for Amazon Bedrock: \(KindNames.prose).",
        version: BedrockctlVersion.current,
        subcommands: [
            ValidateCommand.self, PlanCommand.self, ApplyCommand.self, DestroyCommand.self, ReleaseCommand.self,
            GetCommand.self, ExportCommand.self, TestCommand.self, InvokeCommand.self, EmulatorCommand.self,
            SchemaCommand.self, InitCommand.self, QuotasCommand.self, CostCommand.self,
        ]
    )

    public init() {}
}
