import ArgumentParser

/// `bedrockctl destroy PATH...`: delete everything the stack owns, with apply's guards.
public struct DestroyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract:
            "Delete everything the manifests' stack owns (apply --destroy): commitments block, confirmation or "
            + "--auto-approve.",
        discussion: """
            The manifests name the stack (a `kind: Stack` document, the folder, or --stack); what they declare is \
            ignored. `plan --destroy --out FILE` saves the same plan for `apply FILE`. Import jobs cannot be deleted; \
            their imported models are. Exit status: 0 everything deleted, 1 an error or any action failed or skipped, \
            64 usage error.
            """
    )

    @OptionGroup var reconcile: ReconcileOptions

    @OptionGroup var execution: ExecutionOptions

    public init() {}

    public func run() async throws {
        var apply = ApplyCommand()
        apply.reconcile = reconcile
        apply.reconcile.destroy = true
        apply.execution = execution
        try apply.validate()
        try await apply.run()
    }
}
