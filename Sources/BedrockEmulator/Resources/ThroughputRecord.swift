import AWSClient
import BedrockConstraints
import Foundation

/// A Provisioned Throughput: Creating → InService (or Failed), Updating while it moves to
/// another custom model.
struct ThroughputRecord: EmulatorResource {
    static var arnType: BedrockARN.ResourceType { .provisionedModel }

    var id: String
    var region: String
    var name: String
    var modelArn: String
    var desiredModelArn: String
    var foundationModelArn: String
    var modelUnits: Int
    var commitmentDuration: CommitmentDuration?
    var commitmentExpirationTime: Date?
    var creationTime: Date
    var lastModifiedTime: Date
    /// `Creating` or `Updating` until `transitionEnds`.
    var transition: Bedrock.ProvisionedModelStatus?
    var transitionEnds: Date?
    /// Set when provisioning will fail (or has failed): the status becomes `Failed`.
    var failureMessage: String?

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .provisionedModel, resource: id).description
    }

    func status(at now: Date) -> Bedrock.ProvisionedModelStatus {
        if let transition, let ends = transitionEnds, now < ends { return transition }
        return failureMessage == nil ? .inService : .failed
    }

    /// Whether a transition's time has come.
    func isDue(at now: Date) -> Bool { transitionEnds.map { now >= $0 } ?? false }

    /// Finishes a transition whose time has come.
    mutating func settle(at now: Date) {
        guard isDue(at: now), let ends = transitionEnds else { return }
        transition = nil
        transitionEnds = nil
        if failureMessage == nil { modelArn = desiredModelArn }
        lastModifiedTime = ends
    }
}

extension ThroughputRecord {
    static let stateKey = "throughputs"
    static let noun = "throughput"
    var label: String { name }
    var dates: [Date?] { [creationTime, lastModifiedTime, commitmentExpirationTime, transitionEnds] }

    static let routes = [
        EmulatorRoute(
            "CreateProvisionedModelThroughput", "POST", "/provisioned-model-throughput",
            changes: { e, i throws(EmulatorError) in try e.createThroughput(i.request, i.ctx) }),
        EmulatorRoute(
            "GetProvisionedModelThroughput", "GET", "/provisioned-model-throughput/{provisionedModelId}",
            reads: { e, i throws(EmulatorError) in try e.getThroughput(i.label, i.ctx) }),
        EmulatorRoute(
            "UpdateProvisionedModelThroughput", "PATCH", "/provisioned-model-throughput/{provisionedModelId}",
            changes: { e, i throws(EmulatorError) in try e.updateThroughput(i.label, i.request, i.ctx) }),
        EmulatorRoute(
            "DeleteProvisionedModelThroughput", "DELETE", "/provisioned-model-throughput/{provisionedModelId}",
            changes: { e, i throws(EmulatorError) in try e.deleteThroughput(i.label, i.ctx) }),
        EmulatorRoute(
            "ListProvisionedModelThroughputs", "GET", "/provisioned-model-throughputs",
            reads: { e, i throws(EmulatorError) in try e.listThroughputs(i.request, i.ctx) }),
    ]

    /// Finishes the transitions whose time has come; the table is written only for those.
    static func settle(in emulator: isolated Emulator, now: Date) -> Bool {
        for i in emulator.state.throughputs.indices where emulator.state.throughputs[i].isDue(at: now) {
            emulator.state.throughputs[i].settle(at: now)
        }
        return false
    }

    /// A throughput answers by ARN, or by its name in the caller's region, once InService.
    static func invocation(
        of identifier: String, arn: BedrockARN?, in emulator: isolated Emulator, _ ctx: Emulator.Context
    ) throws(EmulatorError) -> String? {
        let throughputs = emulator.state.throughputs
        let byName = { (t: ThroughputRecord) in t.region == ctx.region && t.name == identifier }
        guard
            arn?.type == .provisionedModel
                || (!identifier.hasPrefix("arn:") && !identifier.contains(".") && throughputs.contains(where: byName))
        else { return nil }
        guard let t = throughputs.first(where: { $0.isNamed(by: arn) || byName($0) }) else {
            throw .notFound("The provisioned model \(identifier) was not found.")
        }
        let status = t.status(at: ctx.now)
        guard status == .inService else {
            throw .modelNotReady("The provisioned model \(t.name) is \(status), not InService.")
        }
        return BedrockARN(t.foundationModelArn)?.foundationModelId ?? t.name
    }
}

