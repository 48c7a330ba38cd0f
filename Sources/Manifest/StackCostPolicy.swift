import BedrockConstraints
import Foundation
import YAML

/// A `kind: Stack`'s `spec.budget` and `spec.pricing`: what the stack may cost, and the prices
/// the team negotiated, which replace the list price.
///
/// ```yaml
/// spec:
///   budget:
///     monthly: 50000        # USD: the stack's run rate after apply, 730 hours a month
///     commitments: 250000   # USD: what one apply may commit to
///   pricing:
///     - modelId: amazon.nova-2-lite-v1:0
///       commitmentDuration: OneMonth   # omit for no commitment
///       perModelUnitHour: 49.50        # USD
/// ```
public struct StackCostPolicy: Sendable, Hashable {
    public struct Limit: Sendable, Hashable {
        public var amount: Decimal
        /// The field, for messages: `spec.budget.monthly at stack.yaml:5:14`.
        public var source: String

        public init(amount: Decimal, source: String) {
            self.amount = amount
            self.source = source
        }
    }

    public struct NegotiatedPrice: Sendable, Hashable {
        /// A foundation model id (a variant's or its base's): its throughputs, and those of
        /// custom models built on it.
        public var modelId: String
        public var commitmentDuration: CommitmentDuration?
        public var perModelUnitHour: Decimal
        public var source: String

        public init(modelId: String, commitmentDuration: CommitmentDuration?, perModelUnitHour: Decimal, source: String)
        {
            self.modelId = modelId
            self.commitmentDuration = commitmentDuration
            self.perModelUnitHour = perModelUnitHour
            self.source = source
        }
    }

    public var monthly: Limit?
    public var commitments: Limit?
    public var pricing: [NegotiatedPrice]

    public init(monthly: Limit? = nil, commitments: Limit? = nil, pricing: [NegotiatedPrice] = []) {
        self.monthly = monthly
        self.commitments = commitments
        self.pricing = pricing
    }

    static let specFields = KeySet(["budget", "pricing"])
    static let budgetFields = KeySet(["monthly", "commitments"])
    static let priceFields = KeySet(["modelId", "commitmentDuration", "perModelUnitHour"])
    /// The largest amount taken, in USD: far past any stack, small enough to stay exact.
    static let maxAmount = Decimal(1_000_000_000)

    static func decode(_ spec: MappingReader, log: inout DiagnosticLog) -> StackCostPolicy {
        var policy = StackCostPolicy()
        if let budget = spec.mapping("budget", fields: budgetFields, required: false, log: &log) {
            policy.monthly = amount(budget, "monthly", log: &log)
            policy.commitments = amount(budget, "commitments", log: &log)
        }
        if let (items, _) = spec.list("pricing", required: false, log: &log) {
            for (index, item) in items.enumerated() {
                guard
                    let entry = MappingReader(
                        item, path: spec.fieldPath("pricing[\(index)]"), fields: priceFields, log: &log)
                else { continue }
                policy.pricing += price(entry, log: &log).map { [$0] } ?? []
            }
        }
        return policy
    }

    static func price(_ entry: MappingReader, log: inout DiagnosticLog) -> NegotiatedPrice? {
        let model = entry.string("modelId", required: true, log: &log)
        if let model, FoundationModelCatalog.model(id: model) == nil {
            log.error(
                "\(entry.fieldPath("modelId")): \"\(model)\" is not a foundation model bedrockctl knows; a "
                    + "negotiated price names the foundation model (custom models built on it take its price)",
                at: entry.field("modelId")!.mark)
        }
        var term: CommitmentDuration?
        if let text = entry.string("commitmentDuration", required: false, log: &log) {
            term = CommitmentDuration(rawValue: text)
            if term == nil {
                let options = CommitmentDuration.allCases.map(\.rawValue)
                log.error(
                    "\(entry.fieldPath("commitmentDuration")): \"\(text)\" is not a commitment duration"
                        + "\(Suggestion.hint(for: text, in: options)) (omit the field for no commitment)",
                    at: entry.field("commitmentDuration")!.mark)
            }
        }
        let price = amount(entry, "perModelUnitHour", required: true, log: &log)
        guard let model, let price, FoundationModelCatalog.model(id: model) != nil,
            entry.field("commitmentDuration").map({ _ in term != nil }) ?? true
        else { return nil }
        return NegotiatedPrice(
            modelId: model, commitmentDuration: term, perModelUnitHour: price.amount, source: price.source)
    }

    /// A positive amount of US dollars, written as a number (`1500`, `49.50`).
    static func amount(
        _ mapping: MappingReader, _ key: String, required: Bool = false, log: inout DiagnosticLog
    ) -> Limit? {
        guard let value = mapping.present(key, required: required, log: &log) else { return nil }
        let path = mapping.fieldPath(key)
        var text: String?
        switch value.scalarValue {
        case .int(let number)?: text = String(number)
        case .string(let written)?: text = written
        default: break
        }
        let digits = text.map { $0.split(separator: ".", omittingEmptySubsequences: false) } ?? []
        guard let text, (1...2).contains(digits.count), text.count <= 20,
            digits.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let amount = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), amount > 0,
            amount <= maxAmount
        else {
            log.error(
                "\(path): expected an amount of US dollars above 0 and at most 1000000000, written as a number "
                    + "(such as 1500 or 49.50), got \(value.kindDescription)",
                at: value.mark)
            return nil
        }
        return Limit(amount: amount, source: "\(path) at \(value.mark)")
    }
}
