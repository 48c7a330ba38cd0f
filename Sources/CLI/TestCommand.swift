import AWSClient
import ArgumentParser
import Foundation
import Manifest
import Reconciler

/// `bedrockctl test PATH...`: the manifests' smoke tests alone, against what is live.
public struct TestCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the manifests' smoke tests (spec.smokeTest) against the live resources, without planning.",
        discussion: """
            Each throughput with a smoke test must be InService; its request goes through InvokeModel, or \
            InvokeModelWithResponseStream with `stream: true` (tokens printed as they arrive), and the answer must \
            contain every text of `contains`. Exit status: 0 all passed (or none declared), 1 an error or a failed \
            smoke test, 64 usage error.
            """
    )

    @Argument(help: "Manifest files or directories.")
    var paths: [String] = []

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var limits: ParserLimitOptions

    public init() {}

    public func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one manifest file or directory") }
    }

    public func run() async throws {
        let context = CommandContext.current
        var options = ReconcileOptions()
        options.paths = paths
        options.limits = limits
        guard let manifests = try options.manifests(context: context) else { throw ExitCode(ExitCodes.failure) }
        let declared = manifests.smokeTested
        guard !declared.isEmpty else {
            context.stdout("No smoke tests: no resource declares spec.smokeTest.\n")
            return
        }
        let results: [SmokeTestRunner.Result]
        do {
            results = try await connection.withBedrock(context: context) { connection in
                await SmokeTestRunner(bedrock: connection.client, runtime: connection.runtime) { context.stdout($0) }
                    .run(declared)
            }
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
        if !SmokeReport.print(results, context: context) { throw ExitCode(ExitCodes.failure) }
    }
}

/// How apply and test report smoke tests: a line each, then a count.
enum SmokeReport {
    /// Prints the results; true when every one passed.
    static func print(_ results: [SmokeTestRunner.Result], context: CommandContext) -> Bool {
        guard !results.isEmpty else { return true }
        for result in results {
            switch result.outcome {
            case .passed: context.stdout("passed  smoke test \(DisplayText.escaped(result.id))\n")
            case .failed(let why):
                context.stdout("FAILED  smoke test \(DisplayText.escaped(result.id)): \(DisplayText.escaped(why))\n")
            }
        }
        let failed = results.count { !$0.passed }
        context.stdout("Smoke tests: \(results.count - failed) passed, \(failed) failed.\n")
        return failed == 0
    }
}
