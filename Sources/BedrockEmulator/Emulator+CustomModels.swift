import AWSClient
import BedrockConstraints
import Foundation

/// The custom models every emulated account has (`CustomModelCatalog`): GetCustomModel and
/// ListCustomModels, for other AWS clients and for a deployment's model.
extension Emulator {
    static let customModelRoutes = [
        EmulatorRoute(
            "GetCustomModel", "GET", "/custom-models/{modelIdentifier}",
            reads: { e, i throws(EmulatorError) in try e.getCustomModel(i.label, i.ctx) }),
        EmulatorRoute(
            "ListCustomModels", "GET", "/custom-models",
            reads: { e, i throws(EmulatorError) in try e.listCustomModels(i.request, i.ctx) }),
    ]

    /// When the system inference profiles were made, in every account.
    static let customModelCreation = CustomModelCatalog.early

    func customModelSummary(_ model: CustomModel, region: String) -> Bedrock.CustomModelSummary {
        Bedrock.CustomModelSummary(
            modelArn: model.arn(region: region), modelName: model.name, creationTime: model.created,
            baseModelArn: foundationArn(model.baseModelId, region: region),
            baseModelName: FoundationModelCatalog.model(id: model.baseModelId)?.modelName ?? model.baseModelId,
            customizationType: "FINE_TUNING", ownerAccountId: Self.account, modelStatus: .active)
    }

    func getCustomModel(_ id: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        try InputReader.checkLabel("modelIdentifier", id, .modelIdentifier)
        guard let model = CustomModelCatalog.find(id), BedrockARN(id).map({ $0.region == ctx.region }) ?? true else {
            throw .notFound("The custom model \(id) was not found.")
        }
        let answer = Bedrock.CustomModel(
            modelArn: model.arn(region: ctx.region), modelName: model.name, creationTime: model.created,
            baseModelArn: foundationArn(model.baseModelId, region: ctx.region), customizationType: "FINE_TUNING",
            modelStatus: .active)
        return .wire(200, answer, requestId: ctx.requestId)
    }

    func listCustomModels(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        let query = try listQuery(request)
        let nameContains = request.queryValue("nameContains")
        let matching = CustomModelCatalog.all.filter { nameContains.map($0.name.contains) ?? true }
        let (items, next) = page(matching, created: { $0.created }, query)
        let answer = Bedrock.ListCustomModelsOutput(
            nextToken: next, modelSummaries: items.map { customModelSummary($0, region: ctx.region) })
        return .wire(200, answer, requestId: ctx.requestId)
    }
}
