import BedrockConstraints
import Foundation

/// Each model family's native InvokeModel body, as its provider documents it (and recorded
/// traffic shows it): where the prompt is, the members a request must have, the answer and the
/// streamed chunks. The answer's text is an `EmulatedAnswer`.
enum ModelBody {
    typealias Family = FoundationModelInfo.Family

    /// The prompt of a native request; a missing required member is the model's 400, worded as
    /// Bedrock words a malformed input.
    static func prompt(_ family: Family, _ body: [String: JSONValue]) throws(EmulatorError) -> String {
        func required(_ key: String) throws(EmulatorError) -> JSONValue {
            guard let value = body[key], value != .null else {
                throw .validation(
                    "Malformed input request: #: required key [\(key)] not found, please reformat your input and try "
                        + "again.")
            }
            return value
        }
        func string(_ key: String) throws(EmulatorError) -> String {
            guard case .string(let text) = try required(key) else {
                throw .validation(
                    "Malformed input request: #/\(key): expected type: String, please reformat your input and try "
                        + "again.")
            }
            return text
        }
        switch family {
        case .titanText, .titanEmbedding:
            return try string("inputText")
        case .meta:
            return try string("prompt")
        case .mistral:
            return body["messages"] != nil ? try messagesText(required("messages")) : try string("prompt")
        case .cohereCommand:
            return try string("prompt")
        case .cohereCommandR:
            return try string("message")
        case .cohereEmbed:
            guard case .array(let texts) = try required("texts") else { return "" }
            return texts.map(\.description).joined(separator: " ")
        case .anthropic:
            _ = try required("anthropic_version")
            _ = try required("max_tokens")
            return try messagesText(required("messages"))
        case .nova, .ai21Jamba:
            return try messagesText(required("messages"))
        case .titanImage, .novaImage:
            guard let params = try required("textToImageParams").members, case .string(let text)? = params["text"]
            else {
                throw .validation(
                    "Malformed input request: #/textToImageParams: required key [text] not found, please reformat "
                        + "your input and try again.")
            }
            return text
        case .stability:
            guard case .array(let prompts) = try required("text_prompts") else { return "" }
            return prompts.compactMap { $0.members?["text"]?.description }.joined(separator: " ")
        }
    }

    /// The text of a messages list: each message's `content`, a string or a list of text blocks
    /// (`{"text": …}` for Nova, `{"type": "text", "text": …}` for Anthropic).
    static func messagesText(_ messages: JSONValue) throws(EmulatorError) -> String {
        guard case .array(let list) = messages, !list.isEmpty else {
            throw .validation("Malformed input request: #/messages: expected minimum item count: 1")
        }
        var texts: [String] = []
        for message in list {
            switch message.members?["content"] {
            case .string(let text)?: texts.append(text)
            case .array(let blocks)?:
                texts += blocks.compactMap { if case .string(let t)? = $0.members?["text"] { t } else { nil } }
            default:
                throw .validation(
                    "Malformed input request: #/messages: required key [content] not found, please reformat your "
                        + "input and try again.")
            }
        }
        return texts.joined(separator: "\n")
    }

