import AWSClient

/// The calls that start a Custom Model Import job, wait for it, and delete an imported model.
enum ImportStep: PlanStep {
    case createImportJob(
        jobName: String, importedModelName: String, roleArn: String, s3Uri: String, kmsKeyId: String?,
        subnetIds: [String]?, securityGroupIds: [String]?, jobTags: [String: String], modelTags: [String: String],
        token: String)
    case waitForImportJob(jobName: String)
    case deleteImportedModel(arn: String)

    // The keys of each call and of its arguments, spelled out: part of the plan's format.
    enum CodingKeys: String, CodingKey, CaseIterable { case createImportJob, waitForImportJob, deleteImportedModel }
    enum CreateImportJobCodingKeys: String, CodingKey, CaseIterable {
        case jobName, importedModelName, roleArn, s3Uri, kmsKeyId, subnetIds, securityGroupIds, jobTags, modelTags
        case token
    }
    enum WaitForImportJobCodingKeys: String, CodingKey, CaseIterable { case jobName }
    enum DeleteImportedModelCodingKeys: String, CodingKey, CaseIterable { case arn }

    static var kind: PlanAction.Kind? { .modelImportJob }

    static let calls = [
        StepCall(
            CodingKeys.createImportJob, CreateImportJobCodingKeys.self,
            "CreateModelImportJob with the idempotency token", optional: [.kmsKeyId, .subnetIds, .securityGroupIds]
        ) {
            switch $0 {
            case .jobName, .importedModelName, .roleArn, .s3Uri, .kmsKeyId, .token: .string
            case .subnetIds, .securityGroupIds: .stringList
            case .jobTags, .modelTags: .stringMap
            }
        },
        StepCall(CodingKeys.waitForImportJob, WaitForImportJobCodingKeys.self, "GetModelImportJob until Completed") {
            _ in .string
        },
        StepCall(CodingKeys.deleteImportedModel, DeleteImportedModelCodingKeys.self, "DeleteImportedModel") {
            _ in .string
        },
    ]

    /// A job makes one imported model more; deleting one frees its place.
    var quotaUse: QuotaCheck.Use? {
        switch self {
        case .createImportJob: return .createsOne
        case .deleteImportedModel: return .deletesOne
        case .waitForImportJob: return nil
        }
    }

    func perform(with executor: Executor, for id: String, arn: String?) async throws -> String? {
        let client = executor.client
        switch self {
        case .createImportJob(
            let jobName, let modelName, let roleArn, let s3Uri, let kms, let subnets, let groups, let jobTags,
            let modelTags, let token):
            let vpc = subnets.flatMap { s in groups.map { Bedrock.VpcConfig(subnetIds: s, securityGroupIds: $0) } }
            _ = try await client.createModelImportJob(
                .init(
                    jobName: jobName, importedModelName: modelName, roleArn: roleArn,
                    modelDataSource: .init(s3Uri: s3Uri),
                    jobTags: Executor.wireTags(jobTags),
                    importedModelTags: Executor.wireTags(modelTags),
                    clientRequestToken: token, vpcConfig: vpc, importedModelKmsKeyId: kms))
        case .waitForImportJob(let jobName):
            try await executor.waitUntil(id, what: "import job \(jobName)") {
                let job = try await client.getModelImportJob(jobName)
                switch job.status {
                case .completed?: return (true, "Completed")
                case .failed?:
                    throw ExecutionError.failed(
                        "import job \(jobName) failed: \(job.failureMessage ?? "no reason given")")
                default: return (false, job.status?.rawValue ?? "unknown")
                }
            }
        case .deleteImportedModel(let arn):
            try await executor.deleting { try await client.deleteImportedModel(arn) }
        }
        return nil
    }
}
