/// Numeric and list limits of the Bedrock API that are not string patterns.
public enum BedrockLimits {
    /// PositiveInteger: modelUnits is at least 1.
    public static let minModelUnits = 1
    /// Bedrock's documented tag quota per resource (the TagList shape itself allows 200).
    public static let maxTagsPerResource = 50
    /// Tag keys with this prefix are reserved by AWS.
    public static let reservedTagPrefix = "aws:"
    /// SubnetIds: 1 to 16.
    public static let subnetIds = 1...16
    /// SecurityGroupIds: 1 to 5.
    public static let securityGroupIds = 1...5
    /// bedrock-runtime's Body: at most 25,000,000 bytes.
    public static let invokeBodyMaxBytes = 25_000_000
}

/// CommitmentDuration.
public enum CommitmentDuration: String, Sendable, Hashable, CaseIterable, Codable {
    case oneMonth = "OneMonth"
    case sixMonths = "SixMonths"

    /// Length of the commitment in calendar months.
    public var months: Int {
        switch self {
        case .oneMonth: return 1
        case .sixMonths: return 6
        }
    }
}
