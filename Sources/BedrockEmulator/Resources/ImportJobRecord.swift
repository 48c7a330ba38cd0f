import AWSClient
import BedrockConstraints
import Foundation

/// A Custom Model Import job: InProgress → Completed (its imported model appears) or Failed.
struct ImportJobRecord: EmulatorResource {
    static var arnType: BedrockARN.ResourceType { .modelImportJob }

    var id: String
    var region: String
    var jobName: String
    var importedModelName: String
    var importedModelId: String
    var roleArn: String
    var s3Uri: String
    var kmsKeyId: String?
    var subnetIds: [String]?
    var securityGroupIds: [String]?
    var creationTime: Date
    var endTime: Date
    var failureMessage: String?
    var importedModelTags: [String: String]
    var settled = false

    var arn: String {
        BedrockARN(region: region, account: Emulator.account, type: .modelImportJob, resource: id).description
    }
    var importedModelArn: String {
        BedrockARN(region: region, account: Emulator.account, type: .importedModel, resource: importedModelId)
            .description
    }

    func status(at now: Date) -> Bedrock.ModelImportJobStatus {
        now < endTime ? .inProgress : (failureMessage == nil ? .completed : .failed)
    }

    /// Whether the job has ended and its end (the imported model) is not yet in place.
    func isDue(at now: Date) -> Bool { !settled && now >= endTime }
}

extension ImportJobRecord {
    static let stateKey = "jobs"
    static let healthName = "importJobs"
    static let noun = "import job"
    var label: String { jobName }
    var dates: [Date?] { [creationTime, endTime] }
    var reservedIds: [String] { [id, importedModelId] }

    static let routes = [
        EmulatorRoute(
            "CreateModelImportJob", "POST", "/model-import-jobs",
            changes: { e, i throws(EmulatorError) in try e.createImportJob(i.request, i.ctx) }),
        EmulatorRoute(
            "GetModelImportJob", "GET", "/model-import-jobs/{jobIdentifier}",
            reads: { e, i throws(EmulatorError) in try e.getImportJob(i.label, i.ctx) }),
        EmulatorRoute(
            "ListModelImportJobs", "GET", "/model-import-jobs",
            reads: { e, i throws(EmulatorError) in try e.listImportJobs(i.request, i.ctx) }),
    ]

    /// A job whose time has come completes (its model appears, with the tags the job gave it) or
    /// fails; either is saved at once.
    static func settle(in emulator: isolated Emulator, now: Date) -> Bool {
        let due = emulator.state.jobs.indices.filter { emulator.state.jobs[$0].isDue(at: now) }
        for i in due {
            emulator.state.jobs[i].settled = true
            let job = emulator.state.jobs[i]
            guard job.failureMessage == nil else { continue }
            let model = ImportedModelRecord(
                id: job.importedModelId, region: job.region, name: job.importedModelName, jobName: job.jobName,
                jobArn: job.arn, s3Uri: job.s3Uri, creationTime: job.endTime,
                kmsKeyArn: job.kmsKeyId.map { emulator.kmsArn($0, region: job.region) })
            emulator.state.importedModels.append(model)
            if !job.importedModelTags.isEmpty { emulator.state.tags[model.arn] = job.importedModelTags }
            emulator.indexTags(of: model.arn, region: model.region, at: job.endTime)
        }
        return !due.isEmpty
    }
}

extension EmulatorState {
    var jobs: [ImportJobRecord] {
        get { self[ImportJobRecord.self] }
        _modify { yield &self[ImportJobRecord.self] }
    }
}

