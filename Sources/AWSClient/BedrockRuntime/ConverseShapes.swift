import Foundation

/// The Converse shapes bedrockctl sends and reads (bedrock-runtime 2023-09-30): text messages
/// only.
public enum Converse {
    public struct ContentBlock: Codable, Sendable, Hashable {
        public var text: String?
        public init(text: String?) { self.text = text }
    }

    public struct Message: Codable, Sendable, Hashable {
        public var role: String
        public var content: [ContentBlock]
        public init(role: String, content: [ContentBlock]) {
            self.role = role
            self.content = content
        }
    }

    public struct Request: Codable, Sendable, Hashable {
        public var messages: [Message]
        public init(messages: [Message]) { self.messages = messages }
    }

    public struct TokenUsage: Codable, Sendable, Hashable {
        public var inputTokens: Int
        public var outputTokens: Int
        public var totalTokens: Int?
    }

    public struct Output: Codable, Sendable, Hashable {
        public var message: Message?
    }

    public struct Response: Codable, Sendable, Hashable {
        public var output: Output
        public var stopReason: String
        public var usage: TokenUsage

        /// The text of the answer's content blocks, joined.
        public var text: String { output.message?.content.compactMap(\.text).joined() ?? "" }
    }

    /// A `contentBlockDelta` event: the piece of text it carries.
    struct Delta: Decodable {
        struct Block: Decodable { var text: String? }
        var delta: Block
    }
}
