import AWSClient
import Manifest
import YAML

extension Export {
    /// The `copyFrom` a live profile was made with: Bedrock keeps only the models, so a profile
    /// of one model came from that foundation model, and one of several from the system-defined
    /// profile with the same models; nil when none has them.
    static func copyFrom(_ p: LiveState.InferenceProfile, system: [Bedrock.InferenceProfile]) -> String? {
        if p.models.count == 1 { return p.models[0] }
        let models = Set(p.models)
        return system.first { Set($0.models.compactMap(\.modelArn)) == models }?.inferenceProfileArn
    }

    static func inferenceProfileDocument(_ p: LiveState.InferenceProfile, copyFrom: String) -> YAMLValue {
        let name = manifestName(p.tags) ?? p.name
        var spec: [YAMLValue.Entry] = []
        if p.name != name { spec.append(.init("inferenceProfileName", .string(p.name))) }
        spec.append(.init("modelSource", .mapping([.init("copyFrom", .string(copyFrom))])))
        if let description = p.description { spec.append(.init("description", .string(description))) }
        return document(kind: .inferenceProfile, name: name, spec: spec, tags: p.tags)
    }
}
