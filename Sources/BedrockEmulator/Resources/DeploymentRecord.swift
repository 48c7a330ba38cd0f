import AWSClient
import BedrockConstraints
import Foundation

/// A custom model deployment: on-demand serving of a custom model.
struct DeploymentRecord: EmulatorResource {
    static var arnType: BedrockARN.ResourceType { .customModelDeployment }

    var id: String
    var region: String
    var name: String
    var modelArn: String
    var description: String?
    var creationTime: Date
    var lastUpdatedAt: Date
    /// `Creating` until then.
    var createdAt: Date
    /// Set when the deployment will fail (or has failed).
    var failureMessage: String?
    /// An update in progress or done: the model it moves to, and when it is in place.
    var updateModelArn: String?
    var updateEnds: Date?
    var updateSettled = false

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .customModelDeployment, resource: id).description
    }

    func status(at now: Date) -> Bedrock.CustomModelDeploymentStatus {
        if now < createdAt { return .creating }
        return failureMessage == nil ? .active : .failed
    }

    func updateStatus(at now: Date) -> Bedrock.CustomModelDeploymentUpdateStatus? {
        guard let ends = updateEnds else { return nil }
        return now < ends ? .updating : .updateCompleted
    }

    /// Whether an update has finished and its model is not yet in place.
    func isDue(at now: Date) -> Bool { !updateSettled && (updateEnds.map { now >= $0 } ?? false) }

    /// Puts a finished update's model in place.
    mutating func settle(at now: Date) {
        guard isDue(at: now), let ends = updateEnds, let target = updateModelArn else { return }
        modelArn = target
        lastUpdatedAt = ends
        updateSettled = true
    }
}

extension DeploymentRecord {
    static let stateKey = "deployments"
    static let healthName = "customModelDeployments"
    static let noun = "custom model deployment"
    var label: String { name }
    var dates: [Date?] { [creationTime, lastUpdatedAt, createdAt, updateEnds] }

    static let routes = [
        EmulatorRoute(
            "CreateCustomModelDeployment", "POST", "/model-customization/custom-model-deployments",
            changes: { e, i throws(EmulatorError) in try e.createDeployment(i.request, i.ctx) }),
        EmulatorRoute(
            "GetCustomModelDeployment", "GET",
            "/model-customization/custom-model-deployments/{customModelDeploymentIdentifier}",
            reads: { e, i throws(EmulatorError) in try e.getDeployment(i.label, i.ctx) }),
        EmulatorRoute(
            "UpdateCustomModelDeployment", "PATCH",
            "/model-customization/custom-model-deployments/{customModelDeploymentIdentifier}",
            changes: { e, i throws(EmulatorError) in try e.updateDeployment(i.label, i.request, i.ctx) }),
        EmulatorRoute(
            "DeleteCustomModelDeployment", "DELETE",
            "/model-customization/custom-model-deployments/{customModelDeploymentIdentifier}",
            changes: { e, i throws(EmulatorError) in try e.deleteDeployment(i.label, i.ctx) }),
        EmulatorRoute(
            "ListCustomModelDeployments", "GET", "/model-customization/custom-model-deployments",
            reads: { e, i throws(EmulatorError) in try e.listDeployments(i.request, i.ctx) }),
    ]

    /// Puts finished updates' models in place; the table is written only for those.
    static func settle(in emulator: isolated Emulator, now: Date) -> Bool {
        for i in emulator.state.deployments.indices where emulator.state.deployments[i].isDue(at: now) {
            emulator.state.deployments[i].settle(at: now)
        }
        return false
    }

    /// A deployment answers by ARN, once Active.
    static func invocation(
        of identifier: String, arn: BedrockARN?, in emulator: isolated Emulator, _ ctx: Emulator.Context
    ) throws(EmulatorError) -> String? {
        guard arn?.type == .customModelDeployment else { return nil }
        guard let d = emulator.state.deployments.first(where: { $0.isNamed(by: arn) }) else {
            throw .notFound("The custom model deployment \(identifier) was not found.")
        }
        let status = d.status(at: ctx.now)
        guard status == .active else {
            throw .modelNotReady("The custom model deployment \(d.name) is \(status), not Active.")
        }
        return BedrockARN(d.modelArn)?.customModelBase ?? d.name
    }
}

extension EmulatorState {
    var deployments: [DeploymentRecord] {
        get { self[DeploymentRecord.self] }
        _modify { yield &self[DeploymentRecord.self] }
    }
}

