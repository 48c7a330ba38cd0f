import AWSClient
import Foundation

/// An amount of US dollars, exact (the Price List's prices are decimal strings): rounded only
/// when shown. Encoded in JSON as a number.
public struct USD: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var amount: Decimal

    public init(_ amount: Decimal) { self.amount = amount }

    public static let zero = USD(0)

    /// Hours in a month, as AWS's pricing pages and cost tools count one (8,760 / 12).
    public static let hoursPerMonth = 730

    public static func + (a: USD, b: USD) -> USD { USD(a.amount + b.amount) }
    public static func - (a: USD, b: USD) -> USD { USD(a.amount - b.amount) }
    public static func * (a: USD, b: Int) -> USD { USD(a.amount * Decimal(b)) }
    public static func < (a: USD, b: USD) -> Bool { a.amount < b.amount }
    public var isNegative: Bool { amount < 0 }

    /// A decimal number as a manifest or the command line writes it (`1500`, `12.75`); nil for
    /// anything else (no sign, exponent or separators).
    public init?(text: String) {
        guard let amount = PriceListProduct.decimal(text) else { return nil }
        self.init(amount)
    }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Decimal.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amount)
    }

    /// `$1,234.56`: to the cent, with thousands separators; `-$12.00` below zero.
    public var description: String { formatted(places: 2) }

    /// A price per unit, which may have more digits than cents (`$0.0035`): to the cent when that
    /// is exact, else to four places.
    public var unitPrice: String {
        var cents = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        return formatted(places: rounded == cents ? 2 : 4)
    }

    func formatted(places: Int) -> String {
        var value = amount < 0 ? -amount : amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var whole = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, places - fraction.count))
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (amount < 0 ? "-$" : "$") + whole + grouped + (places > 0 ? "." + fraction : "")
    }
}
