import BedrockConstraints
import Foundation
import Manifest

/// One live resource as `bedrockctl get` shows it. Each kind's unit makes the rows of its
/// resources (`ReconcilerKindUnit.rows`), under the names `get` takes for them.
public struct LiveRow: Codable, Sendable, Hashable {
    public var kind: String
    public var name: String
    public var status: String
    public var model: String
    public var modelUnits: Int?
    public var commitment: String?
    public var commitmentExpiration: Date?
    public var stack: String?
    public var manifestName: String?
    public var arn: String
    /// A throughput's price by the hour (`bedrockctl get`); nil when not asked or unpriced.
    public var hourly: USD?
    /// What remains of a throughput's commitment, at that price.
    public var commitmentRemaining: USD?
    /// Why a throughput has no price, when it was asked.
    public var unpriced: String?

    /// A row of a resource with `tags`: its stack and manifest name come from the ownership tags.
    init(
        kind: String, name: String, status: String, model: String, modelUnits: Int? = nil, commitment: String? = nil,
        commitmentExpiration: Date? = nil, tags: [String: String], arn: String
    ) {
        self.kind = kind
        self.name = name
        self.status = status
        self.model = model
        self.modelUnits = modelUnits
        self.commitment = commitment
        self.commitmentExpiration = commitmentExpiration
        self.stack = tags[OwnershipTags.stackKey]
        self.manifestName = tags[OwnershipTags.nameKey]
        self.arn = arn
    }

    /// The names `get` takes for the kinds of rows, every kind's, in the kinds' order.
    public static var kinds: [String] { PlanAction.Kind.allCases.flatMap { $0.unit.getKinds } }

    /// The rows of `live` whose `get` kind is in `kinds`.
    public static func rows(_ live: LiveState, kinds: Set<String>) -> [LiveRow] {
        PlanAction.Kind.allCases.flatMap { $0.unit.rows(live) }.filter { kinds.contains($0.getKind) }.map(\.row)
    }

    /// A foundation model's id from its ARN; a custom model's ARN from `custom-model/` on.
    static func shortModel(_ arn: String) -> String {
        guard let parsed = BedrockARN(arn) else { return arn }
        switch parsed.type {
        case .foundationModel: return parsed.resource
        case .customModel: return "custom-model/" + parsed.resource
        default: return arn
        }
    }
}
