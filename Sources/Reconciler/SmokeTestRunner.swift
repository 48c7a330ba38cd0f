import AWSClient
import Foundation
import Manifest

/// Runs the `spec.smokeTest` of resources through the runtime: finds the throughput, deployment or
/// inference profile by its name, requires it ready (InService, Active), invokes its ARN (streamed
/// or not) and checks the answer holds every
/// text the manifest names. A failure is reported, never rolled back.
public struct SmokeTestRunner: Sendable {
    public var bedrock: BedrockClient
    public var runtime: BedrockRuntimeClient
    /// Progress and streamed tokens, as they arrive.
    public var output: @Sendable (String) -> Void

    public init(
        bedrock: BedrockClient, runtime: BedrockRuntimeClient, output: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.bedrock = bedrock
        self.runtime = runtime
        self.output = output
    }

    public enum Outcome: Sendable, Hashable {
        case passed
        case failed(String)
    }

    public struct Result: Sendable, Hashable {
        public var id: String
        public var outcome: Outcome
        public var passed: Bool { outcome == .passed }
    }

    /// The smoke tests of `resources` that declare one, one after another (each may stream).
    public func run(_ resources: [ManifestResource]) async -> [Result] {
        var results: [Result] = []
        for resource in resources {
            guard let test = resource.smokeTest else { continue }
            let id = Planner.actionId(resource)
            let name = resource.bedrockName.value
            output("smoke test \(id): invoking \(name)\(test.stream ? " (streamed)" : "")\n")
            results.append(Result(id: id, outcome: await run(test, on: resource)))
        }
        return results
    }

    func run(_ test: SmokeTest, on resource: ManifestResource) async -> Outcome {
        do {
            let arn: String
            switch try await resource.kind.unit.invocable(resource, bedrock: bedrock) {
            case .success(let found): arn = found
            case .failure(let why): return .failed(why.message)
            }
            let answer = try await invoke(test, arn: arn)
            let missing = test.contains.filter { !answer.contains($0) }
            guard missing.isEmpty else {
                return .failed(
                    "the answer does not contain \(missing.map { "\"\($0)\"" }.joined(separator: ", ")): "
                        + "\"\(Self.abbreviated(answer))\"")
            }
            return .passed
        } catch let error as AWSServiceError {
            return .failed("\(error.operation ?? "the runtime") failed: \(error.code): \(error.message)")
        } catch {
            return .failed("\(error)")
        }
    }

    struct NotReady: Error {
        var message: String
    }

    /// The answer's text: the body (Converse: the message's text), or the streamed tokens joined,
    /// each printed as it arrives.
    func invoke(_ test: SmokeTest, arn: String) async throws -> String {
        let contentType: String
        let accept: String
        let body: [UInt8]
        switch test.call {
        case .converse(let prompt):
            guard test.stream else { return try await runtime.converse(arn, prompt: prompt).text }
            var text = ""
            for try await token in try await runtime.converseStream(arn, prompt: prompt) {
                output(token)
                text += token
            }
            if !text.hasSuffix("\n") { output("\n") }
            return text
        case .invoke(let given, let type, let accepted):
            (body, contentType, accept) = (Array(given.utf8), type, accepted)
        }
        guard test.stream else {
            let answer = try await runtime.invokeModel(arn, body: body, contentType: contentType, accept: accept)
            return String(decoding: answer.body, as: UTF8.self)
        }
        let answer = try await runtime.invokeModelWithResponseStream(
            arn, body: body, contentType: contentType, accept: accept)
        var text = ""
        for try await chunk in answer.chunks {
            let token = Self.token(of: chunk)
            output(token)
            text += token
        }
        if !text.hasSuffix("\n") { output("\n") }
        return text
    }

    /// The text of one streamed chunk, in the shapes the model families use (Titan's
    /// `outputText`, Anthropic's `completion` and `delta.text`, Llama's `generation`, Mistral's
    /// `outputs[0].text`, Nova's `contentBlockDelta`, Cohere's and Jamba's); nothing for the events
    /// around the text; the chunk as it came for any other.
    static func token(of chunk: [UInt8]) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(chunk)) as? [String: Any] else {
            return String(decoding: chunk, as: UTF8.self)
        }
        for key in ["outputText", "completion", "generation"] {
            if let text = object[key] as? String { return text }
        }
        if let delta = object["delta"] as? [String: Any], let text = delta["text"] as? String { return text }
        if let outputs = object["outputs"] as? [[String: Any]], let text = outputs.first?["text"] as? String {
            return text
        }
        // Nova's events, named as Converse's; Cohere's generations; Jamba's choices.
        if let block = object["contentBlockDelta"] as? [String: Any], let delta = block["delta"] as? [String: Any] {
            return delta["text"] as? String ?? ""
        }
        if let generations = object["generations"] as? [[String: Any]], let text = generations.first?["text"] as? String
        {
            return text
        }
        if let text = object["text"] as? String { return text }
        if let choices = object["choices"] as? [[String: Any]], let delta = choices.first?["delta"] as? [String: Any] {
            return delta["content"] as? String ?? ""
        }
        // The events around the text (a message's start and stop, metrics) carry none.
        let envelope: Set<String> = [
            "type", "messageStart", "contentBlockStop", "messageStop", "metadata", "is_finished", "choices",
            "amazon-bedrock-invocationMetrics",
        ]
        if !Set(object.keys).isDisjoint(with: envelope) { return "" }
        return String(decoding: chunk, as: UTF8.self)
    }

    static func abbreviated(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 120 ? flat.prefix(120) + "…" : flat
    }
}
