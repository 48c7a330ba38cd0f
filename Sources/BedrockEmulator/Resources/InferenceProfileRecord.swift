import AWSClient
import BedrockConstraints
import Foundation

/// An application inference profile: a caller's own profile over the models of a foundation
/// model or a system-defined profile, for tracking cost and use.
struct InferenceProfileRecord: EmulatorResource {
    static var arnType: BedrockARN.ResourceType { .applicationInferenceProfile }

    var id: String
    var region: String
    var name: String
    var description: String?
    /// What it was copied from (`modelSource.copyFrom`), as given.
    var source: String
    /// The foundation model ARNs it routes to.
    var models: [String]
    var creationTime: Date

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .applicationInferenceProfile, resource: id)
            .description
    }
}

extension InferenceProfileRecord {
    static let stateKey = "inferenceProfiles"
    static let noun = "inference profile"
    var label: String { name }
    var dates: [Date?] { [creationTime] }

    static let routes = [
        EmulatorRoute(
            "CreateInferenceProfile", "POST", "/inference-profiles",
            changes: { e, i throws(EmulatorError) in try e.createInferenceProfile(i.request, i.ctx) }),
        EmulatorRoute(
            "GetInferenceProfile", "GET", "/inference-profiles/{inferenceProfileIdentifier}",
            reads: { e, i throws(EmulatorError) in try e.getInferenceProfile(i.label, i.ctx) }),
        EmulatorRoute(
            "DeleteInferenceProfile", "DELETE", "/inference-profiles/{inferenceProfileIdentifier}",
            changes: { e, i throws(EmulatorError) in try e.deleteInferenceProfile(i.label, i.ctx) }),
        EmulatorRoute(
            "ListInferenceProfiles", "GET", "/inference-profiles",
            reads: { e, i throws(EmulatorError) in try e.listInferenceProfiles(i.request, i.ctx) }),
    ]

    /// An application profile answers by ARN, with the first model it routes to.
    static func invocation(
        of identifier: String, arn: BedrockARN?, in emulator: isolated Emulator, _ ctx: Emulator.Context
    ) throws(EmulatorError) -> String? {
        guard arn?.type == .applicationInferenceProfile else { return nil }
        guard let p = emulator.state.inferenceProfiles.first(where: { $0.isNamed(by: arn) }) else {
            throw .notFound("The inference profile \(identifier) was not found.")
        }
        return BedrockARN(p.models.first ?? "")?.foundationModelId ?? p.name
    }
}

extension EmulatorState {
    var inferenceProfiles: [InferenceProfileRecord] {
        get { self[InferenceProfileRecord.self] }
        _modify { yield &self[InferenceProfileRecord.self] }
    }
}

/// Application inference profiles (Create 201, Get, List, Delete), over the system-defined
/// profiles every emulated account has. A profile is ACTIVE as soon as it exists; only its tags
/// change afterwards.
extension Emulator {
    /// A system-defined (cross-region) inference profile: the catalogue's, each served in the
    /// regions it may be called from, routing to its model in each of them.
    typealias SystemProfile = BedrockCatalog.SystemProfile

    static let systemProfiles = BedrockCatalog.shipped.systemProfiles

    static let inferenceProfileIdentifier = StringConstraint(
        shape: "InferenceProfileIdentifier", minLength: 1, maxLength: 2048, pattern: nil)

    func systemProfileARN(_ p: SystemProfile, region: String) -> String {
        BedrockARN(region: region, account: Self.account, type: .inferenceProfile, resource: p.id).description
    }

    /// The system profile an id or ARN names, if it serves the caller's region.
    func systemProfile(_ identifier: String, _ ctx: Context) -> SystemProfile? {
        let parsed = BedrockARN(identifier)
        if identifier.hasPrefix("arn:") && parsed?.type != .inferenceProfile { return nil }
        let id = parsed?.resource ?? identifier
        return Self.systemProfiles.first { $0.id == id && $0.regions.contains(ctx.region) }
    }

    func profileIndex(_ identifier: String, _ ctx: Context) -> Int? {
        let parsed = identifier.hasPrefix("arn:") ? BedrockARN(identifier) : nil
        return state.inferenceProfiles.firstIndex {
            $0.isNamed(by: parsed) || (parsed == nil && $0.region == ctx.region && $0.id == identifier)
        }
    }

