import Manifest

/// The kinds as help texts and errors name them, from the kinds' registration, so that a new
/// kind is named everywhere at once.
enum KindNames {
    /// `ProvisionedThroughput, ModelImportJob, CustomModelDeployment or InferenceProfile`.
    static var choices: String { list(ManifestResource.Kind.allCases.map(\.rawValue), "or") }

    /// `Provisioned Throughputs, Custom Model Import jobs, … and …`, for prose.
    static var prose: String {
        list(
            ManifestResource.Kind.allCases.map { kind in
                switch kind {
                case .provisionedThroughput: "Provisioned Throughputs"
                case .modelImportJob: "Custom Model Import jobs"
                case .customModelDeployment: "custom model deployments"
                case .inferenceProfile: "application inference profiles"
                }
            }, "and")
    }

    static func list(_ names: [String], _ conjunction: String) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " \(conjunction) " + names.last!
    }
}
