/// What bedrockctl knows of Bedrock's foundation models: used to warn about a model id that looks
/// like a foundation model but is not one known here, and as the emulator's catalogue.
///
/// Provisioned Throughput is bought on the context-length variants (`…:0:8k`), which report
/// `PROVISIONED` in `inferenceTypesSupported`; the plain ids are on-demand only, as the service
/// reports them.
public struct FoundationModelInfo: Sendable, Hashable {
    public enum Modality: String, Sendable, Hashable {
        case text = "TEXT"
        case image = "IMAGE"
        case embedding = "EMBEDDING"
    }
    public enum InferenceType: String, Sendable, Hashable {
        case onDemand = "ON_DEMAND"
        case provisioned = "PROVISIONED"
    }
    public enum Customization: String, Sendable, Hashable {
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

    public var supportsProvisioned: Bool { inferenceTypesSupported.contains(.provisioned) }
}

public enum FoundationModelCatalog {
    public static func model(id: String) -> FoundationModelInfo? { byId[id] }

    private static let byId: [String: FoundationModelInfo] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.modelId, $0) })

    /// The `noCommitment:` values follow the "No-commitment purchase supported for base model" column of AWS's
    /// "Supported Region and models for Provisioned Throughput" page,
    /// https://docs.aws.amazon.com/bedrock/latest/userguide/pt-supported.html, which says Yes for
    /// amazon.titan-text-express-v1:0:8k, amazon.titan-embed-text-v1:2:8k, amazon.nova-micro-v1:0:128k,
    /// amazon.nova-lite-v1:0:300k and amazon.nova-pro-v1:0:300k. Not found on that page (current value kept):
    /// amazon.titan-text-lite-v1:0:4k, amazon.titan-embed-text-v2:0:8k, the anthropic.claude-3-haiku,
    /// claude-3-sonnet, claude-3-5-sonnet, claude-v2:1 and claude-instant-v1 variants, cohere.command-text-v14:7:4k,
    /// cohere.embed-english-v3:0:512 and stability.stable-diffusion-xl-v1:0.
    public static let all: [FoundationModelInfo] = {
        var models: [FoundationModelInfo] = []
        func add(
            _ id: String, _ name: String, _ provider: String, in input: [FoundationModelInfo.Modality] = [.text],
            out output: [FoundationModelInfo.Modality] = [.text], stream: Bool = true,
            custom: [FoundationModelInfo.Customization] = [], provisioned: [String] = [], legacy: Bool = false,
            noCommitment: Bool = true
        ) {
            models.append(
                .init(
                    modelId: id, modelName: name, providerName: provider, inputModalities: input,
                    outputModalities: output,
                    responseStreamingSupported: stream, customizationsSupported: custom,
                    inferenceTypesSupported: [.onDemand], legacy: legacy))
            for suffix in provisioned {
                models.append(
                    .init(
                        modelId: id + suffix, modelName: name, providerName: provider, inputModalities: input,
                        outputModalities: output,
                        responseStreamingSupported: stream, customizationsSupported: [],
                        inferenceTypesSupported: [.provisioned], legacy: legacy, offersNoCommitment: noCommitment))
            }
        }
        // noCommitment: see the doc comment on `all`; the four legacy models marked false are not found on
        // the AWS page and keep this catalogue's earlier commitment-only choice.
        add(
            "amazon.titan-text-express-v1", "Titan Text G1 - Express", "Amazon",
            custom: [.fineTuning, .continuedPreTraining], provisioned: [":0:8k"])
        add(
            "amazon.titan-text-lite-v1", "Titan Text G1 - Lite", "Amazon",
            custom: [.fineTuning, .continuedPreTraining], provisioned: [":0:4k"])
        add(
            "amazon.titan-embed-text-v1", "Titan Embeddings G1 - Text", "Amazon", out: [.embedding], stream: false,
            provisioned: [":2:8k"])
        add(
            "amazon.titan-embed-text-v2:0", "Titan Text Embeddings V2", "Amazon", out: [.embedding], stream: false,
            provisioned: [":8k"])
        add(
            "amazon.titan-image-generator-v2:0", "Titan Image Generator G1 v2", "Amazon", in: [.text, .image],
            out: [.image], stream: false, custom: [.fineTuning])
        add(
            "amazon.nova-micro-v1:0", "Nova Micro", "Amazon", custom: [.fineTuning, .distillation],
            provisioned: [":128k"])
        add(
            "amazon.nova-lite-v1:0", "Nova Lite", "Amazon", in: [.text, .image], custom: [.fineTuning, .distillation],
            provisioned: [":300k"])
        add(
            "amazon.nova-pro-v1:0", "Nova Pro", "Amazon", in: [.text, .image], custom: [.fineTuning, .distillation],
            provisioned: [":300k"])
        add(
            "anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku", "Anthropic", in: [.text, .image],
            custom: [.fineTuning], provisioned: [":48k", ":200k"])
        add(
            "anthropic.claude-3-sonnet-20240229-v1:0", "Claude 3 Sonnet", "Anthropic", in: [.text, .image],
            provisioned: [":28k", ":200k"], legacy: true, noCommitment: false)
        add(
            "anthropic.claude-3-5-sonnet-20240620-v1:0", "Claude 3.5 Sonnet", "Anthropic", in: [.text, .image],
            provisioned: [":18k", ":51k", ":200k"])
        add(
            "anthropic.claude-v2:1", "Claude", "Anthropic", provisioned: [":18k", ":200k"], legacy: true,
            noCommitment: false)
        add(
            "anthropic.claude-instant-v1", "Claude Instant", "Anthropic", provisioned: [":2:100k"], legacy: true,
            noCommitment: false)
        add("meta.llama3-8b-instruct-v1:0", "Llama 3 8B Instruct", "Meta")
        add("meta.llama3-70b-instruct-v1:0", "Llama 3 70B Instruct", "Meta")
        add("meta.llama3-1-8b-instruct-v1:0", "Llama 3.1 8B Instruct", "Meta", custom: [.fineTuning])
        add("cohere.command-r-v1:0", "Command R", "Cohere")
        add(
            "cohere.command-text-v14", "Command", "Cohere", custom: [.fineTuning], provisioned: [":7:4k"], legacy: true,
            noCommitment: false)
        add(
            "cohere.embed-english-v3", "Embed English", "Cohere", out: [.embedding], stream: false,
            provisioned: [":0:512"])
        add("mistral.mistral-7b-instruct-v0:2", "Mistral 7B Instruct", "Mistral AI")
        add("mistral.mistral-large-2402-v1:0", "Mistral Large (24.02)", "Mistral AI")
        add("ai21.jamba-1-5-large-v1:0", "Jamba 1.5 Large", "AI21 Labs")
        add(
            "stability.stable-diffusion-xl-v1", "SDXL 1.0", "Stability AI", in: [.text, .image], out: [.image],
            stream: false, provisioned: [":0"])
        return models
    }()
}
