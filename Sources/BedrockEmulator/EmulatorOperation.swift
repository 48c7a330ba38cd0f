/// Every operation the emulator answers on its port, by the name the service model gives it:
/// routing resolves a request to one of these before anything else is done with it, so that a
/// rate limit (or a log line) can name it.
public enum EmulatorOperation: String, CaseIterable, Sendable, Hashable {
    // bedrock 2023-04-20
    case createProvisionedModelThroughput = "CreateProvisionedModelThroughput"
    case getProvisionedModelThroughput = "GetProvisionedModelThroughput"
    case updateProvisionedModelThroughput = "UpdateProvisionedModelThroughput"
    case deleteProvisionedModelThroughput = "DeleteProvisionedModelThroughput"
    case listProvisionedModelThroughputs = "ListProvisionedModelThroughputs"
    case createModelImportJob = "CreateModelImportJob"
    case getModelImportJob = "GetModelImportJob"
    case listModelImportJobs = "ListModelImportJobs"
    case getImportedModel = "GetImportedModel"
    case listImportedModels = "ListImportedModels"
    case deleteImportedModel = "DeleteImportedModel"
    case tagResource = "TagResource"
    case untagResource = "UntagResource"
    case listTagsForResource = "ListTagsForResource"
    case listFoundationModels = "ListFoundationModels"
    case getFoundationModel = "GetFoundationModel"
    case createCustomModelDeployment = "CreateCustomModelDeployment"
    case getCustomModelDeployment = "GetCustomModelDeployment"
    case updateCustomModelDeployment = "UpdateCustomModelDeployment"
    case deleteCustomModelDeployment = "DeleteCustomModelDeployment"
    case listCustomModelDeployments = "ListCustomModelDeployments"
    case getCustomModel = "GetCustomModel"
    case listCustomModels = "ListCustomModels"
    case createInferenceProfile = "CreateInferenceProfile"
    case getInferenceProfile = "GetInferenceProfile"
    case deleteInferenceProfile = "DeleteInferenceProfile"
    case listInferenceProfiles = "ListInferenceProfiles"
    // bedrock-runtime 2023-09-30
    case invokeModel = "InvokeModel"
    case invokeModelWithResponseStream = "InvokeModelWithResponseStream"
    // service-quotas 2019-06-24
    case getServiceQuota = "GetServiceQuota"
    case listServiceQuotas = "ListServiceQuotas"
    // sts 2011-06-15
    case getCallerIdentity = "GetCallerIdentity"
    // resourcegroupstaggingapi 2017-01-26
    case getResources = "GetResources"

    /// The operation's name in its service model.
    public var name: String { rawValue }

    /// The names, sorted, for messages that list them.
    public static var names: [String] { allCases.map(\.rawValue).sorted() }

    /// The Bedrock operation a REST request addresses (method and decoded path segments, as the
    /// service models' `requestUri`s lay them out); nil when none does.
    static func bedrock(method: String, segments: [String]) -> EmulatorOperation? {
        switch (method, segments.count, segments.first) {
        case ("POST", 1, "provisioned-model-throughput"): .createProvisionedModelThroughput
        case ("GET", 2, "provisioned-model-throughput"): .getProvisionedModelThroughput
        case ("PATCH", 2, "provisioned-model-throughput"): .updateProvisionedModelThroughput
        case ("DELETE", 2, "provisioned-model-throughput"): .deleteProvisionedModelThroughput
        case ("GET", 1, "provisioned-model-throughputs"): .listProvisionedModelThroughputs
        case ("POST", 1, "model-import-jobs"): .createModelImportJob
        case ("GET", 1, "model-import-jobs"): .listModelImportJobs
        case ("GET", 2, "model-import-jobs"): .getModelImportJob
        case ("GET", 1, "imported-models"): .listImportedModels
        case ("GET", 2, "imported-models"): .getImportedModel
        case ("DELETE", 2, "imported-models"): .deleteImportedModel
        case ("POST", 1, "tagResource"): .tagResource
        case ("POST", 1, "untagResource"): .untagResource
        case ("POST", 1, "listTagsForResource"): .listTagsForResource
        case ("GET", 1, "foundation-models"): .listFoundationModels
        case ("GET", 2, "foundation-models"): .getFoundationModel
        case ("POST", 2, "model-customization") where segments[1] == "custom-model-deployments":
            .createCustomModelDeployment
        case ("GET", 2, "model-customization") where segments[1] == "custom-model-deployments":
            .listCustomModelDeployments
        case ("GET", 3, "model-customization") where segments[1] == "custom-model-deployments":
            .getCustomModelDeployment
        case ("PATCH", 3, "model-customization") where segments[1] == "custom-model-deployments":
            .updateCustomModelDeployment
        case ("DELETE", 3, "model-customization") where segments[1] == "custom-model-deployments":
            .deleteCustomModelDeployment
        case ("GET", 1, "custom-models"): .listCustomModels
        case ("GET", 2, "custom-models"): .getCustomModel
        case ("POST", 1, "inference-profiles"): .createInferenceProfile
        case ("GET", 1, "inference-profiles"): .listInferenceProfiles
        case ("GET", 2, "inference-profiles"): .getInferenceProfile
        case ("DELETE", 2, "inference-profiles"): .deleteInferenceProfile
        case ("POST", 3, "model") where segments[2] == "invoke": .invokeModel
        case ("POST", 3, "model") where segments[2] == "invoke-with-response-stream": .invokeModelWithResponseStream
        default: nil
        }
    }
}
