import BedrockConstraints
import YAML

/// Apply-time doubts about a model id, reported as warnings: a foundation model id (or ARN) that
/// bedrockctl does not know, or one that is sold on demand only.
enum ModelIdCheck {
    static func warnIfUnknown(
        _ modelId: String, path: @autoclosure () -> String, at mark: Mark, log: inout DiagnosticLog
    ) {
        guard let id = foundationModelId(in: modelId) else { return }
        guard let model = FoundationModelCatalog.model(id: id) else {
            log.warning(
                "\(path()): \"\(id)\" is not a foundation model known to bedrockctl; Bedrock will check it at "
                    + "apply time",
                at: mark)
            return
        }
        if !model.supportsProvisioned {
            let variants = FoundationModelCatalog.all.filter {
                $0.modelId.hasPrefix(id + ":") && $0.supportsProvisioned
            }.map(\.modelId)
            let hint = variants.isEmpty ? "" : "; its provisioned variants: " + variants.joined(separator: ", ")
            log.warning(
                "\(path()): \"\(id)\" is on-demand only and cannot be bought as Provisioned Throughput\(hint)", at: mark
            )
        }
    }

    /// An error for an ARN whose region is not an AWS region, or one without Bedrock, naming the
    /// nearest; nothing for a value that is not an ARN or names no region.
    static func checkRegion(
        of value: String, path: @autoclosure () -> String, at mark: Mark, log: inout DiagnosticLog
    ) {
        guard value.hasPrefix("arn:"), let region = BedrockARN(value)?.region, !region.isEmpty,
            let problem = BedrockRegions.problem(region)
        else { return }
        log.error("\(path()): \(problem)", at: mark)
    }

    /// The foundation model id of a plain id or a `foundation-model/` ARN; nil for custom models.
    static func foundationModelId(in modelId: String) -> String? {
        if modelId.hasPrefix("arn:") { return BedrockARN(modelId)?.foundationModelId }
        return BedrockPattern.foundationModelId.matches(modelId) ? modelId : nil
    }
}
