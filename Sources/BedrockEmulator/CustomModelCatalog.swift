import BedrockConstraints
import Foundation

/// The custom models every emulated account has, so that Provisioned Throughput on custom models
/// (and updates between them and their base model) can be exercised.
struct CustomModel: Sendable, Hashable {
    var name: String
    /// The provisioned foundation model it was customised from.
    var baseModelId: String
    var id: String
    /// When it was customized: on-demand deployment takes only models customized on or after
    /// 2025-07-16 (`BedrockRules.onDemandDeploymentRefusal`).
    var created: Date

    func arn(region: String) -> String {
        BedrockARN(region: region, account: Emulator.account, type: .customModel, resource: "\(baseModelId)/\(id)")
            .description
    }
}

enum CustomModelCatalog {
    /// 2024-01-01 and 2025-09-01, 00:00 UTC.
    static let early = Date(timeIntervalSince1970: 1_704_067_200)
    static let recent = Date(timeIntervalSince1970: 1_756_684_800)

    static let all: [CustomModel] = [
        CustomModel(
            name: "support-bot-ft", baseModelId: "amazon.titan-text-express-v1:0:8k", id: "k3r9x2m4q7ts", created: early
        ),
        CustomModel(
            name: "support-bot-ft-v2", baseModelId: "amazon.titan-text-express-v1:0:8k", id: "p8w2n5v7c3xa",
            created: early),
        CustomModel(
            name: "triage-haiku-ft", baseModelId: "anthropic.claude-3-haiku-20240307-v1:0:48k", id: "h4t6y8u2i9ob",
            created: early),
        // Nova Lite fine-tunes made after 2025-07-16, so that they can be deployed on demand.
        CustomModel(
            name: "support-nova-ft", baseModelId: "amazon.nova-lite-v1:0:300k", id: "n7v4q2l9x5ka", created: recent),
        CustomModel(
            name: "support-nova-ft-v2", baseModelId: "amazon.nova-lite-v1:0:300k", id: "m3c8t6r1w4zb", created: recent),
        // One made before that day, which cannot be.
        CustomModel(
            name: "legacy-nova-ft", baseModelId: "amazon.nova-lite-v1:0:300k", id: "q9e2d7f5g1hc", created: early),
    ]

    /// By name or ARN (any region: the ARN's own region is kept by the caller).
    static func find(_ identifier: String) -> CustomModel? {
        if identifier.hasPrefix("arn:") {
            guard let arn = BedrockARN(identifier), arn.type == .customModel, arn.account == Emulator.account else {
                return nil
            }
            return all.first { "\($0.baseModelId)/\($0.id)" == arn.resource }
        }
        return all.first { $0.name == identifier }
    }
}
