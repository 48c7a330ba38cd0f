import Foundation

extension AWSConfiguration {
    /// The retry policy the environment asks for: `AWS_RETRY_MODE` (`adaptive`, bedrockctl's
    /// default, or `standard`; `legacy` is taken as `standard`) and `AWS_MAX_ATTEMPTS`, which,
    /// when set, bounds throttled requests too. Without it, 3 attempts, and 25 for throttling.
    public static func retryPolicy(
        environment: [String: String], clock: AWSClock = .live
    ) throws(ResolutionError) -> RetryPolicy {
        var attempts: Int?
        if let text = environment["AWS_MAX_ATTEMPTS"], !text.isEmpty {
            guard let value = Int(text), (1...100).contains(value) else {
                throw .badSetting("AWS_MAX_ATTEMPTS must be a whole number from 1 to 100, got '\(text.prefix(40))'")
            }
            attempts = value
        }
        let modeText = environment["AWS_RETRY_MODE"].flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "adaptive"
        switch modeText {
        case "adaptive":
            return .adaptive(
                maxAttempts: attempts ?? 3, maxThrottleAttempts: attempts ?? RetryPolicy.reconcilerThrottleAttempts,
                clock: clock)
        case "standard", "legacy":
            return RetryPolicy(
                maxAttempts: attempts ?? 3, maxThrottleAttempts: attempts ?? RetryPolicy.reconcilerThrottleAttempts)
        default:
            throw .badSetting("AWS_RETRY_MODE must be standard, adaptive or legacy, got '\(modeText.prefix(40))'")
        }
    }

    public func bedrock(
        transport: any HTTPTransport, clock: AWSClock = .live, retry: RetryPolicy = .standard
    ) -> BedrockClient {
        BedrockClient(
            service: ServiceClient(
                transport: transport, credentials: credentials, region: region, endpoint: bedrockEndpoint,
                signingName: "bedrock", clock: clock, retry: retry))
    }

    public func bedrockRuntime(
        transport: any HTTPTransport, clock: AWSClock = .live, retry: RetryPolicy = .standard
    ) -> BedrockRuntimeClient {
        BedrockRuntimeClient(
            service: ServiceClient(
                transport: transport, credentials: credentials, region: region, endpoint: runtimeEndpoint,
                signingName: "bedrock", clock: clock, retry: retry))
    }

    public func serviceQuotas(
        transport: any HTTPTransport, clock: AWSClock = .live, retry: RetryPolicy = .standard
    ) -> ServiceQuotasClient {
        ServiceQuotasClient(
            service: ServiceClient(
                transport: transport, credentials: credentials, region: region,
                endpoint: serviceQuotasEndpoint, signingName: "servicequotas", clock: clock,
                retry: retry))
    }

    public func tagging(
        transport: any HTTPTransport, clock: AWSClock = .live, retry: RetryPolicy = .standard
    ) -> TaggingClient {
        TaggingClient(
            service: ServiceClient(
                transport: transport, credentials: credentials, region: region, endpoint: taggingEndpoint,
                signingName: "tagging", clock: clock, retry: retry))
    }

    /// The Price List client: signed for `pricingRegion`, not the stack's region. Prices are a
    /// nicety beside the plan, so a call gives up sooner than Bedrock's: 15 seconds, 2 attempts.
    public func pricing(transport: any HTTPTransport, clock: AWSClock = .live) -> PricingClient {
        PricingClient(
            service: ServiceClient(
                transport: transport, credentials: credentials, region: pricingRegion, endpoint: pricingEndpoint,
                signingName: "pricing", clock: clock, retry: RetryPolicy(maxAttempts: 2, maxThrottleAttempts: 4),
                timeout: .seconds(15)))
    }
}
