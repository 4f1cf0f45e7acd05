/// Prorates prices over service periods, **by calendar day**.
///
/// A part of a period is worth `price × days used ÷ days in the period`, where days are the
/// tenant's local calendar days (``LocalDate``, obtained through ``TenantTimeZone``). Hours
/// never enter the calculation, so a daylight-saving change inside a period (a 23- or 25-hour
/// day) cannot change a share, and every day of a period is worth the same.
///
/// Arithmetic is exact integer arithmetic on minor units: the product is formed in 128 bits
/// and rounded once with a ``RoundingRule`` (default ``RoundingRule/halfUp``). No floating
/// point, and no overflow for any `Int64` amount.
///
/// **Exactness.** ``share(of:days:outOf:rounding:)`` rounds each share independently, so the
/// shares of complementary parts can miss the whole by one minor unit (two exact halves both
/// rounded up: 0.05 over 2 days is 0.03 + 0.03 with ``RoundingRule/halfUp``); shares of *n*
/// parts miss it by at most ⌊*n*/2⌋ minor units. When parts must add up, either compute
/// one part as the complement (`price − remaining`), as ``planChange(from:to:period:effective:rounding:)``
/// callers should for the used part, or use ``split(_:byDays:)``, which always sums exactly.
///
/// ```swift
/// let price = try Money(decimal: "30.00", currency: .usd)
/// try Proration.share(of: price, days: 10, outOf: 30)   // USD 10.00
/// ```
public enum Proration {
    /// `amount × days ÷ totalDays`, rounded once by `rounding`.
    ///
    /// - Throws: `PortalError.invalid` with field `total_days` when `totalDays` is not positive,
    ///   or field `days` when `days` is not in `0...totalDays`.
    public static func share(
        of amount: Money, days: Int, outOf totalDays: Int, rounding: RoundingRule = .halfUp
    ) throws -> Money {
        guard totalDays > 0 else {
            throw PortalError.invalid("a period must have at least one day", field: "total_days")
        }
        guard (0...totalDays).contains(days) else {
            throw PortalError.invalid("days must be between 0 and the days in the period", field: "days")
        }
        // |result| ≤ |amount| because days ≤ totalDays, so this only fails on a broken invariant.
        guard let minorUnits = rounding.multiply(amount.minorUnits, by: Int64(days), dividingBy: Int64(totalDays))
        else { throw Money.outOfRange }
        return Money(minorUnits: minorUnits, currency: amount.currency)
    }

    /// The unused part of `amount` for `period`: the share for the days from `date`
    /// (inclusive) to the period's end.
    ///
    /// A `date` on or before the period's start leaves the whole amount unused; a `date` on or
    /// after its end leaves nothing.
    public static func remaining(
        of amount: Money, in period: ServicePeriod, from date: LocalDate, rounding: RoundingRule = .halfUp
    ) throws -> Money {
        let unusedDays = Swift.min(Swift.max(date.days(until: period.end), 0), period.days)
        return try share(of: amount, days: unusedDays, outOf: period.days, rounding: rounding)
    }

    /// Splits `amount` over parts of `days[i]` days each, in proportion to the days, so that the
    /// parts always sum exactly to `amount`.
    ///
    /// Uses ``Money/allocate(ratios:)`` (largest remainder): each part is within one minor unit
    /// of its exact share, so it may differ by one from ``share(of:days:outOf:rounding:)``.
    ///
    /// - Throws: `PortalError.invalid` with field `days` when `days` is empty, has a negative
    ///   count, or is all zero.
    public static func split(_ amount: Money, byDays days: [Int]) throws -> [Money] {
        guard !days.isEmpty, days.allSatisfy({ $0 >= 0 }), days.contains(where: { $0 > 0 }) else {
            throw PortalError.invalid("days must be non-negative and not all zero", field: "days")
        }
        return try amount.allocate(ratios: days.map { Int64($0) })
    }

    /// The partial first period of a subscription that starts before its anchor.
    ///
    /// The days `[start, anchor)` are charged `price × days(start ..< anchor) ÷ days of the full
    /// period that would end at the anchor` (`[anchor − interval, anchor)`, the period −1 of
    /// ``BillingSchedule``). Returns `nil` when `start == anchor`: there is no partial period.
    ///
    /// - Throws: `PortalError.invalid` with field `start` when `start` is after the anchor or
    ///   more than one interval before it.
    public static func firstPeriod(
        start: LocalDate, anchor: LocalDate, schedule interval: BillingInterval, price: Money,
        rounding: RoundingRule = .halfUp
    ) throws -> (period: ServicePeriod, amount: Money)? {
        guard start != anchor else { return nil }
        let full = BillingSchedule(anchor: anchor, interval: interval).period(-1)
        guard start < anchor, start >= full.start else {
            throw PortalError.invalid(
                "a subscription must start on its anchor or at most one billing interval before it", field: "start")
        }
        let partial = ServicePeriod(start: start, end: anchor)
        let amount = try share(of: price, days: partial.days, outOf: full.days, rounding: rounding)
        return (period: partial, amount: amount)
    }
}
