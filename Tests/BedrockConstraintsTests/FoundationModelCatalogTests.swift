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
}
