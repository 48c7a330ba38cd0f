import AWSClient
import ArgumentParser
import Foundation
import Manifest
import Reconciler

/// `bedrockctl release KIND/NAME --stack STACK`: stop managing a resource, leave it running.
public struct ReleaseCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Stop managing a resource without deleting it: its ownership tags are removed, it keeps running.",
        discussion: """
            KIND/NAME names the manifest's kind and metadata.name, e.g. ProvisionedThroughput/bot. Remove it from the \
            manifests too, or the next plan finds it unmanaged (a conflict; --adopt takes it back). Exit status: 0 \
            released, 1 error, 64 usage error.
            """
    )

    @Argument(help: ArgumentHelp("The resource, as KIND/NAME.", valueName: "kind/name"))
    var target: String

    @Option(help: "The stack that manages it.")
    var stack: String

    @Flag(help: "Release without asking for confirmation.")
    var autoApprove = false

    @OptionGroup var connection: ConnectionOptions

    public init() {}

    public func run() async throws {
        let context = CommandContext.current
        do {
            try await connection.withBedrock(context: context) { connection in
                let live = try await LiveStateReader(client: connection.client, region: connection.region).read(
                    stack: stack)
                let release = try Release(target, stack: stack, live: live)
                for item in release.targets {
                    context.stdout(
                        "release \(DisplayText.escaped(item.description)) (\(item.arn)): remove "
                            + "\(OwnershipTags.all.joined(separator: " and ")); it keeps running and billing\n")
                }
                if !autoApprove {
                    guard context.isTerminal else {
                        throw ReleaseRefusal(message: "not a terminal: pass --auto-approve to release")
                    }
                    context.stdout("Release? Only 'yes' is accepted: ")
                    guard readLine()?.trimmingCharacters(in: .whitespaces) == "yes" else {
                        throw ReleaseRefusal(message: "release cancelled")
                    }
                }
                for item in release.targets {
                    try await connection.client.untagResource(item.arn, keys: OwnershipTags.all)
                    context.stdout("released \(DisplayText.escaped(item.description))\n")
                }
                context.stdout(
                    "Remove \(target) from the manifests of stack \(stack), or the next plan reports it unmanaged.\n")
            }
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}

struct ReleaseRefusal: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
