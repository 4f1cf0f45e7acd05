/// A service business using Portal: the owner of every other record.
public struct Tenant: Sendable, Hashable, Codable {
    public var id: TenantID
    public var name: String
    /// The short, unique, URL-safe name people type when signing in (`acme-digital`).
    public var slug: String
    /// The currency new invoices and plans use unless they say otherwise.
    public var defaultCurrency: Currency
    /// The tenant's local time zone, for billing periods and dates shown to people.
    public var timeZone: TenantTimeZone
    /// The days of the month subscriptions may bill on (for example 1, 5, 25 and 30).
    public var billingDays: [Int]
    /// Prefix of invoice numbers (`INV` gives `INV-2026-11-00042`).
    public var invoicePrefix: String
    /// Prefix of company account numbers (`CT` gives `CT-2026-00017`).
    public var accountPrefix: String
    /// Whether staff must sign in with a second factor.
    public var requireTwoFactorForStaff: Bool
    /// Whether company owners must sign in with a second factor.
    public var requireTwoFactorForOwners: Bool
    public var createdAt: Instant
    public var updatedAt: Instant
}
