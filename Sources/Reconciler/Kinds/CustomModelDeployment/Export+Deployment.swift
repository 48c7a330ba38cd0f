import Manifest
import YAML

extension Export {
    /// A deployment's manifest: its name (when the manifest name differs), model, description and tags.
    static func deploymentDocument(_ d: LiveState.Deployment) -> YAMLValue {
        let name = manifestName(d.tags) ?? d.name
        var spec: [YAMLValue.Entry] = []
        if d.name != name { spec.append(.init("modelDeploymentName", .string(d.name))) }
        spec.append(.init("modelArn", .string(d.modelArn)))
        if let description = d.description { spec.append(.init("description", .string(description))) }
        return document(kind: .customModelDeployment, name: name, spec: spec, tags: d.tags)
    }
}
