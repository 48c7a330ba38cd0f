import BedrockConstraints
import Foundation
import YAML

/// `spec.smokeTest`: a request sent through the runtime once apply has the resource in service,
/// and what its answer must contain. A failure makes apply exit 1; nothing is rolled back.
public struct SmokeTest: Sendable, Hashable {
    /// How the model is asked.
    public enum Call: Sendable, Hashable {
        /// InvokeModel with a body in the model's own format, sent as written.
        case invoke(body: String, contentType: String, accept: String)
        /// Converse with one user message: the same test for every text model.
        case converse(prompt: String)
    }

    public var call: Call
    /// InvokeModelWithResponseStream (or ConverseStream), its tokens printed as they arrive.
    public var stream: Bool
    /// Texts the answer must contain, each of them.
    public var contains: [String]
    public var source: Mark

    public init(call: Call, stream: Bool = false, contains: [String], source: Mark) {
        self.call = call
        self.stream = stream
        self.contains = contains
        self.source = source
    }

    /// An InvokeModel test.
    public init(
        body: String, contentType: String = "application/json", accept: String = "application/json",
        stream: Bool = false, contains: [String], source: Mark
    ) {
        self.init(
            call: .invoke(body: body, contentType: contentType, accept: accept), stream: stream, contains: contains,
            source: source)
    }

    /// A Converse test's longest prompt: Converse takes the same 25,000,000-byte body.
    public static let maxPromptBytes = BedrockLimits.invokeBodyMaxBytes

    /// InvokeModel's body is at most 25,000,000 bytes (bedrock-runtime's service model).
    public static let maxBodyBytes = BedrockLimits.invokeBodyMaxBytes

    /// Reads `spec.smokeTest`, logging every problem with its field path and position.
    static func read(_ spec: MappingReader, log: inout DiagnosticLog) -> SmokeTest? {
        guard let test = spec.mapping("smokeTest", fields: ManifestFields.smokeTest, required: false, log: &log) else {
            return nil
        }
        let prompt = test.string("prompt", required: false, log: &log)
        let body = test.string("body", required: prompt == nil, log: &log)
        if prompt != nil, body != nil || test.field("contentType") != nil || test.field("accept") != nil {
            log.error(
                "\(test.fieldPath("prompt")): a Converse test takes no body, contentType or accept; give either "
                    + "prompt or body",
                at: test.field("prompt")?.mark ?? test.node.mark)
            return nil
        }
        if let prompt, prompt.isEmpty || prompt.utf8.count > maxPromptBytes {
            log.error(
                "\(test.fieldPath("prompt")): must be 1 to \(maxPromptBytes) bytes", at: test.field("prompt")!.mark)
            return nil
        }
        let contentType = test.string("contentType", required: false, log: &log) ?? "application/json"
        let accept = test.string("accept", required: false, log: &log) ?? "application/json"
        let stream = test.bool("stream", required: false, log: &log) ?? false
        for (key, value) in [("contentType", contentType), ("accept", accept)] where !isMediaType(value) {
            log.error(
                "\(test.fieldPath(key)): \"\(value)\" is not a media type (like application/json)",
                at: test.field(key)?.mark ?? test.node.mark)
        }
        var valid = true
        if let body {
            if body.utf8.count > maxBodyBytes {
                log.error(
                    "\(test.fieldPath("body")): \(body.utf8.count) bytes, over InvokeModel's \(maxBodyBytes)",
                    at: test.field("body")!.mark)
                valid = false
            } else if contentType == "application/json",
                (try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])) == nil
            {
                log.error(
                    "\(test.fieldPath("body")): not JSON, but contentType is application/json",
                    at: test.field("body")!.mark)
                valid = false
            }
        }
        let contains = texts(test, "contains", log: &log)
        guard let contains, valid else { return nil }
        if let prompt {
            return SmokeTest(
                call: .converse(prompt: prompt), stream: stream, contains: contains, source: test.node.mark)
        }
        guard let body else { return nil }
        return SmokeTest(
            body: body, contentType: contentType, accept: accept, stream: stream, contains: contains,
            source: test.node.mark)
    }

    /// `contains`: one string, or a list of at least one.
    static func texts(_ test: MappingReader, _ key: String, log: inout DiagnosticLog) -> [String]? {
        guard let value = test.present(key, required: true, log: &log) else { return nil }
        if value.kind == .sequence {
            let items = value.items.compactMap { MappingReader.string($0, path: test.fieldPath(key), log: &log) }
            guard items.count == value.items.count else { return nil }
            guard !items.isEmpty else {
                log.error("\(test.fieldPath(key)): name at least one text the answer must contain", at: value.mark)
                return nil
            }
            return items
        }
        return MappingReader.string(value, path: test.fieldPath(key), log: &log).map { [$0] }
    }

    static func isMediaType(_ text: String) -> Bool {
        let parts = text.split(separator: ";", maxSplits: 1)[0].split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&^_.+-".contains($0)) }
            }
    }
}
