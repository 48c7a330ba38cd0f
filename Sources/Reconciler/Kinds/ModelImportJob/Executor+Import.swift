import AWSClient
import Foundation

extension Executor {
    /// Carries out an import step: start a job, wait for it, delete an imported model.
    func performImportStep(_ step: Step, for id: String) async throws {
        switch step {
        case .createImportJob(
            let jobName, let modelName, let roleArn, let s3Uri, let kms, let subnets, let groups, let jobTags,
            let modelTags, let token):
            let vpc = subnets.flatMap { s in groups.map { Bedrock.VpcConfig(subnetIds: s, securityGroupIds: $0) } }
            _ = try await client.createModelImportJob(
                .init(
                    jobName: jobName, importedModelName: modelName, roleArn: roleArn,
                    modelDataSource: .init(s3Uri: s3Uri),
                    jobTags: Self.wireTags(jobTags),
                    importedModelTags: Self.wireTags(modelTags),
                    clientRequestToken: token, vpcConfig: vpc, importedModelKmsKeyId: kms))
        case .waitForImportJob(let jobName):
            try await waitUntil(id, what: "import job \(jobName)") {
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
            try await deleting { try await client.deleteImportedModel(arn) }
        default:
            throw MisroutedStep(step: step, kind: .modelImportJob)
        }
    }
}
