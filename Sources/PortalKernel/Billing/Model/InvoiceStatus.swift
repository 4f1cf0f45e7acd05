/// Where an invoice stands.
///
/// ```
/// draft ──finalize──▶ open ──▶ partially_paid ──▶ paid
///   │                  │  ╲          │
///   ▼ (deleted)        │   ▶ overdue ┘ (reminder sweep past the due date)
///                      ├──▶ void            (nothing paid or credited yet)
///                      └──▶ uncollectible   (written off; payments still accepted)
/// ```
///
/// `paid`, `partially_paid` and `open` follow from the money ledger: they are recomputed
/// whenever a payment, refund or credit reaches the invoice. Only ``draft`` invoices may change
/// their lines; amounts are immutable from ``open`` on.
public enum InvoiceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case open
    case paid
    case partiallyPaid = "partially_paid"
    case overdue
    case void
    case uncollectible

    /// Whether the invoice still expects money (open, partially paid, overdue or uncollectible).
    public var isCollectible: Bool {
        switch self {
        case .open, .partiallyPaid, .overdue, .uncollectible: true
        case .draft, .paid, .void: false
        }
    }

    /// Whether the invoice has been finalized and not voided.
    public var isIssued: Bool { self != .draft && self != .void }
}

/// Why an invoice exists; generated invoices say which schedule produced them.
public enum InvoiceKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Written by staff.
    case standard
    /// A deposit billed up front and deducted on a later invoice.
    case deposit
    /// One period of a subscription.
    case subscription
    /// One billing period of a contract.
    case contract
    /// A purchase of a credit package.
    case creditPurchase = "credit_purchase"
}
