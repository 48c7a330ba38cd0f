import AWSClient
import BedrockConstraints
import Foundation

/// A model a Custom Model Import job made.
struct ImportedModelRecord: EmulatorResource {
    static var arnType: BedrockARN.ResourceType { .importedModel }

    var id: String
    var region: String
    var name: String
    var jobName: String
    var jobArn: String
    var s3Uri: String
    var creationTime: Date
    var kmsKeyArn: String?
    /// When it last answered an invoke or finished loading; its creation before either.
    var lastActive: Date?
    /// Set while it loads after an eviction: invokes are not answered before then.
    var loadingUntil: Date?

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .importedModel, resource: id).description
    }
}

extension ImportedModelRecord {
    static let stateKey = "importedModels"
    static let noun = "imported model"
    var label: String { name }
    var dates: [Date?] { [creationTime, lastActive, loadingUntil] }

    static let routes = [
        EmulatorRoute(
            "GetImportedModel", "GET", "/imported-models/{modelIdentifier}",
            reads: { e, i throws(EmulatorError) in try e.getImportedModel(i.label, i.ctx) }),
        EmulatorRoute(
            "ListImportedModels", "GET", "/imported-models",
            reads: { e, i throws(EmulatorError) in try e.listImportedModels(i.request, i.ctx) }),
        EmulatorRoute(
            "DeleteImportedModel", "DELETE", "/imported-models/{modelIdentifier}",
            changes: { e, i throws(EmulatorError) in try e.deleteImportedModel(i.label, i.ctx) }),
    ]

    /// An imported model answers by ARN, once loaded (`admitInvoke`: a cold start after idling).
    static func invocation(
        of identifier: String, arn: BedrockARN?, in emulator: isolated Emulator, _ ctx: Emulator.Context
    ) throws(EmulatorError) -> String? {
        guard arn?.type == .importedModel else { return nil }
        guard let index = emulator.state.importedModels.firstIndex(where: { $0.isNamed(by: arn) }) else {
            throw .notFound("The imported model \(identifier) was not found.")
        }
        try emulator.admitInvoke(importedModelAt: index, now: ctx.now)
        return emulator.state.importedModels[index].name
    }
}

extension EmulatorState {
    var importedModels: [ImportedModelRecord] {
        get { self[ImportedModelRecord.self] }
        _modify { yield &self[ImportedModelRecord.self] }
    }
}

extension Emulator {
    func importedModelIndex(_ identifier: String, _ ctx: Context) throws(EmulatorError) -> Int {
        // A name that fails `ImportedModelIdentifier`'s pattern is the model's 400, not a 404.
        if !identifier.hasPrefix("arn:") {
            try InputReader.checkLabel(
                "modelIdentifier", identifier,
                StringConstraint(
                    shape: "ImportedModelIdentifier", minLength: 1, maxLength: 1011, pattern: .resourceName))
        }
        guard
            let index = state.importedModels.firstIndex(where: { [arn = BedrockARN(identifier)] in
                ($0.region == ctx.region && $0.name == identifier) || $0.isNamed(by: arn)
            })
        else {
            throw .notFound("Imported model \(identifier) was not found.")
        }
        return index
    }

    func getImportedModel(_ id: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        let model = state.importedModels[try importedModelIndex(id, ctx)]
        let answer = Bedrock.ImportedModel(
            modelArn: model.arn, modelName: model.name, jobName: model.jobName, jobArn: model.jobArn,
            modelDataSource: .init(s3Uri: model.s3Uri), creationTime: model.creationTime,
            modelArchitecture: "llama3", modelKmsKeyArn: model.kmsKeyArn, instructSupported: true,
            customModelUnits: .init(customModelUnitsPerModelCopy: 2, customModelUnitsVersion: "1.0"))
        return .wire(200, answer, requestId: ctx.requestId)
    }

    func listImportedModels(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        var reader = InputReader(values: [:])
        let nameContains = request.queryValue("nameContains")
        if let nameContains { _ = reader.validate("nameContains", nameContains, .importedModelName) }
        try reader.check()
        let query = try listQuery(request)
        let matching = state.importedModels.filter {
            $0.region == ctx.region && (nameContains.map($0.name.contains) ?? true)
        }
        let (items, next) = page(matching, created: \.creationTime, query)
        let answer = Bedrock.ListImportedModelsOutput(
            nextToken: next,
            modelSummaries: items.map {
                Bedrock.ImportedModelSummary(
                    modelArn: $0.arn, modelName: $0.name, creationTime: $0.creationTime, instructSupported: true,
                    modelArchitecture: "llama3")
            })
        return .wire(200, answer, requestId: ctx.requestId)
    }

    func deleteImportedModel(_ id: String, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        let index = try importedModelIndex(id, ctx)
        let model = state.importedModels.remove(at: index)
        untagGone(model.arn, region: model.region, at: ctx.now)
        return (.empty(requestId: ctx.requestId), true)
    }
}
