import Reconciler

extension LiveState {
    /// A state holding these records, as the tests build one.
    init(
        region: String, throughputs: [Throughput] = [], importJobs: [ImportJob] = [],
        importedModels: [ImportedModel] = [], deployments: [Deployment] = [], inferenceProfiles: [InferenceProfile] = []
    ) {
        self.init(region: region)
        self.throughputs = throughputs
        self.importJobs = importJobs
        self.importedModels = importedModels
        self.deployments = deployments
        self.inferenceProfiles = inferenceProfiles
    }
}