    /// The whole answer.
    static func response(
        _ family: Family, model: String, answer a: EmulatedAnswer, prompt: String, body: [String: JSONValue]
    ) -> JSONValue {
        let text = JSONValue.string(a.text)
        let inTokens = JSONValue.number(Double(a.inputTokens))
        let outTokens = JSONValue.number(Double(a.outputTokens))
        switch family {
        case .titanText:
            return .object([
                "inputTextTokenCount": inTokens,
                "results": .array([
                    .object(["tokenCount": outTokens, "outputText": text, "completionReason": .string("FINISH")])
                ]),
            ])
        case .titanEmbedding:
            let dimensions = embeddingSize(model, body)
            let vector = JSONValue.array(EmulatedAnswer.vector(model + prompt, count: dimensions).map(JSONValue.number))
            var answer: [String: JSONValue] = ["embedding": vector, "inputTextTokenCount": inTokens]
            if model.hasPrefix("amazon.titan-embed-text-v2") { answer["embeddingsByType"] = .object(["float": vector]) }
            return .object(answer)
        case .nova:
            return .object([
                "output": .object([
                    "message": .object(["role": "assistant", "content": .array([.object(["text": text])])])
                ]),
                "stopReason": "end_turn",
                "usage": .object([
                    "inputTokens": inTokens, "outputTokens": outTokens,
                    "totalTokens": .number(Double(a.inputTokens + a.outputTokens)),
                ]),
            ])
        case .anthropic:
            return .object([
                "id": .string("msg_bdrk_" + String(EmulatedAnswer.fnv(model + prompt), radix: 36)),
                "type": "message", "role": "assistant", "model": .string(model),
                "content": .array([.object(["type": "text", "text": text])]), "stop_reason": "end_turn",
                "stop_sequence": .null,
                "usage": .object(["input_tokens": inTokens, "output_tokens": outTokens]),
            ])
        case .meta:
            return .object([
                "generation": text, "prompt_token_count": inTokens, "generation_token_count": outTokens,
                "stop_reason": "stop",
            ])
        case .mistral:
            if body["messages"] != nil {
                return .object([
                    "choices": .array([
                        .object([
                            "index": 0, "message": .object(["role": "assistant", "content": text]),
                            "stop_reason": "stop",
                        ])
                    ])
                ])
            }
            return .object(["outputs": .array([.object(["text": text, "stop_reason": "stop"])])])
        case .cohereCommand:
            let id = String(EmulatedAnswer.fnv(prompt), radix: 16)
            return .object([
                "id": .string(id),
                "generations": .array([
                    .object(["id": .string(id + "-0"), "text": text, "finish_reason": "COMPLETE"])
                ]), "prompt": .string(prompt),
            ])
        case .cohereCommandR:
            return .object([
                "response_id": .string(String(EmulatedAnswer.fnv(prompt), radix: 16)), "text": text,
                "generation_id": .string(String(EmulatedAnswer.fnv(model + prompt), radix: 16)),
                "chat_history": .array([
                    .object(["role": "USER", "message": .string(prompt)]),
                    .object(["role": "CHATBOT", "message": text]),
                ]), "finish_reason": "COMPLETE",
            ])
        case .cohereEmbed:
            var texts: [JSONValue] = []
            if case .array(let given)? = body["texts"] { texts = given }
            return .object([
                "id": .string(String(EmulatedAnswer.fnv(prompt), radix: 16)),
                "embeddings": .array(
                    texts.map {
                        .array(EmulatedAnswer.vector(model + $0.description, count: 1024).map(JSONValue.number))
                    }
                ), "response_type": "embeddings_floats", "texts": .array(texts),
            ])
        case .ai21Jamba:
            return .object([
                "choices": .array([
                    .object([
                        "index": 0, "message": .object(["role": "assistant", "content": text]),
                        "finish_reason": "stop",
                    ])
                ]),
                "usage": .object([
                    "prompt_tokens": inTokens, "completion_tokens": outTokens,
                    "total_tokens": .number(Double(a.inputTokens + a.outputTokens)),
                ]),
            ])
        case .titanImage, .novaImage:
            return .object(["images": .array([.string(png(seed: model + prompt))]), "error": .null])
        case .stability:
            return .object([
                "result": "success",
                "artifacts": .array([
                    .object([
                        "seed": .number(Double(EmulatedAnswer.fnv(prompt) % 4_294_967_295)),
                        "base64": .string(png(seed: model + prompt)), "finishReason": "SUCCESS",
                    ])
                ]),
            ])
        }
    }

