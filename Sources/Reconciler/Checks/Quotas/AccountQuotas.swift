import AWSClient
import BedrockConstraints

/// The quotas an account lists for service code `bedrock` (ListServiceQuotas), and how a quota
/// bedrockctl checks is found among them: by its name, the one published link from a model to
/// its quota, then by its code where AWS publishes one.
public struct AccountQuotas: Sendable, Hashable {
    /// One quota as the account lists it.
    public struct Listed: Sendable, Hashable {
        public var code: String
        public var name: String?
        public var value: Double
        public var adjustable: Bool?

        public init(code: String, name: String?, value: Double, adjustable: Bool? = nil) {
            self.code = code
            self.name = name
            self.value = value
            self.adjustable = adjustable
        }
    }

    public var listed: [Listed]

    public init(listed: [Listed]) { self.listed = listed }

    /// What ListServiceQuotas answered; a quota without a code or a value is left out.
    public init(_ quotas: [ServiceQuotas.ServiceQuota]) {
        listed = quotas.compactMap { quota in
            guard let code = quota.quotaCode, let value = quota.value else { return nil }
            return Listed(code: code, name: quota.quotaName, value: value, adjustable: quota.adjustable)
        }
    }

    /// Quota values by code only, as a caller that knows no names would list them.
    public init(values: [String: Double]) {
        listed = values.sorted { $0.key < $1.key }.map { Listed(code: $0.key, name: nil, value: $0.value) }
    }

    /// The account's entry for `quota`: the one of the same name (white space and case aside:
    /// AWS's own tables carry stray spaces), else the one of its code.
    public func find(_ quota: ModelUnitQuota) -> Listed? {
        let name = Self.folded(quota.name)
        return listed.first { $0.name.map(Self.folded) == name }
            ?? quota.code.flatMap { code in listed.first { $0.code == code } }
    }

    static func folded(_ name: String) -> String {
        name.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
