import Foundation
import Testing

@testable import BedrockEmulator

/// What an emulated model says: what a prompt asks for by name, else a deterministic sentence
/// that never is the prompt.
@Suite struct EmulatedAnswerTests {
    @Test(arguments: [
        ("Reply with the word pong.", "pong"), ("Say hello", "hello"), ("respond only with OK", "OK"),
        ("Answer with just \"ready\"", "ready"), ("Please reply with the single word ok.", "ok"),
    ])
    func aPromptThatAsksForAWordGetsIt(prompt: String, word: String) {
        #expect(EmulatedAnswer(model: "amazon.nova-lite-v1:0", prompt: prompt).text == word)
    }

    @Test func anyOtherPromptGetsADeterministicSentenceThatIsNotThePrompt() {
        let prompt = "Where is my order?"
        let one = EmulatedAnswer(model: "amazon.titan-text-express-v1", prompt: prompt)
        #expect(one == EmulatedAnswer(model: "amazon.titan-text-express-v1", prompt: prompt))
        #expect(!one.text.contains(prompt) && one.outputTokens == 12 && one.inputTokens == 4)
        #expect(one.text != EmulatedAnswer(model: "meta.llama3-8b-instruct-v1:0", prompt: prompt).text)
    }

    /// The image families answer a real PNG: its signature, and every chunk's CRC right.
    @Test func imagesArePNGs() throws {
        let data = try #require(Data(base64Encoded: ModelBody.png(seed: "a cat")))
        let bytes = Array(data)
        #expect(bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        var types: [String] = []
        while offset < bytes.count {
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let body = Array(bytes[offset + 4..<offset + 8 + length])
            let crc = bytes[offset + 8 + length..<offset + 12 + length].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(ModelBody.crc32(body) == crc)
            types.append(String(decoding: body.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        #expect(types == ["IHDR", "IDAT", "IEND"])
        // The check value of CRC-32 over "123456789".
        #expect(ModelBody.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func embeddingsHaveTheModelsSizes() {
        #expect(ModelBody.embeddingSize("amazon.titan-embed-text-v1", [:]) == 1536)
        #expect(ModelBody.embeddingSize("amazon.titan-embed-text-v2:0", ["dimensions": 512]) == 512)
        #expect(ModelBody.embeddingSize("amazon.titan-embed-text-v2:0", ["dimensions": 100]) == 1024)
    }
}
