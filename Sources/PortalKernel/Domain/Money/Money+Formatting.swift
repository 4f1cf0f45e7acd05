extension Money {
    /// The amount as plain decimal text with exactly the currency's decimal places, no
    /// grouping and no code: `"1234.56"`, `"-5.00"`, `"1235"` (JPY), `"1.235"` (KWD).
    ///
    /// This is the form payment APIs (PayPal's `value`, for instance) and CSV exports expect;
    /// ``init(decimal:currency:field:)`` reads it back exactly.
    public var decimalString: String {
        DecimalAmountText.format(minorUnits, scale: currency.minorUnitExponent)
    }

    /// The amount for people: the currency code, a space, and the amount with `,` between
    /// thousands and `.` before the minor units; a leading `-` for negative amounts.
    ///
    /// `"USD 1,234.56"`, `"JPY 1,235"`, `"KWD 1.235"`, `"-USD 5.00"`.
    ///
    /// The form is fixed (not localised) so that it is stable in emails, PDFs and logs.
    public func formatted() -> String {
        let digits = DecimalAmountText.format(minorUnits, scale: currency.minorUnitExponent, grouping: true)
        if minorUnits < 0 {
            return "-\(currency.code) \(digits.dropFirst())"
        }
        return "\(currency.code) \(digits)"
    }

    /// Parses a plain decimal amount in `currency`: `"1234.5"` in USD is 123450 minor units.
    ///
    /// Accepts an optional leading `-`, digits, and optionally `.` followed by at most the
    /// currency's number of decimal places (`"1234"`, `"1234.5"`, `"1234.50"` for USD; `"1235"`
    /// for JPY). Rejects more decimal places than the currency has (even zeros: `"1235.0"` is
    /// not a JPY amount), grouping separators, spaces, `+`, exponents and currency symbols.
    ///
    /// - Throws: `PortalError.invalid` with `field` for malformed text, too many decimal places,
    ///   or an amount that does not fit in 64 bits of minor units.
    public init(decimal text: String, currency: Currency, field: String = "amount") throws {
        do throws(DecimalAmountText.Failure) {
            let minorUnits = try DecimalAmountText.parse(text, scale: currency.minorUnitExponent)
            self.init(minorUnits: minorUnits, currency: currency)
        } catch {
            switch error {
            case .malformed:
                throw PortalError.invalid("must be a decimal amount such as 1234.50", field: field)
            case .tooManyDecimals:
                let places = currency.minorUnitExponent
                let limit = places == 0 ? "no decimal places" : "at most \(places) decimal places"
                throw PortalError.invalid("\(currency.code) amounts have \(limit)", field: field)
            case .outOfRange:
                throw PortalError.invalid("amount out of range", field: field)
            }
        }
    }
}