extension EmulatorState {
    var throughputs: [ThroughputRecord] {
        get { self[ThroughputRecord.self] }
        _modify { yield &self[ThroughputRecord.self] }
    }
}

extension Emulator {
    /// What a modelId names: the model's ARN, its foundation model's ARN, whether it can be
    /// provisioned, and the custom model when it is one.
    struct ResolvedModel {
        var arn: String
        var foundationModelArn: String
        var provisionable: Bool
        /// Whether it may be provisioned without a commitment term (every custom model may).
        var offersNoCommitment: Bool
        var custom: CustomModel?
        var foundationModelId: String
    }

    func resolveModel(_ identifier: String, region: String) throws(EmulatorError) -> ResolvedModel {
        if let custom = CustomModelCatalog.find(identifier) {
            let arnRegion = BedrockARN(identifier)?.region ?? region
            return ResolvedModel(
                arn: custom.arn(region: arnRegion),
                foundationModelArn: foundationArn(custom.baseModelId, region: arnRegion),
                provisionable: true, offersNoCommitment: true, custom: custom, foundationModelId: custom.baseModelId)
        }
        var id = identifier
        if identifier.hasPrefix("arn:") {
            guard let fromArn = BedrockARN(identifier)?.foundationModelId else {
                throw .notFound("The model \(identifier) was not found.")
            }
            id = fromArn
        }
        guard let model = FoundationModelCatalog.model(id: id) else {
            throw .notFound("The model \(identifier) was not found.")
        }
        return ResolvedModel(
            arn: foundationArn(id, region: region), foundationModelArn: foundationArn(id, region: region),
            provisionable: model.supportsProvisioned, offersNoCommitment: model.offersNoCommitment, custom: nil,
            foundationModelId: id)
    }

    func foundationArn(_ id: String, region: String) -> String {
        BedrockARN.foundationModel(id, region: region).description
    }

    func throughputIndex(_ identifier: String, _ ctx: Context) throws(EmulatorError) -> Int {
        let isArn = identifier.hasPrefix("arn:")
        if !isArn {
            try InputReader.checkLabel("provisionedModelId", identifier, .provisionedModelName)
        }
        let parsed = isArn ? BedrockARN(identifier) : nil
        guard
            let index = state.throughputs.firstIndex(where: {
                ($0.region == ctx.region && $0.name == identifier) || $0.isNamed(by: parsed)
            })
        else {
            throw .notFound("Provisioned model \(identifier) was not found.")
        }
        return index
    }

