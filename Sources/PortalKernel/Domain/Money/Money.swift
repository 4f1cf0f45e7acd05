import Foundation

/// An exact amount of money: a whole number of minor units (cents, fils, yen) in one
/// ISO 4217 ``Currency``. Never floating point.
///
/// Arithmetic is checked: overflow throws `PortalError.invalid("amount out of range")` and
/// mixing currencies throws `PortalError.invalid("currency mismatch")`. Operations that can
/// produce a fraction of a minor unit take a ``RoundingRule`` (default ``RoundingRule/halfUp``);
/// splitting an amount uses ``allocate(into:)`` or ``allocate(ratios:)``, which always sum
/// exactly to the original.
///
/// **Ordering.** `Money` is `Comparable` only within one currency: the comparison operators
/// (`<`, `<=`, `>`, `>=`, and so `sorted()`, `min()`, `max()`) stop the program with a
/// precondition failure when the currencies differ, because an answer would be meaningless.
/// When the currencies come from input, use the throwing ``compare(_:)`` instead. Equality is
/// always defined: amounts in different currencies are simply not equal.
///
/// Codable as `{"amount": 123450, "currency": "USD"}`, the amount in minor units.
///
/// ```swift
/// let price = try Money(decimal: "1234.56", currency: .usd)   // 123456 minor units
/// price.formatted()                                           // "USD 1,234.56"
/// let months = try price.allocate(into: 3)
/// ```
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in minor units of ``currency`` (cents for USD, yen for JPY).
    public let minorUnits: Int64
    /// The currency the amount is in.
    public let currency: Currency

    /// An amount of `minorUnits` minor units of `currency`.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money {
        Money(minorUnits: 0, currency: currency)
    }

    /// Whether the amount is zero.
    public var isZero: Bool { minorUnits == 0 }
    /// Whether the amount is below zero.
    public var isNegative: Bool { minorUnits < 0 }
    /// Whether the amount is above zero.
    public var isPositive: Bool { minorUnits > 0 }

    /// The same as ``formatted()``: `"USD 1,234.56"`.
    public var description: String { formatted() }

    // MARK: Comparison

    /// Compares two amounts in the same currency.
    ///
    /// - Throws: `PortalError.invalid("currency mismatch")` when the currencies differ.
    public func compare(_ other: Money) throws -> ComparisonResult {
        try requireSameCurrency(other)
        if minorUnits < other.minorUnits { return .orderedAscending }
        if minorUnits > other.minorUnits { return .orderedDescending }
        return .orderedSame
    }

    /// Orders amounts of one currency.
    ///
    /// - Precondition: both amounts are in the same currency. Comparing different currencies
    ///   is a programming error and traps; use ``compare(_:)`` for input-driven comparisons.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(
            lhs.currency == rhs.currency,
            "Cannot order \(lhs.currency.code) and \(rhs.currency.code) amounts; use Money.compare(_:)")
        return lhs.minorUnits < rhs.minorUnits
    }

    /// Throws `PortalError.invalid("currency mismatch")` unless `other` is in this currency.
    func requireSameCurrency(_ other: Money) throws {
        guard currency == other.currency else { throw PortalError.invalid("currency mismatch") }
    }

    /// The error thrown when a result does not fit in 64 bits of minor units.
    static var outOfRange: PortalError { PortalError.invalid("amount out of range") }

    // MARK: Codable

    private enum CodingKeys: String, CodingKey {
        case amount
        case currency
    }

    /// Encodes `{"amount": <minor units>, "currency": "<code>"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minorUnits, forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }

    /// Decodes `{"amount": <integer minor units>, "currency": "<code>"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.minorUnits = try container.decode(Int64.self, forKey: .amount)
        self.currency = try container.decode(Currency.self, forKey: .currency)
    }
}
