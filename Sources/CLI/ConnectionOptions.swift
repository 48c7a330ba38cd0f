import AWSClient
import ArgumentParser
import BedrockEmulator
import Foundation
import Reconciler

/// Where a command talks to: AWS (region, profile, endpoint), or the embedded emulator of a
/// sandbox folder.
struct ConnectionOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Run against an embedded emulator whose state is kept in this folder: no AWS account needed.",
            valueName: "dir"))
    var sandbox: String?

    @OptionGroup var aws: AWSOptionGroup

    /// Runs `body` with a connection to the chosen account: AWS, or the embedded emulator.
    func withBedrock<R>(context: CommandContext, _ body: (Connection) async throws -> R) async throws -> R {
        if let sandbox {
            let emulator = try Sandbox.emulator(at: sandbox)
            let region = try AWSConfiguration.bedrockRegion(
                AWSConfiguration.validatedRegion(aws.region ?? "us-east-1", from: "--region"), from: "--region")
            let transport = ServiceTimeTransport(EmulatorTransport(emulator))
            let client = BedrockClient(service: Sandbox.service(transport, region: region, signingName: "bedrock"))
            let folder = URL(fileURLWithPath: sandbox).standardizedFileURL.path
            let quotas = ServiceQuotasClient(
                service: Sandbox.service(transport, region: region, signingName: "servicequotas"))
            let tagging = TaggingClient(service: Sandbox.service(transport, region: region, signingName: "tagging"))
            let runtime = BedrockRuntimeClient(
                service: Sandbox.service(transport, region: region, signingName: "bedrock"))
            // The Price List API is asked in us-east-1, whatever the stack's region; the sandbox's
            // prices are its own, so none are kept on disk.
            let pricing = PricingClient(
                service: Sandbox.service(transport, region: "us-east-1", signingName: "pricing"))
            return try await body(
                Connection(
                    client: client, region: region, sandbox: folder, quotas: quotas, tagging: tagging, runtime: runtime,
                    prices: PriceListPriceBook(client: pricing, cache: nil),
                    priceSource: "the sandbox's shipped price list"
                ) {
                    try await CallerIdentity.read(
                        transport: transport, endpoint: Sandbox.endpoint, region: region,
                        credentials: Sandbox.credentials)
                })
        }
        return try await AsyncHTTPClientTransport.withTransport { transport in
            let configuration = try AWSConfiguration.resolve(
                aws.options, environment: context.environment, transport: transport)
            // Refused before any call: an endpoint name AWS does not have would fail to resolve.
            _ = try AWSConfiguration.bedrockRegion(configuration.region, from: "the AWS configuration")
            let timed = ServiceTimeTransport(transport)
            let retry = try AWSConfiguration.retryPolicy(environment: context.environment)
            let client = configuration.bedrock(transport: timed, retry: retry)
            let quotas = configuration.serviceQuotas(
                transport: transport, retry: try AWSConfiguration.retryPolicy(environment: context.environment))
            let tagging = configuration.tagging(
                transport: transport, retry: try AWSConfiguration.retryPolicy(environment: context.environment))
            let runtime = configuration.bedrockRuntime(
                transport: transport, retry: try AWSConfiguration.retryPolicy(environment: context.environment))
            let pricing = configuration.pricing(transport: transport)
            let cache = PriceCache.defaultFile(environment: context.environment).map { PriceCache(file: $0) }
            return try await body(
                Connection(
                    client: client, region: configuration.region, sandbox: nil, quotas: quotas,
                    tagging: tagging, runtime: runtime, prices: PriceListPriceBook(client: pricing, cache: cache),
                    priceSource: "the AWS Price List API at \(configuration.pricingEndpoint.absoluteString)"
                ) {
                    try await configuration.callerIdentity(transport: transport)
                })
        }
    }

}

/// Where plan and apply talk to: a Bedrock client, its region, the sandbox folder if any, and a
/// way to ask STS whose credentials these are.
struct Connection: Sendable {
    var client: BedrockClient
    var region: String
    var sandbox: String?
    var quotas: ServiceQuotasClient
    var tagging: TaggingClient?
    var runtime: BedrockRuntimeClient
    var prices: (any PriceBook)?
    var priceSource: String
    var identity: @Sendable () async throws -> CallerIdentity

    init(
        client: BedrockClient, region: String, sandbox: String?, quotas: ServiceQuotasClient, tagging: TaggingClient?,
        runtime: BedrockRuntimeClient, prices: (any PriceBook)? = nil, priceSource: String = "none",
        identity: @escaping @Sendable () async throws -> CallerIdentity
    ) {
        self.prices = prices
        self.priceSource = priceSource
        self.runtime = runtime
        self.tagging = tagging
        self.client = client
        self.region = region
        self.sandbox = sandbox
        self.quotas = quotas
        self.identity = identity
    }

    /// The account's services as the reconcile flow takes them.
    var account: Reconciliation.Account {
        let transport = client.service.transport as? ServiceTimeTransport
        return Reconciliation.Account(
            bedrock: client, tagging: tagging, quotas: quotas, identity: identity, target: target,
            serviceTime: { transport?.serviceTime }, runtime: runtime, prices: prices, priceSource: priceSource)
    }

    /// The target without the account, which the plan adds.
    var target: PlanTarget {
        PlanTarget(
            region: region, endpoint: sandbox == nil ? client.service.endpoint.absoluteString : nil, sandbox: sandbox)
    }
}
