extension Proration {
    /// The money side of a price change part-way through a period: the unused part of the old
    /// price is credited and the unused part of the new price is charged.
    public struct PlanChange: Sendable, Hashable {
        /// The old price's share for the days from the change to the period's end.
        public let unusedCredit: Money
        /// The new price's share for the same days.
        public let newCharge: Money

        /// `newCharge − unusedCredit`: positive when the customer owes more (an upgrade),
        /// negative when they are owed a credit (a downgrade).
        public var net: Money {
            Money(minorUnits: newCharge.minorUnits - unusedCredit.minorUnits, currency: newCharge.currency)
        }

        /// Checks that ``net`` fits, so reading it can never overflow.
        init(unusedCredit: Money, newCharge: Money) throws {
            _ = try newCharge.subtracting(unusedCredit)
            self.unusedCredit = unusedCredit
            self.newCharge = newCharge
        }
    }

    /// Prorates a change from `oldPrice` to `newPrice` taking effect on `effective` (the first
    /// day at the new price) within `period`, by calendar day.
    ///
    /// ```swift
    /// // April 2024 (30 days), upgrade from 30.00 to 60.00 effective 16 April: 15 days left.
    /// let change = try Proration.planChange(from: old, to: new, period: april, effective: april16)
    /// change.unusedCredit  // USD 15.00
    /// change.newCharge     // USD 30.00
    /// change.net           // USD 15.00
    /// ```
    ///
    /// The used part of the old price is exactly `oldPrice − unusedCredit`; compute it that way
    /// rather than as a separate share so the two always add up.
    ///
    /// - Throws: `PortalError.invalid` with field `currency` when the prices' currencies differ.
    public static func planChange(
        from oldPrice: Money, to newPrice: Money, period: ServicePeriod, effective: LocalDate,
        rounding: RoundingRule = .halfUp
    ) throws -> PlanChange {
        guard oldPrice.currency == newPrice.currency else {
            throw PortalError.invalid("the old and new prices must be in the same currency", field: "currency")
        }
        return try PlanChange(
            unusedCredit: remaining(of: oldPrice, in: period, from: effective, rounding: rounding),
            newCharge: remaining(of: newPrice, in: period, from: effective, rounding: rounding))
    }
}
