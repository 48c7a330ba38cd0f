import Manifest
import YAML

extension Export {
    /// One throughput per manifest name: the temporary throughput of an unfinished
    /// create-before-destroy (`NAME-bctl-next`) is left out while the original is there.
    static func exportable(_ throughputs: [LiveState.Throughput]) -> [LiveState.Throughput] {
        let byName = Dictionary(grouping: throughputs) { manifestName($0.tags) ?? $0.name }
        return byName.keys.sorted().compactMap { name in
            let claimants = byName[name] ?? []
            return claimants.first { $0.name != Planner.temporaryName(name) } ?? claimants.first
        }
    }

    static func throughputDocument(_ t: LiveState.Throughput) -> YAMLValue {
        let name = manifestName(t.tags) ?? t.name
        var spec: [YAMLValue.Entry] = []
        if t.name != name { spec.append(.init("provisionedModelName", .string(t.name))) }
        spec.append(.init("modelId", .string(modelId(t.modelArn))))
        spec.append(.init("modelUnits", .integer(t.modelUnits)))
        if let commitment = t.commitmentDuration {
            spec.append(.init("commitmentDuration", .string(commitment.rawValue)))
        }
        return document(kind: .provisionedThroughput, name: name, spec: spec, tags: t.tags)
    }
}
