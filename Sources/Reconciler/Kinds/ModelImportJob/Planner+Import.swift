import Foundation
import Manifest

extension Planner {
    static func importId(_ name: String) -> String { actionId(.modelImportJob, name) }

    func planImport(_ job: ModelImportJobSpec, live: LiveState, into draft: inout Draft) {
        let id = Self.importId(job.name)
        let modelTags = job.importedModelTags.merging(ownershipTags(job.name)) { _, ours in ours }
        if let model = live.importedModels.first(where: { owned($0.tags, name: job.name) }) {
            if model.name != job.importedModelName {
                draft.warnings.append(
                    "\(id): the imported model is \(model.name) but the manifest says \(job.importedModelName); "
                        + "an imported model cannot be renamed (delete it with --prune under another name to "
                        + "import again)"
                )
            }
            if let source = model.s3Uri, source != job.s3Uri {
                draft.warnings.append(
                    "\(id): drift: \(model.name) was imported from \(source), the manifest says \(job.s3Uri); "
                        + "imported models are immutable, so nothing is planned"
                )
            }
            let tagging = tagSteps(arn: model.arn, live: model.tags, desired: modelTags)
            draft.actions.append(
                PlanAction(
                    id: id, kind: .modelImportJob, name: job.name, type: tagging.steps.isEmpty ? .noop : .tag,
                    reason: tagging.steps.isEmpty
                        ? "imported model \(model.name) exists" : "tags of imported model \(model.name) differ",
                    changes: tagging.changes, liveArn: model.arn, steps: tagging.steps))
            return
        }
        if let squatter = live.importedModels.first(where: { $0.name == job.importedModelName }) {
            let owner = squatter.tags[OwnershipTags.stackKey]
            if options.adopt && owner == nil {
                let tagging = tagSteps(arn: squatter.arn, live: squatter.tags, desired: modelTags)
                draft.actions.append(
                    PlanAction(
                        id: id, kind: .modelImportJob, name: job.name, type: .tag, reason: "adopt into stack \(stack)",
                        changes: tagging.changes, liveArn: squatter.arn, steps: tagging.steps))
            } else {
                draft.actions.append(
                    PlanAction(
                        id: id, kind: .modelImportJob, name: job.name, type: .conflict,
                        reason:
                            "an imported model named \(job.importedModelName) exists (\(squatter.arn)) but "
                            + (owner.map { "is managed by stack \($0)" }
                                ?? "is not managed by bedrockctl; adopt it with --adopt"),
                        liveArn: squatter.arn))
            }
            return
        }
        let attempts = live.importJobs.filter { owned($0.tags, name: job.name) }.sorted {
            $0.creationTime < $1.creationTime
        }
        if let latest = attempts.last, latest.status == .inProgress {
            draft.actions.append(
                PlanAction(
                    id: id, kind: .modelImportJob, name: job.name, type: .wait,
                    reason: "import job \(latest.jobName) is running; apply waits for it", liveArn: latest.arn,
                    steps: [Step(ImportStep.waitForImportJob(jobName: latest.jobName))]))
            return
        }
        let jobName = attempts.isEmpty ? job.name : Self.retryJobName(job.name, attempt: attempts.count + 1)
        if attempts.isEmpty, let other = live.importJobs.first(where: { $0.jobName == jobName }) {
            draft.actions.append(
                PlanAction(
                    id: id, kind: .modelImportJob, name: job.name, type: .conflict,
                    reason: "an import job named \(jobName) exists (\(other.arn)) but is not this stack's",
                    liveArn: other.arn))
            return
        }
        var reason = "imported model \(job.importedModelName) does not exist"
        if let latest = attempts.last {
            reason =
                latest.status == .failed
                ? "import job \(latest.jobName) failed: \(latest.failureMessage ?? "no reason given"); a new job "
                    + "is planned"
                : "import job \(latest.jobName) completed but imported model \(job.importedModelName) is gone; a "
                    + "new job is planned"
        }
        let token = Tokens.clientRequestToken(
            stack: stack, kind: .modelImportJob, name: job.name, spec: Tokens.importSpec(job), generation: jobName)
        let jobTags = job.jobTags.merging(ownershipTags(job.name)) { _, ours in ours }
        var changes = [
            FieldChange(field: "jobName", before: nil, after: jobName),
            FieldChange(field: "importedModelName", before: nil, after: job.importedModelName),
            FieldChange(field: "modelDataSource.s3DataSource.s3Uri", before: nil, after: job.s3Uri),
            FieldChange(field: "roleArn", before: nil, after: job.roleArn),
        ]
        if let kms = job.importedModelKmsKeyId {
            changes.append(FieldChange(field: "importedModelKmsKeyId", before: nil, after: kms))
        }
        if let vpc = job.vpcConfig {
            changes.append(
                FieldChange(field: "vpcConfig.subnetIds", before: nil, after: vpc.subnetIds.joined(separator: ", ")))
            changes.append(
                FieldChange(
                    field: "vpcConfig.securityGroupIds", before: nil,
                    after: vpc.securityGroupIds.joined(separator: ", ")))
        }
        changes += jobTags.sorted { $0.key < $1.key }.map {
            FieldChange(field: "jobTags.\($0.key)", before: nil, after: $0.value)
        }
        changes += modelTags.sorted { $0.key < $1.key }.map {
            FieldChange(field: "importedModelTags.\($0.key)", before: nil, after: $0.value)
        }
        changes.append(FieldChange(field: "importedModelArn", before: nil, after: nil, knownAfterApply: true))
        draft.actions.append(
            PlanAction(
                id: id, kind: .modelImportJob, name: job.name, type: .create, reason: reason, changes: changes,
                steps: [
                    Step(
                        ImportStep.createImportJob(
                            jobName: jobName, importedModelName: job.importedModelName, roleArn: job.roleArn,
                            s3Uri: job.s3Uri,
                            kmsKeyId: job.importedModelKmsKeyId, subnetIds: job.vpcConfig?.subnetIds,
                            securityGroupIds: job.vpcConfig?.securityGroupIds,
                            jobTags: jobTags, modelTags: modelTags, token: token)),
                    Step(ImportStep.waitForImportJob(jobName: jobName)),
                ]))
    }

    /// `NAME-rN`, shortened so that it stays within JobName's 63 characters.
    static func retryJobName(_ name: String, attempt: Int) -> String {
        let suffix = "-r\(attempt)"
        return String(name.prefix(63 - suffix.count)) + suffix
    }

    func planImportPrune(desired: Set<String>, live: LiveState, into draft: inout Draft) {
        for model in live.importedModels where model.tags[OwnershipTags.stackKey] == stack {
            guard let name = model.tags[OwnershipTags.nameKey], !desired.contains(name) else { continue }
            let changes = [
                FieldChange(field: "importedModelName", before: model.name, after: nil),
                FieldChange(field: "importedModelArn", before: model.arn, after: nil),
            ]
            draft.actions.append(
                pruneAction(
                    kind: .modelImportJob, name: name, changes: changes, liveArn: model.arn,
                    steps: [Step(ImportStep.deleteImportedModel(arn: model.arn))]))
        }
    }
}