extension Emulator {
    func createImportJob(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> (EmulatorResponse, Bool) {
        var input = try InputReader(body: request.body)
        _ = input.string("jobName", .jobName, required: true)
        _ = input.string("importedModelName", .importedModelName, required: true)
        _ = input.string("roleArn", .roleArn, required: true)
        if var source = input.object("modelDataSource", required: true) {
            if var s3 = source.object("s3DataSource", required: true) {
                _ = s3.string("s3Uri", .s3Uri, required: true)
                source.absorb(s3, prefix: "s3DataSource")
            }
            input.absorb(source, prefix: "modelDataSource")
        }
        _ = input.tags("jobTags")
        _ = input.tags("importedModelTags")
        _ = input.string("clientRequestToken", .idempotencyToken)
        if var vpc = input.object("vpcConfig") {
            _ = vpc.stringList("subnetIds", .subnetId, count: BedrockLimits.subnetIds, required: true)
            _ = vpc.stringList(
                "securityGroupIds", .securityGroupId, count: BedrockLimits.securityGroupIds, required: true)
            input.absorb(vpc, prefix: "vpcConfig")
        }
        _ = input.string("importedModelKmsKeyId", .kmsKeyId)
        try input.check()
        let shape = try InputReader.decoded(Bedrock.CreateModelImportJobInput.self, from: request.body)
        let (jobName, modelName, roleArn) = (shape.jobName, shape.importedModelName, shape.roleArn)
        let (token, kms) = (shape.clientRequestToken, shape.importedModelKmsKeyId)
        let (subnets, groups) = (shape.vpcConfig?.subnetIds, shape.vpcConfig?.securityGroupIds)
        let jobTags = shape.jobTags?.map { ($0.key, $0.value) }
        let modelTags = shape.importedModelTags?.map { ($0.key, $0.value) }
        if let replayed = try replay(token: token, body: request.body, ctx) {
            return (replayed, false)
        }
        guard let s3Uri = shape.modelDataSource.s3DataSource?.s3Uri else { throw .validation("missing input") }
        for tags in [jobTags, modelTags] { try checkTagCount(tags) }
        // The service's answer to a job name in use, word for word; job names stay taken (there is
        // no DeleteModelImportJob).
        if state.jobs.contains(where: { $0.region == ctx.region && $0.jobName == jobName }) {
            throw .validation("The provided job name is currently in use.")
        }
        if state.importedModels.contains(where: { $0.region == ctx.region && $0.name == modelName })
            || state.jobs.contains(where: {
                $0.region == ctx.region && $0.importedModelName == modelName && $0.status(at: ctx.now) == .inProgress
            })
        {
            throw .conflict("An imported model with the name \(modelName) already exists or is being imported.")
        }
        // Each job makes one imported model: those there are and those on their way count.
        try checkCount(
            .importedModels,
            existing: state.importedModels.count { $0.region == ctx.region }
                + state.jobs.count { $0.region == ctx.region && $0.status(at: ctx.now) == .inProgress },
            region: ctx.region)
        var job = ImportJobRecord(
            id: freshResourceId(), region: ctx.region, jobName: jobName, importedModelName: modelName,
            importedModelId: freshResourceId(),
            roleArn: roleArn, s3Uri: s3Uri, kmsKeyId: kms, subnetIds: subnets, securityGroupIds: groups,
            creationTime: ctx.now, endTime: ctx.now.addingTimeInterval(settings.importSeconds),
            importedModelTags: Dictionary(modelTags ?? [], uniquingKeysWith: { _, last in last }))
        if let bad = settings.failImportsFrom.first(where: { s3Uri.hasPrefix($0) }) {
            job.failureMessage =
                "Unable to read the model artifacts at \(s3Uri): access to \(bad) was denied for role \(roleArn)."
        }
        state.jobs.append(job)
        tagNew(job.arn, jobTags, region: job.region, at: ctx.now)
        settle(now: ctx.now)
        let response = EmulatorResponse.wire(
            201, Bedrock.CreateModelImportJobOutput(jobArn: job.arn), requestId: ctx.requestId)
        remember(token: token, body: request.body, response: response, ctx)
        return (response, true)
    }

    func jobIndex(_ identifier: String, _ ctx: Context) throws(EmulatorError) -> Int {
        // A name that fails `ModelImportJobIdentifier`'s pattern is the model's 400, not a 404.
        if !identifier.hasPrefix("arn:") {
            try InputReader.checkLabel(
                "jobIdentifier", identifier,
                StringConstraint(shape: "ModelImportJobIdentifier", minLength: 0, maxLength: 1011, pattern: .jobName))
        }
        guard
            let index = state.jobs.firstIndex(where: { [arn = BedrockARN(identifier)] in
                ($0.region == ctx.region && $0.jobName == identifier) || $0.isNamed(by: arn)
            })
        else {
            throw .notFound("Model import job \(identifier) was not found.")
        }
        return index
    }

    func jobSummary(_ job: ImportJobRecord, now: Date) -> Bedrock.ModelImportJobSummary {
        let status = job.status(at: now)
        return Bedrock.ModelImportJobSummary(
            jobArn: job.arn, jobName: job.jobName, status: status,
            lastModifiedTime: status == .inProgress ? job.creationTime : job.endTime, creationTime: job.creationTime,
            endTime: status == .inProgress ? nil : job.endTime,
            importedModelArn: status == .completed ? job.importedModelArn : nil,
            importedModelName: job.importedModelName)
    }

    func getImportJob(_ id: String, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        let job = state.jobs[try jobIndex(id, ctx)]
        let summary = jobSummary(job, now: ctx.now)
        let vpc = job.subnetIds.flatMap { subnets in
            job.securityGroupIds.map { Bedrock.VpcConfig(subnetIds: subnets, securityGroupIds: $0) }
        }
        let answer = Bedrock.ModelImportJob(
            jobArn: summary.jobArn, jobName: summary.jobName, importedModelName: summary.importedModelName,
            importedModelArn: summary.importedModelArn, roleArn: job.roleArn,
            modelDataSource: .init(s3Uri: job.s3Uri), status: summary.status,
            failureMessage: summary.status == .failed ? job.failureMessage : nil,
            creationTime: summary.creationTime, lastModifiedTime: summary.lastModifiedTime, endTime: summary.endTime,
            vpcConfig: vpc, importedModelKmsKeyArn: job.kmsKeyId.map { kmsArn($0, region: job.region) })
        return .wire(200, answer, requestId: ctx.requestId)
    }

    func listImportJobs(_ request: EmulatorRequest, _ ctx: Context) throws(EmulatorError) -> EmulatorResponse {
        var reader = InputReader(values: [:])
        let status = reader.query(
            "statusEquals", request.queryValue("statusEquals"),
            oneOf: [Bedrock.ModelImportJobStatus.inProgress, .completed, .failed])
        let nameContains = request.queryValue("nameContains")
        if let nameContains { _ = reader.validate("nameContains", nameContains, .jobName) }
        try reader.check()
        let query = try listQuery(request)
        let matching = state.jobs.filter { job in
            job.region == ctx.region && (status.map { job.status(at: ctx.now) == $0 } ?? true)
                && (nameContains.map { job.jobName.contains($0) } ?? true)
        }
        let (items, next) = page(matching, created: \.creationTime, query)
        let answer = Bedrock.ListModelImportJobsOutput(
            nextToken: next, modelImportJobSummaries: items.map { jobSummary($0, now: ctx.now) })
        return .wire(200, answer, requestId: ctx.requestId)
    }
}