    /// The streamed chunks, a word at a time; the last carries the invocation metrics Bedrock
    /// adds to a stream's last chunk.
    static func chunks(_ family: Family, model: String, answer a: EmulatedAnswer) -> [JSONValue] {
        let words = a.text.split(separator: " ").map(String.init)
        let pieces = words.enumerated().map { $0.offset == words.count - 1 ? $0.element : $0.element + " " }
        let metrics = JSONValue.object([
            "inputTokenCount": .number(Double(a.inputTokens)), "outputTokenCount": .number(Double(a.outputTokens)),
            "invocationLatency": 120, "firstByteLatency": 40,
        ])
        let key = "amazon-bedrock-invocationMetrics"
        var out: [[String: JSONValue]]
        switch family {
        case .titanText:
            out = pieces.map { ["outputText": .string($0), "index": 0] }
            out[out.count - 1]["completionReason"] = "FINISH"
            out[out.count - 1]["inputTextTokenCount"] = .number(Double(a.inputTokens))
            out[out.count - 1]["totalOutputTextTokenCount"] = .number(Double(a.outputTokens))
        case .nova:
            out = [["messageStart": .object(["role": "assistant"])]]
            out += pieces.map {
                ["contentBlockDelta": .object(["delta": .object(["text": .string($0)]), "contentBlockIndex": 0])]
            }
            out += [
                ["contentBlockStop": .object(["contentBlockIndex": 0])],
                ["messageStop": .object(["stopReason": "end_turn"])],
                [
                    "metadata": .object([
                        "usage": .object([
                            "inputTokens": .number(Double(a.inputTokens)),
                            "outputTokens": .number(Double(a.outputTokens)),
                        ]), "metrics": .object([:]), "trace": .object([:]),
                    ])
                ],
            ]
        case .anthropic:
            out = [
                [
                    "type": "message_start",
                    "message": .object([
                        "id": .string("msg_bdrk_" + String(EmulatedAnswer.fnv(model + a.text), radix: 36)),
                        "type": "message", "role": "assistant", "model": .string(model), "content": .array([]),
                        "stop_reason": .null, "stop_sequence": .null,
                        "usage": .object(["input_tokens": .number(Double(a.inputTokens)), "output_tokens": 1]),
                    ]),
                ],
                ["type": "content_block_start", "index": 0, "content_block": .object(["type": "text", "text": ""])],
            ]
            out += pieces.map {
                [
                    "type": "content_block_delta", "index": 0,
                    "delta": .object(["type": "text_delta", "text": .string($0)]),
                ]
            }
            out += [
                ["type": "content_block_stop", "index": 0],
                [
                    "type": "message_delta", "delta": .object(["stop_reason": "end_turn", "stop_sequence": .null]),
                    "usage": .object(["output_tokens": .number(Double(a.outputTokens))]),
                ],
                ["type": "message_stop"],
            ]
        case .meta:
            out = pieces.enumerated().map { index, piece in
                [
                    "generation": .string(piece),
                    "prompt_token_count": index == 0 ? .number(Double(a.inputTokens)) : .null,
                    "generation_token_count": .number(Double(index + 1)), "stop_reason": .null,
                ]
            }
            out[out.count - 1]["stop_reason"] = "stop"
        case .mistral:
            out = pieces.map { ["outputs": .array([.object(["text": .string($0), "stop_reason": .null])])] }
            out[out.count - 1]["outputs"] = .array([
                .object(["text": .string(pieces.last ?? ""), "stop_reason": "stop"])
            ])
        case .cohereCommand:
            out = pieces.map { ["generations": .array([.object(["text": .string($0)])]), "is_finished": false] }
            out.append(["is_finished": true, "finish_reason": "COMPLETE"])
        case .cohereCommandR:
            out = pieces.map { ["event_type": "text-generation", "text": .string($0), "is_finished": false] }
            out.append(["event_type": "stream-end", "is_finished": true, "finish_reason": "COMPLETE"])
        case .ai21Jamba:
            out = pieces.map {
                [
                    "choices": .array([
                        .object(["index": 0, "delta": .object(["content": .string($0)]), "finish_reason": .null])
                    ])
                ]
            }
            out.append(["choices": .array([.object(["index": 0, "delta": .object([:]), "finish_reason": "stop"])])])
        case .titanEmbedding, .cohereEmbed, .titanImage, .novaImage, .stability:
            out = [[:]]
        }
        out[out.count - 1][key] = metrics
        return out.map(JSONValue.object)
    }

    /// Titan Embeddings G1 answers 1,536 floats; V2 1,024 unless `dimensions` asks for 512 or 256;
    /// the multimodal model 1,024 (the models' documented sizes).
    static func embeddingSize(_ model: String, _ body: [String: JSONValue]) -> Int {
        if model.hasPrefix("amazon.titan-embed-text-v2") {
            if case .number(let n)? = body["dimensions"], [256, 512, 1024].contains(Int(n)) { return Int(n) }
            return 1024
        }
        return model.hasPrefix("amazon.titan-embed-text-v1") ? 1536 : 1024
    }

    /// A 1×1 PNG of a colour taken from `seed`, base64: a real image any decoder reads.
    static func png(seed: String) -> String {
        let hash = EmulatedAnswer.fnv(seed)
        let pixel: [UInt8] = [0, UInt8(hash & 0xFF), UInt8((hash >> 8) & 0xFF), UInt8((hash >> 16) & 0xFF)]
        func be32(_ v: UInt32) -> [UInt8] {
            [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
        }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return be32(UInt32(data.count)) + body + be32(crc32(body))
        }
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in pixel {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        // zlib: one stored block of the filter byte and the RGB pixel.
        let zlib: [UInt8] = [0x78, 0x01, 0x01, 0x04, 0x00, 0xFB, 0xFF] + pixel + be32((b << 16) | a)
        let header: [UInt8] = be32(1) + be32(1) + [8, 2, 0, 0, 0]
        let bytes =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib)
            + chunk("IEND", [])
        return Data(bytes).base64EncodedString()
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
