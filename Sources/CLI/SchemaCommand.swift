import ArgumentParser
import Manifest

/// `bedrockctl schema`: the manifests' JSON Schema, for editors.
public struct SchemaCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the manifests, for editor completion and checks.",
        discussion: """
            Generated from the rules `validate` checks. Save it and point your editor at it, e.g. \
            `bedrockctl schema > bedrockctl.schema.json` and, in a manifest, \
            `# yaml-language-server: $schema=./bedrockctl.schema.json`.
            """
    )

    public init() {}

    public func run() async throws {
        CommandContext.current.stdout(ManifestSchema.text)
    }
}
