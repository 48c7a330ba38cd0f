import ArgumentParser

/// `bedrockctl destroy PATH...`: delete everything the stack owns, with apply's guards.
public struct DestroyCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "destroy",
        abstract: "Delete everything the manifests' stack owns (apply --destroy): commitments block, confirmation or --auto-approve.",
        discussion: """
            The manifests name the stack (a `kind: Stack` document, the folder, or --stack); what they declare is ignored. \
            `plan --destroy --out FILE` saves the same plan for `apply FILE`. Import jobs cannot be deleted; their imported \
            models are. Exit status: 0 everything deleted, 1 an error or any action failed or skipped, 64 usage error.
            """
    )

    @OptionGroup var reconcile: ReconcileOptions

    @Flag(help: "Delete without asking for confirmation.")
    var autoApprove = false

    @Option(help: "Seconds to wait for each change to settle.")
    var timeout: Int = 3600

    @Option(help: "Actions run at the same time, at most.")
    var concurrency: Int = 4

    @Option(help: "Seconds between status checks (default 10; 0.5 with --sandbox).")
    var pollSeconds: Double?

    public init() {}

    public func run() async throws {
        var apply = ApplyCommand()
        apply.reconcile = reconcile
        apply.reconcile.destroy = true
        apply.autoApprove = autoApprove
        apply.timeout = timeout
        apply.concurrency = concurrency
        apply.pollSeconds = pollSeconds
        try apply.validate()
        try await apply.run()
    }
}
