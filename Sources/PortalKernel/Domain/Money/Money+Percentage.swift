extension Money {
    /// `percentage` of this amount, rounded once to a whole minor unit.
    ///
    /// Computed exactly as `round(minorUnits × partsPerMillion ÷ 1,000,000)` with 128-bit
    /// intermediates. With the default ``RoundingRule/halfUp``, 15% of USD 0.10 (1.5 cents)
    /// is USD 0.02 and of USD -0.10 is USD -0.02.
    ///
    /// - Throws: `invalid("amount out of range")` when the result does not fit.
    public func percentage(_ percentage: Percentage, rounding: RoundingRule = .halfUp) throws -> Money {
        guard
            let result = rounding.multiply(
                minorUnits, by: percentage.partsPerMillion, dividingBy: Percentage.hundred.partsPerMillion)
        else { throw Money.outOfRange }
        return Money(minorUnits: result, currency: currency)
    }

    /// This amount less a `discount`: `self - percentage(discount, rounding:)`.
    ///
    /// The discount itself is what is rounded, so the discount line and the discounted total
    /// on an invoice always add up to the original amount.
    ///
    /// - Throws: `invalid("amount out of range")` on overflow.
    public func applyingDiscount(_ discount: Percentage, rounding: RoundingRule = .halfUp) throws -> Money {
        try subtracting(percentage(discount, rounding: rounding))
    }

    /// This net amount plus `tax`: `self + percentage(tax, rounding:)`.
    ///
    /// The tax itself is what is rounded, so net + tax line = gross exactly.
    ///
    /// - Throws: `invalid("amount out of range")` on overflow.
    public func applyingTax(_ tax: Percentage, rounding: RoundingRule = .halfUp) throws -> Money {
        try adding(percentage(tax, rounding: rounding))
    }

    /// The tax contained in this tax-inclusive (gross) amount at rate `tax`:
    /// `round(gross × rate ÷ (100% + rate))`. For ZAR 115.00 at 15% this is ZAR 15.00.
    ///
    /// The net amount is `gross - includedTax`, so the two always add up to the gross.
    ///
    /// - Throws: `invalid("amount out of range")` when `100% + rate` is zero or does not fit.
    public func includedTax(at tax: Percentage, rounding: RoundingRule = .halfUp) throws -> Money {
        let (divisor, overflow) = Percentage.hundred.partsPerMillion.addingReportingOverflow(tax.partsPerMillion)
        guard !overflow, let result = rounding.multiply(minorUnits, by: tax.partsPerMillion, dividingBy: divisor)
        else { throw Money.outOfRange }
        return Money(minorUnits: result, currency: currency)
    }
}
