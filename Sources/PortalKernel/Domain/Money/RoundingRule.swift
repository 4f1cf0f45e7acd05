/// How an exact quotient is rounded to a whole number of minor units.
///
/// Every operation that can produce a fraction of a minor unit (percentages, quantities,
/// tax extraction) takes a `RoundingRule`. The intermediate product is computed in 128 bits
/// (`multipliedFullWidth` / `dividingFullWidth`), so rounding is exact and a result that does
/// not fit in `Int64` is reported instead of wrapping.
///
/// | rule | 2.5 | 3.5 | -2.5 | 2.4 | -2.4 | 2.6 |
/// |---|---|---|---|---|---|---|
/// | ``halfEven`` | 2 | 4 | -2 | 2 | -2 | 3 |
/// | ``halfUp`` | 3 | 4 | -3 | 2 | -2 | 3 |
/// | ``down`` | 2 | 3 | -2 | 2 | -2 | 2 |
/// | ``up`` | 3 | 4 | -3 | 3 | -3 | 3 |
/// | ``floor`` | 2 | 3 | -3 | 2 | -3 | 2 |
/// | ``ceiling`` | 3 | 4 | -2 | 3 | -2 | 3 |
///
/// Portal's default for money is ``halfUp`` ("commercial rounding", what tax authorities and
/// customers checking an invoice by hand expect); pass ``halfEven`` where bias over many
/// roundings matters more than matching a hand calculation.
///
/// Codable as its raw value (`"half_even"`, `"half_up"`, `"down"`, `"up"`, `"floor"`, `"ceiling"`).
public enum RoundingRule: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Nearest; exact halves go to the even neighbour (banker's rounding).
    case halfEven = "half_even"
    /// Nearest; exact halves go away from zero.
    case halfUp = "half_up"
    /// Towards zero (truncation).
    case down
    /// Away from zero.
    case up
    /// Towards negative infinity.
    case floor
    /// Towards positive infinity.
    case ceiling

    /// The raw value, such as `half_even`.
    public var description: String { rawValue }

    /// Computes `value × multiplier ÷ divisor`, rounded by this rule, exactly.
    ///
    /// Returns `nil` when `divisor` is zero or the rounded result does not fit in `Int64`.
    public func multiply(_ value: Int64, by multiplier: Int64, dividingBy divisor: Int64) -> Int64? {
        guard divisor != 0 else { return nil }
        let negative = ((value < 0) != (multiplier < 0)) != (divisor < 0)
        let product = value.magnitude.multipliedFullWidth(by: multiplier.magnitude)
        let denominator = divisor.magnitude
        // The quotient fits in 64 bits exactly when the high word is below the divisor.
        guard product.high < denominator else { return nil }
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        guard let magnitude = roundMagnitude(quotient, remainder: remainder, divisor: denominator, negative: negative)
        else { return nil }
        return Self.signed(magnitude, negative: negative)
    }

    /// Computes `value ÷ divisor`, rounded by this rule. Returns `nil` when `divisor` is zero
    /// or the result does not fit (`Int64.min ÷ -1`).
    public func divide(_ value: Int64, by divisor: Int64) -> Int64? {
        multiply(value, by: 1, dividingBy: divisor)
    }

    /// Rounds the magnitude `quotient + remainder / divisor` of a result whose sign is given.
    /// Returns `nil` if rounding up overflows `UInt64`.
    func roundMagnitude(_ quotient: UInt64, remainder: UInt64, divisor: UInt64, negative: Bool) -> UInt64? {
        guard remainder != 0 else { return quotient }
        let awayFromZero: Bool
        switch self {
        case .down: awayFromZero = false
        case .up: awayFromZero = true
        case .floor: awayFromZero = negative
        case .ceiling: awayFromZero = !negative
        case .halfUp: awayFromZero = remainder >= divisor - remainder
        case .halfEven:
            let rest = divisor - remainder
            if remainder == rest {
                awayFromZero = quotient & 1 == 1
            } else {
                awayFromZero = remainder > rest
            }
        }
        guard awayFromZero else { return quotient }
        let (next, overflow) = quotient.addingReportingOverflow(1)
        return overflow ? nil : next
    }

    /// The `Int64` with the given magnitude and sign, or `nil` if it does not fit.
    static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }
}
