import BedrockConstraints
import Testing

@Suite struct FoundationModelCatalogTests {
    @Test func everyIdIsAValidFoundationModelIdAndUnique() {
        var seen: Set<String> = []
        for model in FoundationModelCatalog.all {
            #expect(BedrockPattern.foundationModelId.matches(model.modelId), "\(model.modelId)")
            #expect(seen.insert(model.modelId).inserted, "\(model.modelId) listed twice")
        }
    }

    @Test func provisionedVariantsAreSeparateFromOnDemandIds() throws {
        let onDemand = try #require(FoundationModelCatalog.model(id: "amazon.titan-text-express-v1"))
        let provisioned = try #require(FoundationModelCatalog.model(id: "amazon.titan-text-express-v1:0:8k"))
        #expect(!onDemand.supportsProvisioned)
        #expect(provisioned.supportsProvisioned)
        #expect(FoundationModelCatalog.all.filter(\.supportsProvisioned).count >= 5)
    }

    /// Values documented as Yes in the no-commitment column of
    /// https://docs.aws.amazon.com/bedrock/latest/userguide/pt-supported.html.
    @Test(arguments: [
        "amazon.titan-text-express-v1:0:8k", "amazon.titan-embed-text-v1:2:8k", "amazon.nova-micro-v1:0:128k",
        "amazon.nova-lite-v1:0:300k", "amazon.nova-pro-v1:0:300k",
    ])
    func documentedNoCommitmentVariantsOfferNoCommitment(id: String) throws {
        let model = try #require(FoundationModelCatalog.model(id: id))
        #expect(model.supportsProvisioned)
        #expect(model.offersNoCommitment)
    }
}
