/// The kinds the emulator keeps, in the order they are settled and asked about an invocation:
/// adding a kind is its file and one line here.
enum EmulatorResources {
    static let all: [any EmulatorResource.Type] = [
        ThroughputRecord.self,
        ImportJobRecord.self,
        ImportedModelRecord.self,
        DeploymentRecord.self,
        InferenceProfileRecord.self,
    ]
}
