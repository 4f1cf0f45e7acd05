/// Money received from a company, through a gateway or recorded by staff.
///
/// A payment settles invoices only through ``LedgerEntry`` rows written when it succeeds:
/// allocations to invoices, and whatever is left over as customer credit.
public struct Payment: Sendable, Hashable, Codable {
    public var id: PaymentID
    public var companyId: CompanyID
    /// The gateway plugin's name (`manual` for bank transfers recorded in the portal).
    public var gateway: String
    public var status: PaymentStatus
    public var amount: Money
    public var refundedAmount: Money
    /// The payer's reference (the invoice number quoted on a transfer).
    public var reference: String?
    /// The provider's id for the payment, when there is one.
    public var providerReference: String?
    public var idempotencyKey: String
    /// The day the money arrived, as the payer or staff state it.
    public var receivedOn: LocalDate?
    /// How the payer asked the money to be applied (empty: oldest invoices first).
    public var requestedAllocations: [PaymentAllocation]
    public var recordedBy: String
    /// Who approved or rejected a pending payment, when, and why (rejections).
    public var decidedBy: String?
    public var decidedAt: Instant?
    public var decisionReason: String?
    /// Where the money went, from the ledger (empty until it succeeds).
    public var allocations: [PaymentAllocation]
    /// What went to the customer-credit balance.
    public var creditedToBalance: Money
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// Where a payment stands.
public enum PaymentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Recorded by the payer (a bank transfer), waiting for staff to confirm the money arrived.
    case pending
    case succeeded
    /// Rejected by staff or refused by the provider.
    case failed
    case refunded
    case partiallyRefunded = "partially_refunded"
}

/// Part of a payment applied to one invoice.
public struct PaymentAllocation: Sendable, Hashable, Codable {
    public var invoiceId: InvoiceID
    /// Minor units in the payment's currency.
    public var amount: Int64

    public init(invoiceId: InvoiceID, amount: Int64) {
        self.invoiceId = invoiceId
        self.amount = amount
    }
}

/// Money returned from a payment.
public struct Refund: Sendable, Hashable, Codable {
    public var id: RefundID
    public var paymentId: PaymentID
    public var amount: Money
    public var reason: String
    /// `succeeded`, `pending` (on its way) or `declined` (refused by the provider; nothing moved).
    public var status: String
    public var providerReference: String?
    public var createdBy: String
    public var createdAt: Instant
}
