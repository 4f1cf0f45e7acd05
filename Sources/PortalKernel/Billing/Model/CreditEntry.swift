/// One entry of a company's usage-credit ledger. The balance is the sum of the entries' credits.
public struct CreditEntry: Sendable, Hashable, Codable {
    public var id: CreditEntryID
    public var companyId: CompanyID
    public var kind: CreditEntryKind
    /// Positive for grants and additions, negative for usage and deductions; never zero.
    public var credits: Int64
    public var description: String
    /// The paid invoice that granted the credits, for grants.
    public var invoiceId: InvoiceID?
    /// Who recorded it (`user:ana@example.com`, `system:billing-run`).
    public var createdBy: String
    public var createdAt: Instant
}

/// Why credits moved.
public enum CreditEntryKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Credits from a paid invoice (a credit package, a plan's included credits).
    case grant
    /// Credits spent.
    case usage
    /// A correction by staff, either way.
    case adjustment
}

/// The outcome of ``Credits/use(_:credits:description:idempotencyKey:by:)``.
public struct CreditUsage: Sendable, Hashable, Codable {
    /// The usage entry: the one recorded by the first call with the idempotency key.
    public var entry: CreditEntry
    /// The company's balance now.
    public var balance: Int64
    /// Whether this call replayed an earlier use with the same key instead of spending again.
    public var replayed: Bool
}
