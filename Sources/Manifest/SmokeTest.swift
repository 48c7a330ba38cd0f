import BedrockConstraints
import Foundation
import YAML

/// `spec.smokeTest`: a request sent through the runtime once apply has the resource in service,
/// and what its answer must contain. A failure makes apply exit 1; nothing is rolled back.
public struct SmokeTest: Sendable, Hashable {
    /// The request body, sent as written.
    public var body: String
    public var contentType: String
    public var accept: String
    /// InvokeModelWithResponseStream, its tokens printed as they arrive, instead of InvokeModel.
    public var stream: Bool
    /// Texts the answer must contain, each of them.
    public var contains: [String]
    public var source: Mark

    public init(
        body: String, contentType: String = "application/json", accept: String = "application/json",
        stream: Bool = false, contains: [String], source: Mark
    ) {
        self.body = body
        self.contentType = contentType
        self.accept = accept
        self.stream = stream
        self.contains = contains
        self.source = source
    }

    /// InvokeModel's body is at most 25,000,000 bytes (bedrock-runtime's service model).
    public static let maxBodyBytes = BedrockLimits.invokeBodyMaxBytes

    /// Reads `spec.smokeTest`, logging every problem with its field path and position.
    static func read(_ spec: MappingReader, log: inout DiagnosticLog) -> SmokeTest? {
        guard let test = spec.mapping("smokeTest", fields: ManifestFields.smokeTest, required: false, log: &log) else {
            return nil
        }
        let body = test.string("body", required: true, log: &log)
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
        guard let body, let contains, valid else { return nil }
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
