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
        EmulatorRoute(
            "GetFoundationModelAvailability", "GET", "/foundation-model-availability/{modelId}",
            reads: { e, i throws(EmulatorError) in try e.getFoundationModelAvailability(i.label, i.ctx) }),
    ]

    /// Refuses a create that would use a foundation model (or a variant of it) this account may
    /// not use (`modelsNotAuthorized`, `modelsWithoutAgreement`), as Bedrock refuses it.
    func admitModel(_ id: String) throws(EmulatorError) {
        let ids = [id, FoundationModelCatalog.model(id: id)?.baseModelId ?? id]
        if ids.contains(where: settings.modelsNotAuthorized.contains) {
            throw .accessDenied("You don't have access to the model with the specified model ID.")
        }
        if ids.contains(where: settings.modelsWithoutAgreement.contains) {
            throw .accessDenied(
                "Your account does not have an agreement to this model. Request access to \(id) first.")
        }
    }

    /// Whether this account may use a model here: NOT_AUTHORIZED for `modelsNotAuthorized`, an
    /// agreement NOT_AVAILABLE for `modelsWithoutAgreement`, and a region NOT_AVAILABLE for a
    /// provisioned variant not sold in the caller's region.
    func getFoundationModelAvailability(_ id: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        try InputReader.checkLabel(
            "modelId", id,
            StringConstraint(shape: "BedrockModelId", minLength: 0, maxLength: 140, pattern: .foundationModelId))
        guard let model = FoundationModelCatalog.model(id: id) else {
            throw .notFound("The model \(id) was not found.")
        }
        let ids = [id, model.baseModelId]
        let authorized = !ids.contains(where: settings.modelsNotAuthorized.contains)
        let agreed = !ids.contains(where: settings.modelsWithoutAgreement.contains)
        let here =
            !model.supportsProvisioned || model.inferenceTypesSupported.contains(.onDemand)
            || model.provisionedRegions.contains(ctx.region)
        let answer = Bedrock.FoundationModelAvailability(
            modelId: id,
            agreementAvailability: .init(
                status: agreed ? .available : .notAvailable,
                errorMessage: agreed ? nil : "The end user license agreement for \(id) has not been accepted."),
            authorizationStatus: authorized ? .authorized : .notAuthorized,
            entitlementAvailability: .available, regionAvailability: here ? .available : .notAvailable)
        return .wire(200, answer, requestId: ctx.requestId)
    }

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
        try InputReader.checkLabel(
            "modelIdentifier", id,
            StringConstraint(
                shape: "GetFoundationModelIdentifier", minLength: 1, maxLength: 2048, pattern: .foundationModelId))
        guard let model = FoundationModelCatalog.model(id: id) else {
            throw .notFound("The model \(identifier) was not found.")
        }
        let answer = Bedrock.GetFoundationModelOutput(modelDetails: foundationModel(model, region: ctx.region))
        return .wire(200, answer, requestId: ctx.requestId)
    }
}
