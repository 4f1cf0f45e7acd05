/// One version of a tenant's tax rate.
///
/// A rate is known by its ``code`` (`VAT`); each change is a new version with the date it takes
/// effect. An invoice line uses the version in force on the invoice's issue date, and keeps a
/// copy (``AppliedTax``), so a change never rewrites invoices already issued.
public struct TaxRate: Sendable, Hashable, Codable {
    public var id: TaxRateID
    public var code: String
    public var name: String
    public var percent: Percentage
    /// Whether prices with this rate include the tax (common for consumer prices) or exclude it.
    public var inclusive: Bool
    /// The first day the version applies.
    public var validFrom: LocalDate
    /// The first day it no longer applies (the next version's start); nil for the current one.
    public var validUntil: LocalDate?
    public var createdAt: Instant

    /// The tax as a line applies it.
    public var applied: AppliedTax { AppliedTax(code: code, name: name, percent: percent, inclusive: inclusive) }
}