    func checkProfileIdentifier(_ identifier: String) throws(EmulatorError) {
        var reader = InputReader(values: [:])
        let allowed = identifier.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x3A
                || $0 == 0x2E || $0 == 0x2F
        }
        if reader.validate("inferenceProfileIdentifier", identifier, Self.inferenceProfileIdentifier), !allowed {
            reader.fail(
                "inferenceProfileIdentifier", identifier,
                "satisfy regular expression pattern: "
                    + "(arn:aws(|-us-gov|-cn|-iso|-iso-b):bedrock:(|[0-9a-z-]{0,20}):(|[0-9]{12}):(inference-profile|"
                    + "application-inference-profile)/)?[a-zA-Z0-9-:.]+"
            )
        }
        try reader.check()
    }

    func createInferenceProfile(
        _ request: EmulatorRequest, _ ctx: Context
    ) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        var input = try InputReader(body: request.body)
        _ = input.string("inferenceProfileName", .inferenceProfileName, required: true)
        _ = input.string("description", .inferenceProfileDescription)
        _ = input.string("clientRequestToken", .idempotencyToken)
        if var source = input.object("modelSource", required: true) {
            _ = source.string("copyFrom", .inferenceProfileModelSourceArn, required: true)
            input.absorb(source, prefix: "modelSource")
        }
        _ = input.tags("tags")
        try input.check()
        let shape = try InputReader.decoded(Bedrock.CreateInferenceProfileInput.self, from: request.body)
        let (name, description, token) = (shape.inferenceProfileName, shape.description, shape.clientRequestToken)
        let tags = shape.tags?.map { ($0.key, $0.value) }
        if let replayed = try replay(token: token, body: request.body, ctx) {
            return (replayed, false)
        }
        guard let copyFrom = shape.modelSource.copyFrom else { throw .validation("missing input") }
        try checkTagCount(tags)
        if state.inferenceProfiles.contains(where: { $0.region == ctx.region && $0.name == name }) {
            throw .conflict("An inference profile with the name \(name) already exists.")
        }
        let models = try profileModels(copyFrom, ctx)
        try checkCount(
            .inferenceProfiles, existing: state.inferenceProfiles.count { $0.region == ctx.region }, region: ctx.region)
        let record = InferenceProfileRecord(
            id: freshResourceId(), region: ctx.region, name: name, description: description, source: copyFrom,
            models: models, creationTime: ctx.now)
        state.inferenceProfiles.append(record)
        tagNew(record.arn, tags, region: record.region, at: ctx.now)
        let response = EmulatorResponse.wire(
            201, Bedrock.CreateInferenceProfileOutput(inferenceProfileArn: record.arn, status: .active),
            requestId: ctx.requestId)
        remember(token: token, body: request.body, response: response, ctx)
        return (response, true)
    }

    /// The foundation model ARNs a profile copied from `source` routes to: the model itself, or
    /// the system profile's model in each of its regions. Our choice where the service is silent:
    /// a foundation model must be served on demand, in the caller's region.
    func profileModels(_ source: String, _ ctx: Context) throws(EmulatorError) -> [String] {
        guard let arn = BedrockARN(source) else { throw .notFound("The model source \(source) was not found.") }
        if arn.type == .inferenceProfile {
            guard let profile = systemProfile(source, ctx) else {
                throw .notFound("The inference profile \(source) was not found.")
            }
            return profile.regions.flatMap { region in profile.models.map { foundationArn($0, region: region) } }
        }
        guard let id = arn.foundationModelId, let model = FoundationModelCatalog.model(id: id),
            arn.region.isEmpty || arn.region == ctx.region
        else { throw .notFound("The foundation model \(source) was not found.") }
        guard model.inferenceTypesSupported.contains(.onDemand) else {
            throw .validation("The model \(id) does not support on-demand inference, so it cannot back a profile.")
        }
        return [foundationArn(id, region: ctx.region)]
    }

    func profile(_ p: InferenceProfileRecord) -> Bedrock.InferenceProfile {
        Bedrock.InferenceProfile(
            inferenceProfileName: p.name, description: p.description, createdAt: p.creationTime,
            updatedAt: p.creationTime, inferenceProfileArn: p.arn, models: p.models.map { .init(modelArn: $0) },
            inferenceProfileId: p.id, status: .active, type: .application)
    }

    func systemProfile(_ p: SystemProfile, region: String) -> Bedrock.InferenceProfile {
        Bedrock.InferenceProfile(
            inferenceProfileName: p.name,
            description: "Routes requests to \(p.name) across \(p.regions.count) regions",
            createdAt: Self.customModelCreation, updatedAt: Self.customModelCreation,
            inferenceProfileArn: systemProfileARN(p, region: region),
            models: p.regions.flatMap { r in p.models.map { .init(modelArn: foundationArn($0, region: r)) } },
            inferenceProfileId: p.id,
            status: .active, type: .systemDefined)
    }

    func getInferenceProfile(_ id: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        try checkProfileIdentifier(id)
        if let index = profileIndex(id, ctx) {
            return .wire(200, profile(state.inferenceProfiles[index]), requestId: ctx.requestId)
        }
        if let system = systemProfile(id, ctx) {
            return .wire(200, systemProfile(system, region: ctx.region), requestId: ctx.requestId)
        }
        throw .notFound("The inference profile \(id) was not found.")
    }

    func deleteInferenceProfile(_ id: String, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        try checkProfileIdentifier(id)
        guard let index = profileIndex(id, ctx) else {
            if systemProfile(id, ctx) != nil {
                throw .validation("The inference profile \(id) is system-defined and cannot be deleted.")
            }
            throw .notFound("The inference profile \(id) was not found.")
        }
        let p = state.inferenceProfiles.remove(at: index)
        untagGone(p.arn, region: p.region, at: ctx.now)
        return (.empty(requestId: ctx.requestId), true)
    }

    func listInferenceProfiles(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        var reader = InputReader(values: [:])
        let type = request.queryValue("type")
        if let type, !["SYSTEM_DEFINED", "APPLICATION"].contains(type) {
            reader.fail("typeEquals", type, "satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]")
        }
        try reader.check()
        let query = try listQuery(request, sortable: false)
        var all: [(created: Date, profile: Bedrock.InferenceProfile)] = []
        if type != "APPLICATION" {
            all += Self.systemProfiles.filter { $0.regions.contains(ctx.region) }.map {
                (Self.customModelCreation, systemProfile($0, region: ctx.region))
            }
        }
        if type != "SYSTEM_DEFINED" {
            all += state.inferenceProfiles.filter { $0.region == ctx.region }.map { ($0.creationTime, profile($0)) }
        }
        // Oldest first: the call takes no sort order.
        let ascending = ListQuery(
            after: nil, before: nil, ascending: true, maxResults: query.maxResults, offset: query.offset)
        let (items, next) = page(all, created: \.created, ascending)
        let answer = Bedrock.ListInferenceProfilesOutput(
            inferenceProfileSummaries: items.map(\.profile), nextToken: next)
        return .wire(200, answer, requestId: ctx.requestId)
    }
}
