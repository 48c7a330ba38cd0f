import Foundation

/// The two date forms SigV4 uses: `20150830T123600Z` and `20150830`.
public struct AMZDate: Sendable, Hashable {
    public let stamp: String
    public var day: String { String(stamp.prefix(8)) }

    public init(_ date: Date) {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ n: Int32, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        stamp =
            pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "Z"
    }

    /// Parses `20150830T123600Z`; nil for anything else.
    public init?(stamp: String) {
        let b = Array(stamp.utf8)
        guard b.count == 16, b[8] == UInt8(ascii: "T"), b[15] == UInt8(ascii: "Z"),
            b[0..<8].allSatisfy({ $0 &- 0x30 < 10 }), b[9..<15].allSatisfy({ $0 &- 0x30 < 10 })
        else { return nil }
        self.stamp = stamp
    }

    public var date: Date {
        let b = Array(stamp.utf8).map { Int($0) - 0x30 }
        func n(_ r: Range<Int>) -> Int32 { Int32(r.reduce(0) { $0 * 10 + b[$1] }) }
        var parts = tm()
        parts.tm_year = n(0..<4) - 1900
        parts.tm_mon = n(4..<6) - 1
        parts.tm_mday = n(6..<8)
        parts.tm_hour = n(9..<11)
        parts.tm_min = n(11..<13)
        parts.tm_sec = n(13..<15)
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
