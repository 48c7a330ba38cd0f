import Foundation

/// How a commitment's end is shown, in plans and in `get`: "until DATE (N days)", the days counted
/// up from `now` (the service's clock), or "(expired)".
public enum CommitmentExpiry {
    public static func describe(_ expiry: Date, now: Date) -> String {
        let days = Int((expiry.timeIntervalSince(now) / 86_400).rounded(.up))
        let left = days > 0 ? "(\(days) day\(days == 1 ? "" : "s"))" : "(expired)"
        return "until \(ISO8601DateFormatter().string(from: expiry)) \(left)"
    }
}
