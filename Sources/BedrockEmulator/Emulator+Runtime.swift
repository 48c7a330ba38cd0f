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
        if let system = systemProfile(identifier, ctx) { return system.modelId }
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
        guard let json = JSONValue(parsing: request.body)?.members else {
            throw .validation("Malformed input request, please reformat your input and try again.")
        }
        let prompt = json["inputText"]?.text ?? json["prompt"]?.text ?? "(no prompt)"
        let words = "Emulated answer from \(name): \(prompt)".split(separator: " ").map(String.init)
        guard stream else {
            let body = TextAnswer(
                completionReason: "FINISH", inputTextTokenCount: prompt.split(separator: " ").count,
                outputText: words.joined(separator: " "))
            var response = EmulatorResponse.wire(200, body, requestId: ctx.requestId)
            response.headers.append(("X-Amzn-Bedrock-Input-Token-Count", String(prompt.split(separator: " ").count)))
            response.headers.append(("X-Amzn-Bedrock-Output-Token-Count", String(words.count)))
            return response
        }
        var chunks: [[UInt8]] = []
        for (index, word) in words.enumerated() {
            let last = index == words.count - 1
            let part = TextChunk(
                completionReason: last ? "FINISH" : nil, index: 0, outputText: word + (last ? "" : " "))
            let payload = WireEncoder.encode(
                ChunkPayload(
                    bytes: Data(WireEncoder.encode(part)).base64EncodedString(),
                    p: "abcdefghijklmnopqrstuvwxyzABCDEF"))
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

/// The emulator's model answer, in the Titan text models' body (members in byte order, as the
/// emulator has always written them).
struct TextAnswer: Encodable {
    var completionReason: String
    var inputTextTokenCount: Int
    var outputText: String
}

/// One streamed piece of an answer.
struct TextChunk: Encodable {
    var completionReason: String?
    var index: Int
    var outputText: String
}

/// A `chunk` event's payload: the piece, base64, and the padding the service adds.
struct ChunkPayload: Encodable {
    var bytes: String
    var p: String
}
