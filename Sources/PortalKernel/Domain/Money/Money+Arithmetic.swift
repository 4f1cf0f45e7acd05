extension Money {
    /// `self + other`.
    ///
    /// - Throws: `invalid("currency mismatch")` for different currencies;
    ///   `invalid("amount out of range")` on overflow.
    public func adding(_ other: Money) throws -> Money {
        try requireSameCurrency(other)
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw Money.outOfRange }
        return Money(minorUnits: sum, currency: currency)
    }

    /// `self - other`.
    ///
    /// - Throws: `invalid("currency mismatch")` for different currencies;
    ///   `invalid("amount out of range")` on overflow.
    public func subtracting(_ other: Money) throws -> Money {
        try requireSameCurrency(other)
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw Money.outOfRange }
        return Money(minorUnits: difference, currency: currency)
    }

    /// `-self`.
    ///
    /// - Throws: `invalid("amount out of range")` for `Int64.min` minor units, the one amount
    ///   without a negation.
    public func negated() throws -> Money {
        let (negation, overflow) = Int64(0).subtractingReportingOverflow(minorUnits)
        guard !overflow else { throw Money.outOfRange }
        return Money(minorUnits: negation, currency: currency)
    }

    /// The absolute amount.
    ///
    /// - Throws: `invalid("amount out of range")` for `Int64.min` minor units.
    public func magnitude() throws -> Money {
        minorUnits < 0 ? try negated() : self
    }

    /// `self × factor`, exactly.
    ///
    /// - Throws: `invalid("amount out of range")` on overflow.
    public func multiplied(by factor: Int64) throws -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw Money.outOfRange }
        return Money(minorUnits: product, currency: currency)
    }

    /// `self × quantity` (a unit price times a decimal quantity, such as 150.00 × 2.5 hours),
    /// rounded to a whole minor unit by `rounding`.
    ///
    /// The product is computed exactly in 128 bits and rounded once:
    /// `round(minorUnits × quantity.thousandths ÷ 1000)`. The default rule is
    /// ``RoundingRule/halfUp``: USD 0.05 × 0.5 = 2.5 cents → USD 0.03.
    ///
    /// - Throws: `invalid("amount out of range")` when the rounded result does not fit.
    public func multiplied(by quantity: Quantity, rounding: RoundingRule = .halfUp) throws -> Money {
        guard let result = rounding.multiply(minorUnits, by: quantity.thousandths, dividingBy: Quantity.scale)
        else { throw Money.outOfRange }
        return Money(minorUnits: result, currency: currency)
    }

    /// The total of `amounts`, all in `currency`; zero for an empty sequence.
    ///
    /// The total is exact: intermediate subtotals may exceed `Int64` as long as the final
    /// total fits (`[max, 1, -1]` sums to `max`).
    ///
    /// - Throws: `invalid("currency mismatch")` if any amount is in another currency;
    ///   `invalid("amount out of range")` if the total does not fit.
    public static func sum<Amounts: Sequence<Money>>(_ amounts: Amounts, currency: Currency) throws -> Money {
        var wrapped: Int64 = 0
        // The true total is `wrapped + carries × 2^64`.
        var carries = 0
        for amount in amounts {
            guard amount.currency == currency else { throw PortalError.invalid("currency mismatch") }
            let (next, overflow) = wrapped.addingReportingOverflow(amount.minorUnits)
            if overflow { carries += amount.minorUnits > 0 ? 1 : -1 }
            wrapped = next
        }
        guard carries == 0 else { throw Money.outOfRange }
        return Money(minorUnits: wrapped, currency: currency)
    }
}

extension Sequence<Money> {
    /// The total of these amounts, all in `currency`; zero for an empty sequence.
    /// Same as ``Money/sum(_:currency:)``.
    public func sum(in currency: Currency) throws -> Money {
        try Money.sum(self, currency: currency)
    }
}
