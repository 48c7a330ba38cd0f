/// A Bedrock ARN, parsed once: `arn:PARTITION:bedrock:REGION:ACCOUNT:TYPE/RESOURCE`. Foundation
/// models have no account; a custom model's resource is `BASE/ID`, where the base model id may
/// itself hold colons (`amazon.titan-text-express-v1:0:8k/k3r9x2m4q7ts`).
public struct BedrockARN: Sendable, Hashable, CustomStringConvertible {
    /// The resource types bedrockctl reads or writes.
    public enum ResourceType: String, Sendable, Hashable, CaseIterable {
        case foundationModel = "foundation-model"
        case customModel = "custom-model"
        case provisionedModel = "provisioned-model"
        case importedModel = "imported-model"
        case modelImportJob = "model-import-job"
        case customModelDeployment = "custom-model-deployment"
        case inferenceProfile = "inference-profile"
        case applicationInferenceProfile = "application-inference-profile"
    }

    public var partition: String
    public var region: String
    /// Empty for a foundation model.
    public var account: String
    public var type: ResourceType
    /// What follows `TYPE/`.
    public var resource: String

    public init(partition: String = "aws", region: String, account: String, type: ResourceType, resource: String) {
        self.partition = partition
        self.region = region
        self.account = account
        self.type = type
        self.resource = resource
    }

    /// Parses `text`; nil for anything that is not a Bedrock ARN of a known resource type.
    public init?(_ text: String) {
        // Five colons split the fixed fields; the resource may hold more.
        let fields = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn", fields[1].hasPrefix("aws"), fields[2] == "bedrock",
            !fields[3].isEmpty, let slash = fields[5].firstIndex(of: "/"),
            let type = ResourceType(rawValue: String(fields[5][..<slash]))
        else { return nil }
        let resource = fields[5][fields[5].index(after: slash)...]
        guard !resource.isEmpty, type == .foundationModel || !fields[4].isEmpty else { return nil }
        self.init(
            partition: String(fields[1]), region: String(fields[3]), account: String(fields[4]), type: type,
            resource: String(resource))
    }

    public var description: String { "arn:\(partition):bedrock:\(region):\(account):\(type.rawValue)/\(resource)" }

    /// A foundation model's ARN in a region.
    public static func foundationModel(_ id: String, region: String, partition: String = "aws") -> BedrockARN {
        BedrockARN(partition: partition, region: region, account: "", type: .foundationModel, resource: id)
    }

    /// The foundation model id of a foundation-model ARN.
    public var foundationModelId: String? { type == .foundationModel ? resource : nil }

    /// The base model id of a custom-model ARN (`BASE/ID`), or nil.
    public var customModelBase: String? {
        guard type == .customModel, let slash = resource.lastIndex(of: "/") else { return nil }
        return String(resource[..<slash])
    }

    /// The identifier after the last `/`: the id the service made.
    public var id: String { resource.split(separator: "/").last.map(String.init) ?? resource }
}
