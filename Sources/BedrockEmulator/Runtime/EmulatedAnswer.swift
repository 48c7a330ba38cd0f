import Foundation

/// What an emulated model says to a prompt: deterministic for a model and a prompt, and never
/// the prompt echoed. It follows one instruction, so that a smoke test can ask for a known word
/// the way one asks a real model: "reply with (the word) X", "say X", "respond with X" or
/// "answer with X" is answered with X. Anything else gets a sentence chosen by the prompt's hash.
/// Tokens are counted as words (our choice: the service's tokenizers are the models' own).
struct EmulatedAnswer: Sendable, Hashable {
    var text: String
    var inputTokens: Int
    var outputTokens: Int { max(1, text.split(whereSeparator: \.isWhitespace).count) }

    init(model: String, prompt: String) {
        inputTokens = max(1, prompt.split(whereSeparator: \.isWhitespace).count)
        if let word = Self.askedFor(in: prompt) {
            text = word
            return
        }
        var hash = Self.fnv(model + "\u{0}" + prompt)
        var words: [String] = []
        for _ in 0..<12 {
            words.append(Self.vocabulary[Int(hash % UInt64(Self.vocabulary.count))])
            hash = hash &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        }
        text = words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }

    /// The word a prompt asks to be given back, if it asks for one.
    static func askedFor(in prompt: String) -> String? {
        let pattern =
            #/
            (?i) \b (?: (?:reply|respond|answer) (?:\s+only)? \s+with | say ) \b (?:\s+(?:just|only))?
            (?:\s+the (?:\s+single)? \s+word)? \s+ ["'“]? ([\p{L}\p{N}_-]+)
            /#
        guard let match = prompt.firstMatch(of: pattern) else { return nil }
        return String(match.1)
    }

    /// Words of the filler sentences.
    static let vocabulary = [
        "the", "service", "is", "ready", "and", "answering", "requests", "with", "steady", "latency", "capacity",
        "looks", "healthy", "today", "your", "model", "responds", "quickly", "throughput", "holds", "within",
        "limits", "everything", "works", "as", "expected", "here", "now",
    ]

    /// Deterministic numbers from the prompt: an embedding of `count` floats in [-1, 1].
    static func vector(_ seed: String, count: Int) -> [Double] {
        var state = fnv(seed)
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (Double(state >> 11) / Double(1 << 53)) * 2 - 1
        }
    }

    static func fnv(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
