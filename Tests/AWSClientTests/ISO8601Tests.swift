import Foundation
import Testing

@testable import AWSClient

/// The hand-written ISO 8601 codec agrees with Foundation's formatter.
@Suite struct ISO8601Tests {
    @Test func parsesWhatFoundationParses() throws {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for text in [
            "2026-11-25T17:01:02Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "1969-12-31T23:59:59Z",
            "2026-11-25T17:01:02+01:30", "2026-11-25T17:01:02-08:00", "9999-12-31T23:59:59Z",
        ] {
            #expect(ISO8601.parse(text) == plain.date(from: text), "\(text)")
        }
        for text in ["2026-11-25T17:01:02.123Z", "2026-11-25T17:01:02.5Z", "2026-11-25T17:01:02.999+02:00"] {
            let ours = try #require(ISO8601.parse(text))
            let theirs = try #require(fractional.date(from: text))
            #expect(abs(ours.timeIntervalSince(theirs)) < 0.001, "\(text)")
        }
        for bad in [
            "", "2026-11-25", "2026-13-01T00:00:00Z", "2026-11-25T17:01:02", "2026-11-25T17:01:02.Z",
            "x026-11-25T17:01:02Z",
            "2026-11-25T17:01:02Zjunk", "2026-11-25T25:01:02Z",
        ] {
            #expect(ISO8601.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func formatsWhatFoundationFormats() {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for seconds in [0.0, 1_795_568_523.25, -86_401.5, 253_402_300_799, 951_868_799.999] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601.format(date) == fractional.string(from: date), "\(seconds)")
            #expect(ISO8601.parse(ISO8601.format(date)).map { abs($0.timeIntervalSince(date)) < 0.001 } == true)
        }
    }
}
