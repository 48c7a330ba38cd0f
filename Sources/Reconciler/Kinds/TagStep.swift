import AWSClient

/// The tag calls every kind shares: TagResource and UntagResource take any Bedrock ARN.
enum TagStep: PlanStep {
    case tag(arn: String, tags: [String: String])
    case untag(arn: String, keys: [String])

    enum CodingKeys: String, CodingKey, CaseIterable { case tag, untag }
    enum TagCodingKeys: String, CodingKey, CaseIterable { case arn, tags }
    enum UntagCodingKeys: String, CodingKey, CaseIterable { case arn, keys }

    static var kind: PlanAction.Kind? { nil }

    static let calls = [
        StepCall(CodingKeys.tag, TagCodingKeys.self, "TagResource") {
            switch $0 {
            case .arn: .string
            case .tags: .stringMap
            }
        },
        StepCall(CodingKeys.untag, UntagCodingKeys.self, "UntagResource") {
            switch $0 {
            case .arn: .string
            case .keys: .stringList
            }
        },
    ]

    func perform(with executor: Executor, for id: String, arn: String?) async throws -> String? {
        switch self {
        case .tag(let arn, let tags): try await executor.client.tagResource(arn, tags: Executor.wireTags(tags))
        case .untag(let arn, let keys): try await executor.client.untagResource(arn, keys: keys)
        }
        return nil
    }
}
