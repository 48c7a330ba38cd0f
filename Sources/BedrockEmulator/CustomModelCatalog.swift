import BedrockConstraints
import Foundation

/// The custom models every emulated account has, so that Provisioned Throughput on custom models
/// (and updates between them and their base model) can be exercised.
struct CustomModel: Sendable, Hashable {
    var name: String
    /// The provisioned foundation model it was customised from.
    var baseModelId: String
    var id: String

    func arn(region: String) -> String {
        BedrockARN(region: region, account: Emulator.account, type: .customModel, resource: "\(baseModelId)/\(id)")
            .description
    }
}

enum CustomModelCatalog {
    static let all: [CustomModel] = [
        CustomModel(name: "support-bot-ft", baseModelId: "amazon.titan-text-express-v1:0:8k", id: "k3r9x2m4q7ts"),
        CustomModel(name: "support-bot-ft-v2", baseModelId: "amazon.titan-text-express-v1:0:8k", id: "p8w2n5v7c3xa"),
        CustomModel(
            name: "triage-haiku-ft", baseModelId: "anthropic.claude-3-haiku-20240307-v1:0:48k", id: "h4t6y8u2i9ob"),
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
