import AWSClient
import BedrockConstraints
import Foundation

extension Emulator {
    static let invalidModelIdentifier = "The provided model identifier is invalid."

    static let runtimeRoutes = [
        EmulatorRoute(
            "InvokeModel", "POST", "/model/{modelId}/invoke",
            reads: { e, i throws(EmulatorError) in try e.invoke(i.label, i.request, i.ctx, stream: false) }),
        EmulatorRoute(
            "InvokeModelWithResponseStream", "POST", "/model/{modelId}/invoke-with-response-stream",
            reads: { e, i throws(EmulatorError) in try e.invoke(i.label, i.request, i.ctx, stream: true) }),
    ]

    /// What an InvokeModel model id names, if it can answer on demand: a resource of a kind that
    /// answers (`EmulatorResource.invocation`), a system inference profile, or a foundation model.
    func invocable(_ identifier: String, _ ctx: Context) throws(EmulatorError) -> String {
        let arn = BedrockARN(identifier)
        for kind in EmulatorResources.all {
            if let model = try kind.invocation(of: identifier, arn: arn, in: self, ctx) { return model }
        }
        if let system = systemProfile(identifier, ctx), let model = system.models.first { return model }
        if arn?.type == .inferenceProfile { throw .notFound("The inference profile \(identifier) was not found.") }
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
        guard let asked = try? Self.decoder.decode(Prompt.self, from: Data(request.body)) else {
            throw .validation("Malformed input request, please reformat your input and try again.")
        }
        let prompt = asked.inputText ?? asked.prompt ?? "(no prompt)"
        let words = "Emulated answer from \(name): \(prompt)".split(separator: " ").map(String.init)
        guard stream else {
            // The Titan text models' body; no client shape describes a model's answer.
            let body = JSONValue.object([
                "completionReason": .string("FINISH"),
                "inputTextTokenCount": .number(Double(prompt.split(separator: " ").count)),
                "outputText": .string(words.joined(separator: " ")),
            ])
            var response = EmulatorResponse.json(200, body, requestId: ctx.requestId)
            response.headers.append(("X-Amzn-Bedrock-Input-Token-Count", String(prompt.split(separator: " ").count)))
            response.headers.append(("X-Amzn-Bedrock-Output-Token-Count", String(words.count)))
            return response
        }
        var chunks: [[UInt8]] = []
        for (index, word) in words.enumerated() {
            let last = index == words.count - 1
            var part: [String: JSONValue] = ["outputText": .string(word + (last ? "" : " ")), "index": .number(0)]
            if last { part["completionReason"] = .string("FINISH") }
            // A `chunk` event's payload: the piece, base64, and the padding the service adds.
            let payload = JSONWriter.encode(
                .object([
                    "bytes": .string(Data(JSONWriter.encode(.object(part))).base64EncodedString()),
                    "p": .string("abcdefghijklmnopqrstuvwxyzABCDEF"),
                ]))
            let message = EventStreamMessage(
                headers: [
                    (":event-type", .string("chunk")), (":content-type", .string("application/json")),
                    (":message-type", .string("event")),
                ], payload: payload)
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

extension Emulator {
    /// What the emulator reads of a model's input: any JSON object, its prompt under the Titan
    /// (`inputText`) or the Llama and Mistral (`prompt`) member when that is a string.
    struct Prompt: Decodable {
        var inputText: String?
        var prompt: String?

        enum CodingKeys: String, CodingKey { case inputText, prompt }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            inputText = try? container.decodeIfPresent(String.self, forKey: .inputText)
            prompt = try? container.decodeIfPresent(String.self, forKey: .prompt)
        }
    }
}
