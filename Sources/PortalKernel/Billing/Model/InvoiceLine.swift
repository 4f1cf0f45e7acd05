/// One line of an invoice, with its amounts computed by ``InvoiceCalculator``.
///
/// `gross = quantity × unitAmount`, `discount = gross × discountPercent`, and then either
/// (tax exclusive) `net = gross − discount`, `tax = net × rate`, or (tax inclusive)
/// `total = gross − discount`, `tax = total × rate ÷ (1 + rate)`; in both cases
/// `total = net + tax`. Each amount is rounded once, half-up, to a whole minor unit.
public struct InvoiceLine: Sendable, Hashable, Codable {
    public var id: InvoiceLineID
    public var position: Int
    public var kind: InvoiceLineKind
    public var description: String
    public var quantity: Quantity
    public var unitAmount: Money
    public var discountPercent: Percentage
    /// The tax applied, as it was on the invoice date; nil for untaxed lines.
    public var tax: AppliedTax?
    public var grossAmount: Money
    public var discountAmount: Money
    /// Excluding tax.
    public var netAmount: Money
    public var taxAmount: Money
    /// Including tax.
    public var totalAmount: Money
    /// For a deposit deduction: the deposit invoice deducted.
    public var depositInvoiceId: InvoiceID?
    public var periodStart: LocalDate?
    public var periodEnd: LocalDate?
}

/// What a line is.
public enum InvoiceLineKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Something sold.
    case item
    /// The company's standing discount, one line per tax treatment.
    case companyDiscount = "company_discount"
    /// A deposit billed earlier, deducted.
    case depositDeduction = "deposit_deduction"
}

/// A tax rate as applied to one line: a snapshot, so later rate changes never rewrite it.
public struct AppliedTax: Sendable, Hashable, Codable {
    /// The rate's code (`VAT`).
    public var code: String
    /// The name printed on the invoice (`VAT 15%`).
    public var name: String
    public var percent: Percentage
    /// Whether line amounts include the tax.
    public var inclusive: Bool

    public init(code: String, name: String, percent: Percentage, inclusive: Bool) {
        self.code = code
        self.name = name
        self.percent = percent
        self.inclusive = inclusive
    }
}
