import AWSClient
import ArgumentParser
import BedrockEmulator
import Foundation
import Synchronization

/// `bedrockctl invoke MODEL_ID --body JSON [--stream]`: calls a model through the runtime.
public struct InvokeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "invoke",
        abstract: "Invoke a model through the Bedrock runtime and print its answer.",
        discussion: "With --stream, chunks are printed as they arrive. Exit status: 0 ok, 1 error, 64 usage error."
    )

    @Argument(help: "Model id or ARN: a foundation model, a provisioned model ARN, an imported model.")
    var modelId: String

    @Option(help: "Request body (JSON), or @FILE to read it from a file.")
    var body: String

    @Flag(help: "Use InvokeModelWithResponseStream and print each chunk as it arrives.")
    var stream = false

    @Option(help: "Content type of the body.")
    var contentType = "application/json"

    @Option(
        help: ArgumentHelp(
            "Invoke through the embedded emulator whose state is kept in this folder (as plan and apply "
                + "--sandbox).", valueName: "dir"))
    var sandbox: String?

    @OptionGroup var aws: AWSOptionGroup

    public init() {}

    public func run() async throws {
        let context = CommandContext.current
        let payload: [UInt8]
        if body.hasPrefix("@") {
            guard let data = FileManager.default.contents(atPath: String(body.dropFirst())) else {
                context.error("\(body.dropFirst()): cannot be read")
                throw ExitCode(ExitCodes.usage)
            }
            payload = Array(data)
        } else {
            payload = Array(body.utf8)
        }
        do {
            if let sandbox {
                let region = try AWSConfiguration.validatedRegion(aws.region ?? "us-east-1", from: "--region")
                let transport = EmulatorTransport(try Sandbox.emulator(at: sandbox))
                let runtime = BedrockRuntimeClient(
                    service: Sandbox.service(transport, region: region, signingName: "bedrock"))
                try await InvokeRunner.run(
                    runtime: runtime, modelId: modelId, body: payload, contentType: contentType, stream: stream,
                    context: context)
                return
            }
            try await AsyncHTTPClientTransport.withTransport { transport in
                let configuration = try AWSConfiguration.resolve(
                    aws.options, environment: context.environment, transport: transport)
                let runtime = configuration.bedrockRuntime(
                    transport: transport, retry: try AWSConfiguration.retryPolicy(environment: context.environment))
                try await InvokeRunner.run(
                    runtime: runtime, modelId: modelId, body: payload, contentType: contentType, stream: stream,
                    context: context)
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            context.error("\(error)")
            throw ExitCode(ExitCodes.failure)
        }
    }
}

/// The core of `invoke`, apart from argument parsing and transport set-up. A model that is
/// loading is retried by the runtime client; each retry is announced on standard error, and a
/// model still loading after them is an error that says so.
enum InvokeRunner {
    static func run(
        runtime: BedrockRuntimeClient, modelId: String, body: [UInt8], contentType: String, stream: Bool,
        context: CommandContext
    ) async throws {
        var runtime = runtime
        let retries = RetryCount()
        runtime.onModelNotReady = { notice in
            retries.set(notice.retry)
            context.stderr(
                "\(notice.modelId) is loading (ModelNotReadyException: \(notice.message)); "
                    + "retry \(notice.retry) of \(notice.maxRetries) in \(seconds(notice.delay)) s\n")
        }
        do {
            try await invoke(
                runtime: runtime, modelId: modelId, body: body, contentType: contentType, stream: stream,
                context: context)
        } catch let error as AWSServiceError where error.code == RetryPolicy.modelNotReadyCode {
            throw ModelStillLoadingError(modelId: modelId, retries: retries.value, underlying: error)
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        return String(format: "%.1f", Double(whole) + Double(atto) / 1e18)
    }

    static func invoke(
        runtime: BedrockRuntimeClient, modelId: String, body: [UInt8], contentType: String, stream: Bool,
        context: CommandContext
    ) async throws {
        if stream {
            let output = try await runtime.invokeModelWithResponseStream(modelId, body: body, contentType: contentType)
            for try await chunk in output.chunks {
                context.stdout(String(decoding: chunk, as: UTF8.self) + "\n")
            }
        } else {
            let output = try await runtime.invokeModel(modelId, body: body, contentType: contentType)
            context.stdout(String(decoding: output.body, as: UTF8.self) + "\n")
        }
    }
}

/// A model that was still loading when the retries ran out.
struct ModelStillLoadingError: Error, CustomStringConvertible {
    var modelId: String
    var retries: Int
    var underlying: AWSServiceError

    var description: String {
        "\(modelId) is still not ready after \(retries) \(retries == 1 ? "retry" : "retries") "
            + "(\(underlying.code): \(underlying.message)); "
            + "an imported model can take minutes to load after it was idle: invoke it again later"
    }
}

/// The last retry announced, read after the call.
private final class RetryCount: Sendable {
    private let count = Mutex(0)
    func set(_ n: Int) { count.withLock { $0 = n } }
    var value: Int { count.withLock { $0 } }
}