/// Custom model deployments: Create (202), Get, List, Update (202) and Delete, with the lifecycle
/// Creating → Active (or Failed), and an update that moves the deployment to another custom model
/// while it stays Active. Creating lasts `provisionSeconds`, as a throughput's does, and an update
/// as long; names matching `failProvisioningOf` fail.
extension Emulator {
    static let deploymentIdentifier = StringConstraint(
        shape: "CustomModelDeploymentIdentifier", minLength: 1, maxLength: 93, pattern: nil)

    func deploymentIndex(_ identifier: String, _ ctx: Context) throws(EmulatorError) -> Int {
        var reader = InputReader(values: [:])
        let isArn = identifier.hasPrefix("arn:")
        _ = reader.validate(
            "customModelDeploymentIdentifier", identifier, isArn ? Self.deploymentIdentifier : .modelDeploymentName)
        try reader.check()
        let parsed = isArn ? BedrockARN(identifier) : nil
        guard
            let index = state.deployments.firstIndex(where: {
                $0.isNamed(by: parsed) || (!isArn && $0.region == ctx.region && $0.name == identifier)
            })
        else { throw .notFound("Custom model deployment \(identifier) was not found.") }
        return index
    }

    /// The custom model a deployment may serve: one of the account's, in the caller's region.
    func deployableModel(_ arn: String, _ ctx: Context) throws(EmulatorError) -> String {
        guard let model = CustomModelCatalog.find(arn), let parsed = BedrockARN(arn), parsed.region == ctx.region
        else { throw .notFound("The custom model \(arn) was not found.") }
        try admitModel(model.baseModelId)
        if let refusal = BedrockRules.onDemandDeploymentRefusal(
            base: model.baseModelId, region: ctx.region, customizedAt: model.created)
        {
            throw .validation("The custom model \(model.name) cannot be deployed: \(refusal).")
        }
        return model.arn(region: ctx.region)
    }

    func createDeployment(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool)
    {
        var input = try InputReader(body: request.body)
        _ = input.string("modelDeploymentName", .modelDeploymentName, required: true)
        _ = input.string("modelArn", .customModelArn, required: true)
        _ = input.string("description", .customModelDeploymentDescription)
        _ = input.tags("tags")
        _ = input.string("clientRequestToken", .idempotencyToken)
        try input.check()
        let shape = try InputReader.decoded(Bedrock.CreateCustomModelDeploymentInput.self, from: request.body)
        let (name, modelArn, description) = (shape.modelDeploymentName, shape.modelArn, shape.description)
        let (token, tags) = (shape.clientRequestToken, shape.tags?.map { ($0.key, $0.value) })
        if let replayed = try replay(token: token, body: request.body, ctx) {
            return (replayed, false)
        }
        try checkTagCount(tags)
        // Our choice: the model lists no ConflictException for this call, so a name in use is a
        // ValidationException, as for throughputs.
        if state.deployments.contains(where: { $0.region == ctx.region && $0.name == name }) {
            throw .validation("A custom model deployment with the name \(name) already exists.")
        }
        let model = try deployableModel(modelArn, ctx)
        let here = state.deployments.filter { $0.region == ctx.region }
        try checkCount(.customModelDeployments, existing: here.count, region: ctx.region)
        try checkCount(
            .inProgressDeployments, existing: here.count { $0.status(at: ctx.now) == .creating }, region: ctx.region)
        var record = DeploymentRecord(
            id: freshResourceId(), region: ctx.region, name: name, modelArn: model, description: description,
            creationTime: ctx.now, lastUpdatedAt: ctx.now,
            createdAt: ctx.now.addingTimeInterval(settings.provisionSeconds))
        if let prefix = settings.failProvisioningOf.first(where: { name.hasPrefix($0) }) {
            record.failureMessage =
                "Deploying \(name) failed: the custom model could not be loaded "
                + "(the emulator fails deployments named \(prefix)…)."
        }
        state.deployments.append(record)
        tagNew(record.arn, tags, region: record.region, at: ctx.now)
        let response = EmulatorResponse.wire(
            202, Bedrock.CreateCustomModelDeploymentOutput(customModelDeploymentArn: record.arn),
            requestId: ctx.requestId)
        remember(token: token, body: request.body, response: response, ctx)
        return (response, true)
    }

