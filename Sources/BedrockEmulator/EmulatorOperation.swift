/// An operation the emulator answers on its port, by the name the service model gives it: routing
/// resolves a request to one of these before anything else is done with it, so that a rate limit
/// (or a log line) can name it. The Bedrock operations are the routes' (`EmulatorRoute`), each
/// declared beside the resource it serves; the other services' are listed here.
public struct EmulatorOperation: RawRepresentable, CaseIterable, Sendable, Hashable {
    public let rawValue: String

    /// The operation the emulator serves under `rawValue`; nil when it serves none.
    public init?(rawValue: String) {
        guard Self.served.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    init(_ name: String) { rawValue = name }

    // service-quotas 2019-06-24
    public static let getServiceQuota = EmulatorOperation("GetServiceQuota")
    public static let listServiceQuotas = EmulatorOperation("ListServiceQuotas")
    public static let getAWSDefaultServiceQuota = EmulatorOperation("GetAWSDefaultServiceQuota")
    public static let listAWSDefaultServiceQuotas = EmulatorOperation("ListAWSDefaultServiceQuotas")
    public static let requestServiceQuotaIncrease = EmulatorOperation("RequestServiceQuotaIncrease")
    public static let getRequestedServiceQuotaChange = EmulatorOperation("GetRequestedServiceQuotaChange")
    public static let listRequestedServiceQuotaChangeHistoryByQuota = EmulatorOperation(
        "ListRequestedServiceQuotaChangeHistoryByQuota")
    /// The Service Quotas operations served.
    public static let serviceQuotas: [EmulatorOperation] = [
        .getServiceQuota, .listServiceQuotas, .getAWSDefaultServiceQuota, .listAWSDefaultServiceQuotas,
        .requestServiceQuotaIncrease, .getRequestedServiceQuotaChange, .listRequestedServiceQuotaChangeHistoryByQuota,
    ]
    // sts 2011-06-15
    public static let getCallerIdentity = EmulatorOperation("GetCallerIdentity")
    // resourcegroupstaggingapi 2017-01-26
    public static let getResources = EmulatorOperation("GetResources")
    // pricing 2017-10-15
    public static let getProducts = EmulatorOperation("GetProducts")
    public static let describeServices = EmulatorOperation("DescribeServices")
    public static let getAttributeValues = EmulatorOperation("GetAttributeValues")
    /// The Price List operations served.
    public static let pricing: [EmulatorOperation] = [.getProducts, .describeServices, .getAttributeValues]

    /// Every operation: the routes' (bedrock and bedrock-runtime), then the JSON and query
    /// protocol services'.
    public static let allCases: [EmulatorOperation] =
        Emulator.routes.map(\.operation) + serviceQuotas + [.getCallerIdentity, .getResources] + pricing

    /// Every operation's name, for `init(rawValue:)`, which each Service Quotas request makes.
    private static let served = Set(allCases.map(\.rawValue))

    /// The operation's name in its service model.
    public var name: String { rawValue }

    /// The names, sorted, for messages that list them.
    public static var names: [String] { allCases.map(\.rawValue).sorted() }
}
