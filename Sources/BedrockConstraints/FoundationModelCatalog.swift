/// One foundation model id as bedrockctl knows it (`BedrockCatalog`): used to warn about a model
/// id that looks like a foundation model but is not one known here, to refuse a throughput where
/// it is not sold, and as the emulator's catalogue.
///
/// Provisioned Throughput is bought on the context-length variants (`…:0:8k`), which report
/// `PROVISIONED` in `inferenceTypesSupported`; the plain ids are on-demand only, as the service
/// reports them.
public struct FoundationModelInfo: Sendable, Hashable {
    public enum Modality: String, Sendable, Hashable, Decodable {
        case text = "TEXT"
        case image = "IMAGE"
        case embedding = "EMBEDDING"
    }
    public enum InferenceType: String, Sendable, Hashable {
        case onDemand = "ON_DEMAND"
        case provisioned = "PROVISIONED"
    }
    /// The request and response bodies a model's InvokeModel speaks, by family.
    public enum Family: String, Sendable, Hashable, Decodable {
        case titanText = "titan-text"
        case titanEmbedding = "titan-embedding"
        case titanImage = "titan-image"
        case nova
        case novaImage = "nova-image"
        case anthropic
        case meta
        case mistral
        case cohereCommand = "cohere-command"
        case cohereCommandR = "cohere-command-r"
        case cohereEmbed = "cohere-embed"
        case ai21Jamba = "ai21-jamba"
        case stability
    }
    public enum Customization: String, Sendable, Hashable, Decodable {
        case fineTuning = "FINE_TUNING"
        case continuedPreTraining = "CONTINUED_PRE_TRAINING"
        case distillation = "DISTILLATION"
    }

    public var modelId: String
    public var modelName: String
    public var providerName: String
    public var inputModalities: [Modality]
    public var outputModalities: [Modality]
    public var responseStreamingSupported: Bool
    public var customizationsSupported: [Customization]
    public var inferenceTypesSupported: [InferenceType]
    public var legacy: Bool
    /// Whether a Provisioned Throughput of this model may be bought without a commitment term.
    /// The service model says custom models support every commitment and base models vary
    /// ("To see which base models support no commitment, see …"); false only on provisioned
    /// variants.
    public var offersNoCommitment: Bool = true
    /// How its native InvokeModel body is shaped.
    public var family: Family = .titanText
    /// The regions where a provisioned variant is sold as Provisioned Throughput; empty for the
    /// on-demand ids.
    public var provisionedRegions: [String] = []
    /// The on-demand id a provisioned variant belongs to (itself for an on-demand id).
    public var baseModelId: String = ""
    /// The model's name in the Price List's Provisioned Throughput usage types; nil where AWS
    /// lists none (or the catalogue does not know it), so its throughputs have no published price.
    public var priceListModel: String?

    public var supportsProvisioned: Bool { inferenceTypesSupported.contains(.provisioned) }
}

public enum FoundationModelCatalog {
    public static func model(id: String) -> FoundationModelInfo? { byId[id] }

    private static let byId: [String: FoundationModelInfo] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.modelId, $0) })

    /// Every id of the shipped catalogue: each model's on-demand id, then its provisioned
    /// variants (`BedrockCatalog.Model.provisioned`).
    public static let all: [FoundationModelInfo] = BedrockCatalog.shipped.models.flatMap { model in
        let onDemand = FoundationModelInfo(
            modelId: model.id, modelName: model.name, providerName: model.provider, inputModalities: model.input,
            outputModalities: model.output, responseStreamingSupported: model.streaming,
            customizationsSupported: model.customizations, inferenceTypesSupported: [.onDemand],
            legacy: model.legacy, family: model.family, baseModelId: model.id,
            priceListModel: model.priceList?.model)
        var both = onDemand
        if let own = model.provisioned.first(where: \.suffix.isEmpty) {
            both.inferenceTypesSupported = [.onDemand, .provisioned]
            both.offersNoCommitment = own.noCommitment
            both.provisionedRegions = own.regions
        }
        return [both]
            + model.provisioned.filter { !$0.suffix.isEmpty }.map { variant in
                var info = onDemand
                info.modelId = model.id + variant.suffix
                info.customizationsSupported = []
                info.inferenceTypesSupported = [.provisioned]
                info.offersNoCommitment = variant.noCommitment
                info.provisionedRegions = variant.regions
                return info
            }
    }
}
