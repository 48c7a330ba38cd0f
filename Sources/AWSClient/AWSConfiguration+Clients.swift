import Foundation

extension AWSConfiguration {
    /// The retry policy the environment asks for: `AWS_MAX_ATTEMPTS` (standard mode's 3 by default).
    public static func retryPolicy(environment: [String: String]) -> RetryPolicy {
        var policy = RetryPolicy.standard
        if let attempts = environment["AWS_MAX_ATTEMPTS"].flatMap(Int.init), attempts >= 1 { policy.maxAttempts = attempts }
        return policy
    }

    public func bedrock(transport: any HTTPTransport, clock: AWSClock = .live, retry: RetryPolicy = .standard) -> BedrockClient {
        BedrockClient(service: ServiceClient(transport: transport, credentials: credentials, region: region, endpoint: bedrockEndpoint,
                                             signingName: "bedrock", clock: clock, retry: retry))
    }

    public func bedrockRuntime(transport: any HTTPTransport, clock: AWSClock = .live, retry: RetryPolicy = .standard) -> BedrockRuntimeClient {
        BedrockRuntimeClient(service: ServiceClient(transport: transport, credentials: credentials, region: region, endpoint: runtimeEndpoint,
                                                    signingName: "bedrock", clock: clock, retry: retry))
    }

    public func serviceQuotas(transport: any HTTPTransport, clock: AWSClock = .live, retry: RetryPolicy = .standard) -> ServiceQuotasClient {
        ServiceQuotasClient(service: ServiceClient(transport: transport, credentials: credentials, region: region,
                                                   endpoint: serviceQuotasEndpoint, signingName: "servicequotas", clock: clock,
                                                   retry: retry))
    }
}
