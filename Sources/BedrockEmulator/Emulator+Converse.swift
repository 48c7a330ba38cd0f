import AWSClient
import BedrockConstraints
import Foundation

/// Converse and ConverseStream (bedrock-runtime 2023-09-30): one body for every text model.
/// `messages` is required; each message a `role` (user or assistant) and `content` blocks, of
/// which the text blocks are read; `system` and `inferenceConfig` are accepted. The answer is the
/// model's `EmulatedAnswer`, as `ConverseResponse`, or as the stream's `messageStart`,
/// `contentBlockDelta`…, `contentBlockStop`, `messageStop` and `metadata` events.
extension Emulator {
    static let converseRoutes = [
        EmulatorRoute(
            "Converse", "POST", "/model/{modelId}/converse",
            reads: { e, i throws(EmulatorError) in try e.converse(i.label, i.request, i.ctx, stream: false) }),
        EmulatorRoute(
            "ConverseStream", "POST", "/model/{modelId}/converse-stream",
            reads: { e, i throws(EmulatorError) in try e.converse(i.label, i.request, i.ctx, stream: true) }),
    ]

    /// The families Converse serves: the text models'.
    static let conversing: Set<FoundationModelInfo.Family> = [
        .titanText, .nova, .anthropic, .meta, .mistral, .cohereCommand, .cohereCommandR, .ai21Jamba,
    ]

    func converse(
        _ modelId: String, _ request: EmulatorRequest, _ ctx: Context, stream: Bool
    ) throws(EmulatorError) -> EmulatorResponse {
        let model = try invocable(modelId, ctx)
        guard Self.conversing.contains(family(of: model)) else {
            throw .validation(
                "This action doesn't support the model that you provided. Try again with a supported text or chat "
                    + "model.")
        }
        guard let members = JSONValue(parsing: request.body)?.members else {
            throw .validation("The request body is not a JSON object.")
        }
        let prompt = try Self.conversePrompt(members)
        let answer = EmulatedAnswer(model: model, prompt: prompt)
        let usage = JSONValue.object([
            "inputTokens": .number(Double(answer.inputTokens)), "outputTokens": .number(Double(answer.outputTokens)),
            "totalTokens": .number(Double(answer.inputTokens + answer.outputTokens)),
        ])
        guard stream else {
            let body = JSONValue.object([
                "output": .object([
                    "message": .object([
                        "role": "assistant", "content": .array([.object(["text": .string(answer.text)])]),
                    ])
                ]),
                "stopReason": "end_turn", "usage": usage, "metrics": .object(["latencyMs": 120]),
            ])
            return .json(200, body, requestId: ctx.requestId)
        }
        let words = answer.text.split(separator: " ").map(String.init)
        var events = [Self.event("messageStart", .object(["role": "assistant", "p": "abcdefgh"]))]
        for (index, word) in words.enumerated() {
            let piece = index == words.count - 1 ? word : word + " "
            events.append(
                Self.event(
                    "contentBlockDelta",
                    .object(["contentBlockIndex": 0, "delta": .object(["text": .string(piece)]), "p": "abcdefgh"])))
        }
        events.append(Self.event("contentBlockStop", .object(["contentBlockIndex": 0, "p": "abcdefgh"])))
        events.append(Self.event("messageStop", .object(["stopReason": "end_turn", "p": "abcdefgh"])))
        events.append(
            Self.event("metadata", .object(["usage": usage, "metrics": .object(["latencyMs": 120]), "p": "abcdefgh"])))
        return Self.eventStream(events, requestId: ctx.requestId, bedrockContentType: false)
    }

    /// The text of a Converse request's messages, checked as the service model has them: at
    /// least one message, each with a role of the enum and a list of content blocks.
    static func conversePrompt(_ body: [String: JSONValue]) throws(EmulatorError) -> String {
        guard case .array(let messages)? = body["messages"] else {
            throw .validation(
                "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must "
                    + "not be null")
        }
        guard !messages.isEmpty else { throw .validation("A conversation must start with a user message.") }
        var texts: [String] = []
        for (index, message) in messages.enumerated() {
            guard case .string(let role)? = message.members?["role"], ["user", "assistant"].contains(role) else {
                throw .validation(
                    "1 validation error detected: Value at 'messages.\(index + 1).member.role' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [user, assistant]")
            }
            guard case .array(let blocks)? = message.members?["content"] else {
                throw .validation(
                    "1 validation error detected: Value null at 'messages.\(index + 1).member.content' failed to "
                        + "satisfy constraint: Member must not be null")
            }
            if role == "user" {
                texts += blocks.compactMap { if case .string(let t)? = $0.members?["text"] { t } else { nil } }
            }
        }
        guard case .string("user")? = messages[0].members?["role"] else {
            throw .validation(
                "A conversation must start with a user message. Try again with a conversation that "
                    + "starts with a user message.")
        }
        return texts.joined(separator: "\n")
    }
}
