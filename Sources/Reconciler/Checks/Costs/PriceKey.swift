import BedrockConstraints

/// What a throughput's hourly price depends on: the region, the base foundation model (for a
/// custom model, its base), whether the model is custom, and the commitment term.
public struct PriceKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var region: String
    /// The foundation model's on-demand id (`amazon.nova-2-lite-v1:0`), a variant's base.
    public var baseModelId: String
    public var custom: Bool
    public var term: CommitmentDuration?

    public init(region: String, baseModelId: String, custom: Bool, term: CommitmentDuration?) {
        self.region = region
        self.baseModelId = baseModelId
        self.custom = custom
        self.term = term
    }

    /// The model's name in the Price List's usage types, from the catalogue.
    public var priceListModel: String? { FoundationModelCatalog.model(id: baseModelId)?.priceListModel }

    /// The key of a throughput of `modelId` (a foundation model id or ARN, a custom model ARN);
    /// nil for a custom model named by name, whose base is not known before apply.
    public init?(region: String, modelId: String, term: CommitmentDuration?, foundationModelArn: String? = nil) {
        var base: String?
        var custom = false
        if let arn = BedrockARN(modelId) {
            if let customBase = arn.customModelBase {
                (base, custom) = (customBase, true)
            } else if let id = arn.foundationModelId {
                base = id
            } else if let foundation = foundationModelArn.flatMap(BedrockARN.init)?.foundationModelId {
                (base, custom) = (foundation, true)
            }
        } else if modelId.contains(".") {
            base = modelId
        } else if let foundation = foundationModelArn.flatMap(BedrockARN.init)?.foundationModelId {
            (base, custom) = (foundation, true)
        }
        guard let base else { return nil }
        self.init(
            region: region, baseModelId: FoundationModelCatalog.model(id: base)?.baseModelId ?? base, custom: custom,
            term: term)
    }

    public var description: String {
        "\(baseModelId)\(custom ? " (custom)" : "") \(term?.rawValue ?? "no commitment") in \(region)"
    }
}
