import AWSClient
import BedrockConstraints
import Foundation

extension Emulator {
    static let foundationModelRoutes = [
        EmulatorRoute(
            "ListFoundationModels", "GET", "/foundation-models",
            reads: { e, i throws(EmulatorError) in try e.listFoundationModels(i.request, i.ctx) }),
        EmulatorRoute(
            "GetFoundationModel", "GET", "/foundation-models/{modelIdentifier}",
            reads: { e, i throws(EmulatorError) in try e.getFoundationModel(i.label, i.ctx) }),
    ]

    func foundationModel(_ model: FoundationModelInfo, region: String) -> Bedrock.FoundationModel {
        Bedrock.FoundationModel(
            modelArn: foundationArn(model.modelId, region: region), modelId: model.modelId,
            modelName: model.modelName, providerName: model.providerName,
            inputModalities: model.inputModalities.map(\.rawValue),
            outputModalities: model.outputModalities.map(\.rawValue),
            responseStreamingSupported: model.responseStreamingSupported,
            customizationsSupported: model.customizationsSupported.map(\.rawValue),
            inferenceTypesSupported: model.inferenceTypesSupported.map(\.rawValue),
            modelLifecycle: .init(status: model.legacy ? "LEGACY" : "ACTIVE"))
    }

    func listFoundationModels(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        var reader = InputReader(values: [:])
        let checks: [(String, [String])] = [
            ("byCustomizationType", ["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"]),
            ("byOutputModality", ["TEXT", "IMAGE", "EMBEDDING"]), ("byInferenceType", ["ON_DEMAND", "PROVISIONED"]),
        ]
        for (name, allowed) in checks {
            if let value = request.queryValue(name), !allowed.contains(value) {
                reader.fail(name, value, "satisfy enum value set: [\(allowed.joined(separator: ", "))]")
            }
        }
        try reader.check()
        let provider = request.queryValue("byProvider")?.lowercased()
        let models = FoundationModelCatalog.all.filter { m in
            (provider.map { m.providerName.lowercased() == $0 || m.modelId.hasPrefix($0 + ".") } ?? true)
                && (request.queryValue("byCustomizationType").map { c in
                    m.customizationsSupported.contains { $0.rawValue == c }
                } ?? true)
                && (request.queryValue("byOutputModality").map { o in m.outputModalities.contains { $0.rawValue == o } }
                    ?? true)
                && (request.queryValue("byInferenceType").map { i in
                    m.inferenceTypesSupported.contains { $0.rawValue == i }
                } ?? true)
        }
        let answer = Bedrock.ListFoundationModelsOutput(
            modelSummaries: models.map { foundationModel($0, region: ctx.region) })
        return .wire(200, answer, requestId: ctx.requestId)
    }

    func getFoundationModel(_ identifier: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        let id = BedrockARN(identifier)?.foundationModelId ?? identifier
        var reader = InputReader(values: [:])
        _ = reader.validate(
            "modelIdentifier", id,
            StringConstraint(
                shape: "GetFoundationModelIdentifier", minLength: 1, maxLength: 2048, pattern: .foundationModelId))
        try reader.check()
        guard let model = FoundationModelCatalog.model(id: id) else {
            throw .notFound("The model \(identifier) was not found.")
        }
        let answer = Bedrock.GetFoundationModelOutput(modelDetails: foundationModel(model, region: ctx.region))
        return .wire(200, answer, requestId: ctx.requestId)
    }
}
