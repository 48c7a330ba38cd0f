/// A string shape of the service model: its length bounds and pattern.
public struct StringConstraint: Sendable, Hashable {
    /// The shape's name in the service model, e.g. `ProvisionedModelName`.
    public var shape: String
    public var minLength: Int
    public var maxLength: Int
    public var pattern: BedrockPattern?

    public init(shape: String, minLength: Int, maxLength: Int, pattern: BedrockPattern?) {
        self.shape = shape
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
    }

    public enum Violation: Sendable, Hashable, CustomStringConvertible {
        case tooShort(length: Int, min: Int)
        case tooLong(length: Int, max: Int)
        case pattern(BedrockPattern)

        public var description: String {
            switch self {
            case .tooShort(let length, let min):
                return length == 0 ? "must not be empty" : "is \(length) characters, shorter than the minimum of \(min)"
            case .tooLong(let length, let max): return "is \(length) characters, longer than the maximum of \(max)"
            case .pattern(let pattern):
                let regex = pattern.regex.count <= 40 ? ", pattern \(pattern.regex)" : ""
                return "is not valid: expected \(pattern.expectation)\(regex)"
            }
        }
    }

    /// The first rule `value` breaks, or nil. Lengths count Unicode characters, as the service does.
    public func check(_ value: String) -> Violation? {
        let length = value.withUTF8Bytes { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
        if length < minLength { return .tooShort(length: length, min: minLength) }
        if length > maxLength { return .tooLong(length: length, max: maxLength) }
        if let pattern, !pattern.matches(value) { return .pattern(pattern) }
        return nil
    }
}

extension StringConstraint {
    public static let provisionedModelName = StringConstraint(
        shape: "ProvisionedModelName", minLength: 1, maxLength: 63, pattern: .resourceName)
    public static let importedModelName = StringConstraint(
        shape: "ImportedModelName", minLength: 1, maxLength: 63, pattern: .resourceName)
    public static let modelIdentifier = StringConstraint(
        shape: "ModelIdentifier", minLength: 1, maxLength: 2048, pattern: .modelIdentifier)
    public static let jobName = StringConstraint(shape: "JobName", minLength: 1, maxLength: 63, pattern: .jobName)
    public static let roleArn = StringConstraint(shape: "RoleArn", minLength: 0, maxLength: 2048, pattern: .roleArn)
    public static let s3Uri = StringConstraint(shape: "S3Uri", minLength: 1, maxLength: 1024, pattern: .s3Uri)
    public static let kmsKeyId = StringConstraint(shape: "KmsKeyId", minLength: 1, maxLength: 2048, pattern: .kmsKeyId)
    public static let subnetId = StringConstraint(
        shape: "SubnetId", minLength: 0, maxLength: 32, pattern: .vpcResourceId)
    public static let securityGroupId = StringConstraint(
        shape: "SecurityGroupId", minLength: 0, maxLength: 32, pattern: .vpcResourceId)
    public static let tagKey = StringConstraint(shape: "TagKey", minLength: 1, maxLength: 128, pattern: .tag)
    public static let tagValue = StringConstraint(shape: "TagValue", minLength: 0, maxLength: 256, pattern: .tag)
    public static let modelDeploymentName = StringConstraint(
        shape: "ModelDeploymentName", minLength: 1, maxLength: 63, pattern: .deploymentName)
    public static let customModelArn = StringConstraint(
        shape: "CustomModelArn", minLength: 20, maxLength: 1011, pattern: .customModelArn)
    public static let customModelDeploymentDescription = StringConstraint(
        shape: "CustomModelDeploymentDescription", minLength: 1, maxLength: 2048, pattern: .singleLine)
    public static let inferenceProfileName = StringConstraint(
        shape: "InferenceProfileName", minLength: 1, maxLength: 64, pattern: .inferenceProfileName)
    public static let inferenceProfileDescription = StringConstraint(
        shape: "InferenceProfileDescription", minLength: 1, maxLength: 200, pattern: .inferenceProfileDescription)
    public static let inferenceProfileModelSourceArn = StringConstraint(
        shape: "InferenceProfileModelSourceArn", minLength: 1, maxLength: 2048, pattern: .inferenceProfileSourceArn)
    public static let idempotencyToken = StringConstraint(
        shape: "IdempotencyToken", minLength: 1, maxLength: 256, pattern: .idempotencyToken)
}
