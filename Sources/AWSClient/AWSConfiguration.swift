import BedrockConstraints
import Foundation

/// What the user asked for on the command line; anything nil is taken from the environment and
/// the shared files, as every AWS SDK does.
public struct AWSOptions: Sendable, Hashable {
    public var region: String?
    public var profile: String?
    public var endpointURL: String?
    public var accessKeyId: String?
    public var secretAccessKey: String?
    public var sessionToken: String?

    public init(
        region: String? = nil, profile: String? = nil, endpointURL: String? = nil,
        accessKeyId: String? = nil, secretAccessKey: String? = nil, sessionToken: String? = nil
    ) {
        self.region = region
        self.profile = profile
        self.endpointURL = endpointURL
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// The region, endpoints and credential chain resolved from options, environment and files.
public struct AWSConfiguration: Sendable {
    public var region: String
    public var profile: String
    public var bedrockEndpoint: URL
    public var runtimeEndpoint: URL
    public var stsEndpoint: URL
    public var serviceQuotasEndpoint: URL
    public var taggingEndpoint: URL
    /// The Price List Query API, in `pricingRegion` whatever the stack's region.
    public var pricingEndpoint: URL
    /// us-east-1 unless `BEDROCKCTL_PRICING_REGION` names eu-central-1 or ap-south-1.
    public var pricingRegion: String = "us-east-1"
    public var credentials: any CredentialProvider

    public enum ResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
        case noRegion(String)
        case badRegion(value: String, source: String)
        /// A well-formed region that is not an AWS region, or has no Bedrock endpoint
        /// (`bedrockRegion(_:from:)`).
        case unknownRegion(value: String, source: String, problem: String)
        case badEndpoint(String)
        case badSetting(String)

        public var description: String {
            switch self {
            case .noRegion(let looked):
                return "no AWS region; bedrockctl looked at \(looked). Set one with --region or AWS_REGION."
            case .badRegion(let value, let source):
                return
                    "the region \(value.debugDescription) from \(source) is not a valid region: a region is a "
                    + "host label "
                    + "(letters, digits and '-', 1 to 63 characters, not starting or ending with '-'), such as "
                    + "us-east-1"
            case .unknownRegion(_, let source, let problem): return "the region from \(source): \(problem)"
            case .badEndpoint(let why): return why
            case .badSetting(let why): return why
            }
        }
    }

    public static func resolve(
        _ options: AWSOptions, environment: [String: String], transport: any HTTPTransport, clock: AWSClock = .live
    ) throws -> AWSConfiguration {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let files = SharedConfigFiles.load(environment: environment)
        let profileName = options.profile ?? env("AWS_PROFILE") ?? env("AWS_DEFAULT_PROFILE") ?? "default"
        let explicitProfile = options.profile != nil || env("AWS_PROFILE") != nil || env("AWS_DEFAULT_PROFILE") != nil
        let profile = files.profile(profileName) ?? [:]

        let regionSources: [(value: String?, source: String)] = [
            (options.region, "--region"), (env("AWS_REGION"), "AWS_REGION"),
            (env("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"),
            (profile["region"], "the region of profile '\(profileName)' in \(files.configPath)"),
        ]
        guard
            let (chosenRegion, regionSource) = regionSources.first(where: { $0.value != nil }).map({
                ($0.value!, $0.source)
            })
        else {
            throw ResolutionError.noRegion(
                "--region, AWS_REGION, AWS_DEFAULT_REGION and the region of profile '\(profileName)' in "
                    + "\(files.configPath)"
            )
        }
        let region = try validatedRegion(chosenRegion, from: regionSource)
        func endpoint(_ specific: String, _ service: String, profileKey: String) throws -> URL {
            let chosen =
                options.endpointURL ?? env(specific) ?? env("AWS_ENDPOINT_URL") ?? profile[profileKey]
                ?? profile["endpoint_url"]
            return try validated(
                chosen ?? "https://\(service).\(region).amazonaws.com", from: chosen == nil ? "default" : "configured")
        }
        let bedrock = try endpoint("AWS_ENDPOINT_URL_BEDROCK", "bedrock", profileKey: "bedrock_endpoint_url")
        let runtime = try endpoint(
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "bedrock-runtime", profileKey: "bedrock_runtime_endpoint_url")
        let quotas = try endpoint(
            "AWS_ENDPOINT_URL_SERVICE_QUOTAS", "servicequotas", profileKey: "service_quotas_endpoint_url")
        let tagging = try endpoint(
            "AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API", "tagging",
            profileKey: "resource_groups_tagging_api_endpoint_url")
        let pricingRegion = env("BEDROCKCTL_PRICING_REGION") ?? "us-east-1"
        guard PricingClient.regions.contains(pricingRegion) else {
            throw ResolutionError.badSetting(
                "BEDROCKCTL_PRICING_REGION must be one of \(PricingClient.regions.joined(separator: ", ")) "
                    + "(the regions that serve the Price List API), got '\(pricingRegion.prefix(40))'")
        }
        let pricingText =
            options.endpointURL ?? env("AWS_ENDPOINT_URL_PRICING") ?? env("AWS_ENDPOINT_URL")
            ?? profile["pricing_endpoint_url"] ?? profile["endpoint_url"]
        let pricing = try validated(
            pricingText ?? "https://api.pricing.\(pricingRegion).amazonaws.com",
            from: pricingText == nil ? "default" : "configured")
        let stsText =
            env("AWS_ENDPOINT_URL_STS") ?? options.endpointURL ?? env("AWS_ENDPOINT_URL")
            ?? "https://sts.\(region).amazonaws.com"
        let sts = try validated(stsText, from: "STS")
        let stsClient = STSClient(transport: transport, endpoint: sts, region: region, clock: clock)

        var chain: [any CredentialProvider] = []
        if let key = options.accessKeyId {
            guard let secret = options.secretAccessKey else {
                throw CredentialError.failed("--access-key-id needs --secret-access-key")
            }
            chain.append(
                StaticCredentialProvider(
                    .init(accessKeyId: key, secretAccessKey: secret, sessionToken: options.sessionToken),
                    source: "command-line flags"))
        }
        if options.accessKeyId == nil || options.profile != nil {
            if options.profile == nil {
                chain.append(EnvironmentCredentialProvider(environment: environment))
                chain.append(EnvironmentWebIdentityProvider(environment: environment, sts: stsClient))
            }
            chain.append(
                ProfileCredentialProvider(
                    profile: profileName, explicit: explicitProfile, files: files, environment: environment,
                    sts: stsClient))
        }
        return AWSConfiguration(
            region: region, profile: profileName, bedrockEndpoint: bedrock, runtimeEndpoint: runtime, stsEndpoint: sts,
            serviceQuotasEndpoint: quotas, taggingEndpoint: tagging, pricingEndpoint: pricing,
            pricingRegion: pricingRegion, credentials: CachedCredentialProvider(CredentialChain(chain), clock: clock))
    }

    /// A region as the AWS SDKs accept one: a host label (RFC 1123), so that it can never
    /// change the host an endpoint is built for. `source` names where it came from.
    /// A region where Bedrock has an endpoint, as the catalogue lists them (botocore's
    /// `endpoints.json`); another is refused, naming the nearest that have one.
    public static func bedrockRegion(_ region: String, from source: String) throws(ResolutionError) -> String {
        if let problem = BedrockRegions.problem(region) {
            throw .unknownRegion(value: region, source: source, problem: problem)
        }
        return region
    }

    public static func validatedRegion(_ text: String, from source: String) throws(ResolutionError) -> String {
        let bytes = Array(text.utf8)
        func isAlphanumeric(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }
        guard (1...63).contains(bytes.count), isAlphanumeric(bytes[0]), isAlphanumeric(bytes[bytes.count - 1]),
            bytes.allSatisfy({ isAlphanumeric($0) || $0 == 0x2D })
        else {
            throw .badRegion(value: String(text.prefix(80)), source: source)
        }
        return text
    }

    /// An absolute http(s) URL; plain http only to a loopback address. No user name, password,
    /// query or fragment, which could hide the host the signed requests really go to.
    static func validated(_ text: String, from source: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw ResolutionError.badEndpoint("endpoint '\(text)' is not an absolute URL")
        }
        guard url.user == nil, url.password == nil, url.query == nil, url.fragment == nil, !text.contains("@") else {
            throw ResolutionError.badEndpoint(
                "endpoint '\(text)' may not carry a user name, password, query or fragment")
        }
        switch scheme {
        case "https": return url
        case "http":
            guard isLoopback(host) else {
                throw ResolutionError.badEndpoint(
                    "endpoint '\(text)' uses plain http to a host that is not loopback; use https (plain http is "
                        + "allowed only for 127.0.0.0/8, ::1 and localhost)"
                )
            }
            return url
        default:
            throw ResolutionError.badEndpoint("endpoint '\(text)' must be http(s)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
