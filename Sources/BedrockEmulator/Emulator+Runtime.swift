import AWSClient
import BedrockConstraints
import Foundation

extension Emulator {
    static let invalidModelIdentifier = "The provided model identifier is invalid."

    /// What an InvokeModel model id names, if it can answer on demand.
    func invocable(_ identifier: String, _ ctx: Context) throws(EmulatorError) -> String {
        let arn = BedrockARN(identifier)
        if arn?.type == .provisionedModel
            || (!identifier.hasPrefix("arn:") && !identifier.contains(".")
                && state.throughputs.contains { $0.region == ctx.region && $0.name == identifier })
        {
            guard
                let t = state.throughputs.first(where: {
                    $0.isNamed(by: arn) || ($0.region == ctx.region && $0.name == identifier)
                })
            else {
                throw .notFound("The provisioned model \(identifier) was not found.")
            }
            let status = t.status(at: ctx.now)
            guard status == "InService" else {
                throw .modelNotReady("The provisioned model \(t.name) is \(status), not InService.")
            }
            return t.name
        }
        if arn?.type == .importedModel {
            guard let index = state.importedModels.firstIndex(where: { $0.isNamed(by: arn) }) else {
                throw .notFound("The imported model \(identifier) was not found.")
            }
            try admitInvoke(importedModelAt: index, now: ctx.now)
            return state.importedModels[index].name
        }
        if arn?.type == .customModelDeployment {
            guard let d = state.deployments.first(where: { $0.isNamed(by: arn) }) else {
                throw .notFound("The custom model deployment \(identifier) was not found.")
            }
            let status = d.status(at: ctx.now)
            guard status == "Active" else {
                throw .modelNotReady("The custom model deployment \(d.name) is \(status), not Active.")
            }
            return d.name
        }
        if arn?.type == .applicationInferenceProfile {
            guard let p = state.inferenceProfiles.first(where: { $0.isNamed(by: arn) }) else {
                throw .notFound("The inference profile \(identifier) was not found.")
            }
            return BedrockARN(p.models.first ?? "")?.foundationModelId ?? p.name
        }
        if arn?.type == .inferenceProfile || (!identifier.hasPrefix("arn:") && systemProfile(identifier, ctx) != nil) {
            guard let p = systemProfile(identifier, ctx) else {
                throw .notFound("The inference profile \(identifier) was not found.")
            }
            return p.modelId
        }
        if CustomModelCatalog.find(identifier) != nil {
            throw .validation("Custom model \(identifier) can be invoked only through a Provisioned Throughput.")
        }
        let id = BedrockARN(identifier)?.foundationModelId ?? identifier
        // Malformed or unknown, the service answers the same: 400, not 404.
        guard BedrockPattern.foundationModelId.matches(id), let model = FoundationModelCatalog.model(id: id) else {
            throw .validation(Self.invalidModelIdentifier)
        }
        guard model.inferenceTypesSupported.contains(.onDemand) else {
            throw .validation(
                "Invocation of model ID \(id) with on-demand throughput isn’t supported. Retry your request with "
                    + "the ID or ARN of a Provisioned Throughput for this model."
            )
        }
        return id
    }

    /// A deterministic answer: the model's name and the prompt, echoed.
    func invoke(
        _ modelId: String, _ request: EmulatorRequest, _ ctx: Context, stream: Bool
    ) throws(EmulatorError) -> EmulatorResponse {
        let name = try invocable(modelId, ctx)
        guard !request.body.isEmpty else {
            throw .validation(
                "1 validation error detected: Value null at 'body' failed to satisfy constraint: Member must not "
                    + "be null"
            )
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)),
            let json = object as? [String: Any]
        else {
            throw .validation("Malformed input request, please reformat your input and try again.")
        }
        let prompt = (json["inputText"] as? String) ?? (json["prompt"] as? String) ?? "(no prompt)"
        let words = "Emulated answer from \(name): \(prompt)".split(separator: " ").map(String.init)
        guard stream else {
            let body: [String: Any] = [
                "outputText": words.joined(separator: " "), "completionReason": "FINISH",
                "inputTextTokenCount": prompt.split(separator: " ").count,
            ]
            var response = EmulatorResponse.json(200, body, requestId: ctx.requestId)
            response.headers.append(("X-Amzn-Bedrock-Input-Token-Count", String(prompt.split(separator: " ").count)))
            response.headers.append(("X-Amzn-Bedrock-Output-Token-Count", String(words.count)))
            return response
        }
        var chunks: [[UInt8]] = []
        for (index, word) in words.enumerated() {
            var part: [String: Any] = ["outputText": word + (index == words.count - 1 ? "" : " "), "index": 0]
            if index == words.count - 1 { part["completionReason"] = "FINISH" }
            let partJSON = (try? JSONSerialization.data(withJSONObject: part, options: [.sortedKeys])) ?? Data()
            let payload =
                (try? JSONSerialization.data(
                    withJSONObject: ["bytes": partJSON.base64EncodedString(), "p": "abcdefghijklmnopqrstuvwxyzABCDEF"],
                    options: [.sortedKeys])) ?? Data()
            let message = EventStreamMessage(
                headers: [
                    (":event-type", .string("chunk")), (":content-type", .string("application/json")),
                    (":message-type", .string("event")),
                ], payload: Array(payload))
            chunks.append(message.encoded())
        }
        return EmulatorResponse(
            status: 200,
            headers: [
                ("Content-Type", "application/vnd.amazon.eventstream"),
                ("X-Amzn-Bedrock-Content-Type", "application/json"),
                ("x-amzn-RequestId", ctx.requestId),
            ], chunks: chunks)
    }
}
