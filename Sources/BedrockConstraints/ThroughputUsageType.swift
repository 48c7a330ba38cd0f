/// The usage type of a Provisioned Throughput row of the Price List:
/// `<REGION PREFIX>-<Model>-ProvisionedThroughput-[Custom-]{NoCommit|1month|6months}-ModelUnits`,
/// billed by the model unit and hour (`USE1-Nova2.0Lite-ProvisionedThroughput-1month-ModelUnits`).
/// The region prefix is the billing code of the row's region, read from the row itself.
public struct ThroughputUsageType: Sendable, Hashable, CustomStringConvertible {
    /// The billing region code (`USE1`, `USW2`); bedrockctl keeps no table of them.
    public var regionPrefix: String
    /// The model as the Price List names it (`Nova2.0Lite`, `Llama3-1-70B`): the catalogue's
    /// `priceList` of the model.
    public var model: String
    /// The rows of custom models (`-Custom-`), where the list has them apart from the base's.
    public var custom: Bool
    /// The commitment term; nil for no commitment.
    public var term: CommitmentDuration?

    public init(regionPrefix: String, model: String, custom: Bool, term: CommitmentDuration?) {
        self.regionPrefix = regionPrefix
        self.model = model
        self.custom = custom
        self.term = term
    }

    public static let marker = "-ProvisionedThroughput-"

    /// What a GetProducts filter on `usagetype` CONTAINS to find every row of `model`, any term.
    public static func fragment(model: String) -> String { "-\(model)\(marker)" }

    /// The term as the usage type spells it.
    public static func termText(_ term: CommitmentDuration?) -> String {
        switch term {
        case nil: "NoCommit"
        case .oneMonth: "1month"
        case .sixMonths: "6months"
        }
    }

    /// Reads a usage type; nil for one that is not a Provisioned Throughput model-unit row.
    public init?(_ text: String) {
        guard let marker = text.range(of: Self.marker), text.hasSuffix("-ModelUnits"),
            let dash = text[..<marker.lowerBound].firstIndex(of: "-")
        else { return nil }
        let prefix = String(text[..<dash])
        let model = String(text[text.index(after: dash)..<marker.lowerBound])
        var rest = text[marker.upperBound...].dropLast("-ModelUnits".count)
        let custom = rest.hasPrefix("Custom-")
        if custom { rest = rest.dropFirst("Custom-".count) }
        let term: CommitmentDuration?
        switch rest {
        case "NoCommit": term = nil
        case "1month": term = .oneMonth
        // The six-month term as the issue that asked for it spells it; "6month" is read too.
        case "6months", "6month": term = .sixMonths
        default: return nil
        }
        guard !prefix.isEmpty, !model.isEmpty, prefix.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
        else { return nil }
        self.init(regionPrefix: prefix, model: model, custom: custom, term: term)
    }

    public var description: String {
        "\(regionPrefix)-\(model)\(Self.marker)\(custom ? "Custom-" : "")\(Self.termText(term))-ModelUnits"
    }
}