    func createThroughput(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool)
    {
        var input = try InputReader(body: request.body)
        _ = input.string("clientRequestToken", .idempotencyToken)
        _ = input.int("modelUnits", min: 1, required: true)
        _ = input.string("provisionedModelName", .provisionedModelName, required: true)
        _ = input.string("modelId", .modelIdentifier, required: true)
        _ = input.enumValue("commitmentDuration", CommitmentDuration.allCases.map(\.rawValue))
        _ = input.tags("tags")
        try input.check()
        let shape = try InputReader.decoded(Bedrock.CreateProvisionedModelThroughputInput.self, from: request.body)
        let (token, units, name, modelId) = (
            shape.clientRequestToken, shape.modelUnits, shape.provisionedModelName, shape.modelId
        )
        let commitment = shape.commitmentDuration
        let tags = shape.tags?.map { ($0.key, $0.value) }
        if let replayed = try replay(token: token, body: request.body, ctx) {
            return (replayed, false)
        }
        try checkTagCount(tags)
        if state.throughputs.contains(where: { $0.region == ctx.region && $0.name == name }) {
            throw .validation("A provisioned model with the name \(name) already exists.")
        }
        let model = try resolveModel(modelId, region: ctx.region)
        // Refused at once, with nothing created, as the service refuses them.
        guard model.provisionable else {
            throw .validation(
                "The model \(model.foundationModelId) does not support Provisioned Throughput. "
                    + "Use one of its provisioned variants (ListFoundationModels with byInferenceType=PROVISIONED).")
        }
        try admitModel(model.foundationModelId)
        if let refusal = BedrockRules.provisionedThroughputRefusal(variant: model.foundationModelId, region: ctx.region)
        {
            throw .validation("Provisioned Throughput cannot be created: \(refusal).")
        }
        guard commitment != nil || model.offersNoCommitment else {
            throw .validation(
                "The model \(model.foundationModelId) does not support Provisioned Throughput without a commitment. "
                    + "Set commitmentDuration to OneMonth or SixMonths.")
        }
        try checkQuota(units: units, committed: commitment != nil, model: model, region: ctx.region)
        let expiry = commitment.flatMap {
            Calendar(identifier: .gregorian).date(byAdding: .month, value: $0.months, to: ctx.now)
        }
        var record = ThroughputRecord(
            id: freshResourceId(), region: ctx.region, name: name, modelArn: model.arn, desiredModelArn: model.arn,
            foundationModelArn: model.foundationModelArn, modelUnits: units, commitmentDuration: commitment,
            commitmentExpirationTime: expiry, creationTime: ctx.now, lastModifiedTime: ctx.now,
            transition: .creating, transitionEnds: ctx.now.addingTimeInterval(settings.provisionSeconds))
        if let prefix = settings.failProvisioningOf.first(where: { name.hasPrefix($0) }) {
            record.failureMessage =
                "Provisioning \(name) failed: insufficient capacity for \(model.foundationModelId) "
                + "(the emulator fails throughputs named \(prefix)…)."
        }
        record.settle(at: ctx.now)
        state.throughputs.append(record)
        tagNew(record.arn, tags, region: record.region, at: ctx.now)
        let response = EmulatorResponse.wire(
            201, Bedrock.CreateProvisionedModelThroughputOutput(provisionedModelArn: record.arn),
            requestId: ctx.requestId)
        remember(token: token, body: request.body, response: response, ctx)
        return (response, true)
    }

    func throughputSummary(_ t: ThroughputRecord, now: Date) -> Bedrock.ProvisionedModelSummary {
        Bedrock.ProvisionedModelSummary(
            provisionedModelName: t.name, provisionedModelArn: t.arn, modelArn: t.modelArn,
            desiredModelArn: t.desiredModelArn, foundationModelArn: t.foundationModelArn, modelUnits: t.modelUnits,
            desiredModelUnits: t.modelUnits, status: t.status(at: now), commitmentDuration: t.commitmentDuration,
            commitmentExpirationTime: t.commitmentExpirationTime, creationTime: t.creationTime,
            lastModifiedTime: t.lastModifiedTime)
    }

    func getThroughput(_ id: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        let t = state.throughputs[try throughputIndex(id, ctx)]
        let status = t.status(at: ctx.now)
        let answer = Bedrock.ProvisionedModel(
            modelUnits: t.modelUnits, desiredModelUnits: t.modelUnits, provisionedModelName: t.name,
            provisionedModelArn: t.arn, modelArn: t.modelArn, desiredModelArn: t.desiredModelArn,
            foundationModelArn: t.foundationModelArn, status: status, creationTime: t.creationTime,
            lastModifiedTime: t.lastModifiedTime, failureMessage: status == .failed ? t.failureMessage : nil,
            commitmentDuration: t.commitmentDuration,
            commitmentExpirationTime: t.commitmentExpirationTime)
        return .wire(200, answer, requestId: ctx.requestId)
    }

