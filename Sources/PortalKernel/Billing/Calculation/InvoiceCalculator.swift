/// Computes invoice lines and totals. Pure: no storage, no clock.
///
/// The rounding rule, chosen once for every tenant: **each line is rounded on its own, half-up
/// (exact halves away from zero), to a whole minor unit**, in this order: the gross
/// (`quantity × unit amount`), the line discount, then the tax. Totals are plain sums of the
/// rounded lines, so the lines always add up to the totals and `total = subtotal + tax` holds
/// exactly. Tax-inclusive lines round the tax contained in the amount
/// (`amount × rate ÷ (100% + rate)`) and the net is what remains.
///
/// The company's standing discount becomes its own line (``InvoiceLineKind/companyDiscount``), one
/// per tax treatment among the item lines, worth the discount percent of those lines' amounts
/// and taxed like them, so discounted tax is exact per rate.
public enum InvoiceCalculator {
    /// A line to compute: what was asked for, with its tax already resolved for the invoice date.
    public struct LineSpec: Sendable, Hashable {
        public var kind: InvoiceLineKind
        public var description: String
        public var quantity: Quantity
        public var unitAmount: Money
        public var discountPercent: Percentage
        public var tax: AppliedTax?
        public var depositInvoiceId: InvoiceID?
        public var periodStart: LocalDate?
        public var periodEnd: LocalDate?

        public init(
            kind: InvoiceLineKind = .item, description: String, quantity: Quantity = 1, unitAmount: Money,
            discountPercent: Percentage = .zero, tax: AppliedTax? = nil, depositInvoiceId: InvoiceID? = nil,
            periodStart: LocalDate? = nil, periodEnd: LocalDate? = nil
        ) {
            self.kind = kind
            self.description = description
            self.quantity = quantity
            self.unitAmount = unitAmount
            self.discountPercent = discountPercent
            self.tax = tax
            self.depositInvoiceId = depositInvoiceId
            self.periodStart = periodStart
            self.periodEnd = periodEnd
        }
    }

    /// The computed amounts of one line.
    public struct LineAmounts: Sendable, Hashable {
        public var gross: Money
        public var discount: Money
        public var net: Money
        public var tax: Money
        public var total: Money
    }

    /// Invoice totals: sums of the lines.
    public struct Totals: Sendable, Hashable {
        public var subtotal: Money
        public var taxTotal: Money
        public var total: Money
    }

    /// The amounts of one line.
    /// - Throws: `invalid` on a currency other than `currency` or an amount out of range.
    public static func amounts(of line: LineSpec, currency: Currency) throws -> LineAmounts {
        guard line.unitAmount.currency == currency else {
            throw PortalError.invalid("Every line must be in the invoice's currency (\(currency.code)).", field: "unit_amount")
        }
        let gross = try line.unitAmount.multiplied(by: line.quantity, rounding: .halfUp)
        let discount = try gross.percentage(line.discountPercent, rounding: .halfUp)
        let afterDiscount = try gross.subtracting(discount)
        guard let tax = line.tax else {
            return LineAmounts(gross: gross, discount: discount, net: afterDiscount, tax: .zero(currency), total: afterDiscount)
        }
        if tax.inclusive {
            let included = try afterDiscount.includedTax(at: tax.percent, rounding: .halfUp)
            return LineAmounts(
                gross: gross, discount: discount, net: try afterDiscount.subtracting(included), tax: included, total: afterDiscount)
        }
        let added = try afterDiscount.percentage(tax.percent, rounding: .halfUp)
        return LineAmounts(gross: gross, discount: discount, net: afterDiscount, tax: added, total: try afterDiscount.adding(added))
    }

    /// The company-discount lines for `items` (one per tax treatment, in first-seen order), or
    /// none when the discount is zero.
    public static func companyDiscountLines(
        for items: [LineSpec], discount: Percentage, currency: Currency
    ) throws -> [LineSpec] {
        guard discount > .zero else { return [] }
        var order: [AppliedTax?] = []
        var bases: [AppliedTax?: Money] = [:]
        for item in items where item.kind == .item {
            let amounts = try amounts(of: item, currency: currency)
            // The discount applies to what the client pays for the line before tax treatment:
            // the amount after the line's own discount (tax-inclusive lines: including tax).
            let base = try amounts.gross.subtracting(amounts.discount)
            if bases[item.tax] == nil { order.append(item.tax) }
            bases[item.tax] = try (bases[item.tax] ?? .zero(currency)).adding(base)
        }
        return try order.compactMap { tax in
            let off = try bases[tax, default: .zero(currency)].percentage(discount, rounding: .halfUp)
            guard !off.isZero else { return nil }
            return LineSpec(
                kind: .companyDiscount, description: "Discount \(discount)", unitAmount: try off.negated(), tax: tax)
        }
    }

    /// The totals of computed lines.
    public static func totals(_ lines: [LineAmounts], currency: Currency) throws -> Totals {
        Totals(
            subtotal: try Money.sum(lines.map(\.net), currency: currency),
            taxTotal: try Money.sum(lines.map(\.tax), currency: currency),
            total: try Money.sum(lines.map(\.total), currency: currency))
    }
}
