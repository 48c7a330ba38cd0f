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

    /// The family whose body a model speaks: a foundation model's own; an imported model (or any
    /// model the catalogue does not know) speaks Llama's, the architecture most imports are.
    func family(of model: String) -> FoundationModelInfo.Family {
        FoundationModelCatalog.model(id: model)?.family ?? .meta
    }

    /// The model's own answer, in its family's body (`ModelBody`), deterministic for a prompt and
    /// never the prompt echoed (`EmulatedAnswer`).
    func invoke(
        _ modelId: String, _ request: EmulatorRequest, _ ctx: Context, stream: Bool
    ) throws(EmulatorError) -> EmulatorResponse {
        let model = try invocable(modelId, ctx)
        guard !request.body.isEmpty else {
            throw .validation(
                "1 validation error detected: Value null at 'body' failed to satisfy constraint: Member must not "
                    + "be null"
            )
        }
        guard let members = JSONValue(parsing: request.body)?.members else {
            throw .validation("Malformed input request, please reformat your input and try again.")
        }
        let family = family(of: model)
        if stream, FoundationModelCatalog.model(id: model)?.responseStreamingSupported == false {
            throw .validation("The model \(model) does not support response streaming.")
        }
        let prompt = try ModelBody.prompt(family, members)
        let answer = EmulatedAnswer(model: model, prompt: prompt)
        guard stream else {
            let body = ModelBody.response(family, model: model, answer: answer, prompt: prompt, body: members)
            var response = EmulatorResponse.json(200, body, requestId: ctx.requestId)
            response.headers.append(("X-Amzn-Bedrock-Input-Token-Count", String(answer.inputTokens)))
            response.headers.append(("X-Amzn-Bedrock-Output-Token-Count", String(answer.outputTokens)))
            response.headers.append(("X-Amzn-Bedrock-Invocation-Latency", "120"))
            return response
        }
        // Each `chunk` event's payload: the piece, base64, and the padding the service adds.
        let chunks = ModelBody.chunks(family, model: model, answer: answer).map { part in
            Self.event(
                "chunk",
                .object([
                    "bytes": .string(Data(JSONWriter.encode(part)).base64EncodedString()),
                    "p": "abcdefghijklmnopqrstuvwxyzABCDEF",
                ]))
        }
        return Self.eventStream(chunks, requestId: ctx.requestId, bedrockContentType: true)
    }

    /// One event of an `application/vnd.amazon.eventstream` answer.
    static func event(_ type: String, _ payload: JSONValue) -> [UInt8] {
        EventStreamMessage(
            headers: [
                (":event-type", .string(type)), (":content-type", .string("application/json")),
                (":message-type", .string("event")),
            ], payload: JSONWriter.encode(payload)
        ).encoded()
    }

    static func eventStream(_ events: [[UInt8]], requestId: String, bedrockContentType: Bool) -> EmulatorResponse {
        var headers = [("Content-Type", "application/vnd.amazon.eventstream"), ("x-amzn-RequestId", requestId)]
        if bedrockContentType { headers.append(("X-Amzn-Bedrock-Content-Type", "application/json")) }
        return EmulatorResponse(status: 200, headers: headers, chunks: events)
    }
}