    func updateThroughput(
        _ id: String, _ request: EmulatorRequest, _ ctx: Context
    ) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        let index = try throughputIndex(id, ctx)
        var input = try InputReader(body: request.body)
        _ = input.string("desiredProvisionedModelName", .provisionedModelName)
        _ = input.string("desiredModelId", .modelIdentifier)
        try input.check()
        let shape = try InputReader.decoded(Bedrock.UpdateProvisionedModelThroughputInput.self, from: request.body)
        let (newName, newModel) = (shape.desiredProvisionedModelName, shape.desiredModelId)
        var t = state.throughputs[index]
        let status = t.status(at: ctx.now)
        guard status == .inService || status == .failed else {
            throw .validation(
                "The provisioned model \(t.name) is \(status) and cannot be updated until it is InService.")
        }
        if let newName, newName != t.name,
            state.throughputs.contains(where: { $0.region == ctx.region && $0.name == newName })
        {
            throw .validation("A provisioned model with the name \(newName) already exists.")
        }
        if let newModel {
            let target = try resolveModel(newModel, region: ctx.region)
            guard let current = CustomModelCatalog.find(t.modelArn) else {
                throw .validation(
                    "The model of a Provisioned Throughput can only be changed when it runs a custom model; "
                        + "\(t.name) runs a foundation model."
                )
            }
            let sameBase =
                target.custom.map { $0.baseModelId == current.baseModelId }
                ?? (target.foundationModelId == current.baseModelId)
            guard sameBase else {
                throw .validation(
                    "The model can only be changed to the custom model's base model (\(current.baseModelId)) or "
                        + "another custom model customised from it."
                )
            }
            if target.arn != t.modelArn {
                t.desiredModelArn = target.arn
                t.transition = .updating
                t.transitionEnds = ctx.now.addingTimeInterval(settings.provisionSeconds)
            }
        }
        if let newName { t.name = newName }
        t.lastModifiedTime = ctx.now
        t.settle(at: ctx.now)
        state.throughputs[index] = t
        return (.empty(requestId: ctx.requestId), true)
    }

    func deleteThroughput(_ id: String, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        let index = try throughputIndex(id, ctx)
        let t = state.throughputs[index]
        if let expiry = t.commitmentExpirationTime, expiry > ctx.now {
            throw .validation(
                "The provisioned model \(t.name) has a commitment term that ends at \(Self.timestamp(expiry)); "
                    + "it cannot be deleted before then."
            )
        }
        let status = t.status(at: ctx.now)
        // Our choice: the service lists ConflictException among this call's errors without saying
        // when; a throughput still being created or updated is the conflict it can mean.
        if status == .creating || status == .updating {
            throw .conflict("The provisioned model \(t.name) is \(status) and cannot be deleted now.")
        }
        state.throughputs.remove(at: index)
        untagGone(t.arn, region: t.region, at: ctx.now)
        return (.empty(requestId: ctx.requestId), true)
    }

    func listThroughputs(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        var reader = InputReader(values: [:])
        let status = reader.query(
            "statusEquals", request.queryValue("statusEquals"),
            oneOf: [Bedrock.ProvisionedModelStatus.creating, .inService, .updating, .failed])
        let nameContains = request.queryValue("nameContains")
        if let nameContains { _ = reader.validate("nameContains", nameContains, .provisionedModelName) }
        try reader.check()
        let query = try listQuery(request)
        let modelArn = request.queryValue("modelArnEquals")
        let matching = state.throughputs.filter { t in
            t.region == ctx.region && (status.map { t.status(at: ctx.now) == $0 } ?? true)
                && (nameContains.map { t.name.contains($0) } ?? true) && (modelArn.map { t.modelArn == $0 } ?? true)
        }
        let (items, next) = page(matching, created: \.creationTime, query)
        let answer = Bedrock.ListProvisionedModelThroughputsOutput(
            nextToken: next, provisionedModelSummaries: items.map { throughputSummary($0, now: ctx.now) })
        return .wire(200, answer, requestId: ctx.requestId)
    }
}
