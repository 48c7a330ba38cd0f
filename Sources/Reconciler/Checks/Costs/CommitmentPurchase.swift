import BedrockConstraints
import Foundation

/// A commitment an apply would buy: the term's whole amount (model units × price × the term's
/// hours), from the plan's time to the day it ends. It cannot be cancelled, and the throughput
/// cannot be deleted, before then.
public struct CommitmentPurchase: Sendable, Hashable, Codable {
    public var actionId: String
    public var modelId: String
    public var modelUnits: Int
    public var commitmentDuration: CommitmentDuration
    /// The hours from the plan's time to the end of the term (calendar months, UTC).
    public var hours: Int
    /// The term's amount; nil when unpriced.
    public var amount: USD?
    /// When the term would end if applied when planned (ISO 8601).
    public var ends: String
    public var cancellable = false

    enum CodingKeys: String, CodingKey, CaseIterable {
        case actionId, modelId, modelUnits, commitmentDuration, hours, amount, ends, cancellable
    }

    /// The end of a term of `duration` begun at `start`: the same time `months` calendar months
    /// later, in UTC.
    public static func end(of duration: CommitmentDuration, from start: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: duration.months, to: start) ?? start
    }

    /// The whole hours from `start` to `end`.
    public static func hours(from start: Date, to end: Date) -> Int {
        max(0, Int((end.timeIntervalSince(start) / 3600).rounded(.down)))
    }

    /// The day it ends, `2027-06-07`.
    public var endDay: String { String(ends.prefix(10)) }
}