    func deploymentSummary(_ d: DeploymentRecord, now: Date) -> Bedrock.CustomModelDeploymentSummary {
        let status = d.status(at: now)
        return Bedrock.CustomModelDeploymentSummary(
            customModelDeploymentArn: d.arn, customModelDeploymentName: d.name, modelArn: d.modelArn,
            createdAt: d.creationTime, status: status, lastUpdatedAt: d.lastUpdatedAt,
            failureMessage: status == .failed ? d.failureMessage : nil)
    }

    func getDeployment(_ id: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        let d = state.deployments[try deploymentIndex(id, ctx)]
        let status = d.status(at: ctx.now)
        let update = d.updateModelArn.flatMap { target in
            d.updateStatus(at: ctx.now).map {
                Bedrock.CustomModelDeploymentUpdateDetails(modelArn: target, updateStatus: $0)
            }
        }
        let answer = Bedrock.CustomModelDeployment(
            customModelDeploymentArn: d.arn, modelDeploymentName: d.name, modelArn: d.modelArn,
            createdAt: d.creationTime, status: status, description: d.description,
            updateDetails: update, failureMessage: status == .failed ? d.failureMessage : nil,
            lastUpdatedAt: d.lastUpdatedAt)
        return .wire(200, answer, requestId: ctx.requestId)
    }

    func updateDeployment(
        _ id: String, _ request: EmulatorRequest, _ ctx: Context
    ) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        var input = try InputReader(body: request.body)
        _ = input.string("modelArn", .customModelArn, required: true)
        try input.check()
        let modelArn = try InputReader.decoded(Bedrock.UpdateCustomModelDeploymentInput.self, from: request.body)
            .modelArn
        let index = try deploymentIndex(id, ctx)
        var d = state.deployments[index]
        let status = d.status(at: ctx.now)
        // Our choice: the service documents no state rule; a deployment is updated only when
        // Active and not already updating (the call lists no ConflictException, so 400).
        guard status == .active, d.updateStatus(at: ctx.now) != .updating else {
            throw .validation(
                "The custom model deployment \(d.name) is \(d.updateStatus(at: ctx.now)?.rawValue ?? status.rawValue) "
                    + "and cannot be updated now."
            )
        }
        let model = try deployableModel(modelArn, ctx)
        if model != d.modelArn {
            d.updateModelArn = model
            d.updateEnds = ctx.now.addingTimeInterval(settings.provisionSeconds)
            d.updateSettled = false
            d.lastUpdatedAt = ctx.now
            d.settle(at: ctx.now)
            state.deployments[index] = d
        }
        let answer = Bedrock.UpdateCustomModelDeploymentOutput(customModelDeploymentArn: d.arn)
        return (.wire(202, answer, requestId: ctx.requestId), model != d.modelArn)
    }

    func deleteDeployment(_ id: String, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        let index = try deploymentIndex(id, ctx)
        let d = state.deployments[index]
        // Our choice for the ConflictException the call lists: a deployment still being created
        // or updated.
        if d.status(at: ctx.now) == .creating || d.updateStatus(at: ctx.now) == .updating {
            throw .conflict(
                "The custom model deployment \(d.name) is being created or updated and cannot be deleted now.")
        }
        state.deployments.remove(at: index)
        untagGone(d.arn, region: d.region, at: ctx.now)
        return (.empty(requestId: ctx.requestId), true)
    }

    func listDeployments(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        var reader = InputReader(values: [:])
        let status = reader.query(
            "statusEquals", request.queryValue("statusEquals"),
            oneOf: [Bedrock.CustomModelDeploymentStatus.creating, .active, .failed])
        let nameContains = request.queryValue("nameContains")
        if let nameContains { _ = reader.validate("nameContains", nameContains, .modelDeploymentName) }
        let modelArn = request.queryValue("modelArnEquals")
        if let modelArn { _ = reader.validate("modelArnEquals", modelArn, .customModelArn) }
        try reader.check()
        let query = try listQuery(request, after: "createdAfter", before: "createdBefore")
        let matching = state.deployments.filter { d in
            d.region == ctx.region && (status.map { d.status(at: ctx.now) == $0 } ?? true)
                && (nameContains.map { d.name.contains($0) } ?? true) && (modelArn.map { d.modelArn == $0 } ?? true)
        }
        let (items, next) = page(matching, created: \.creationTime, query)
        let answer = Bedrock.ListCustomModelDeploymentsOutput(
            nextToken: next, modelDeploymentSummaries: items.map { deploymentSummary($0, now: ctx.now) })
        return .wire(200, answer, requestId: ctx.requestId)
    }
}
