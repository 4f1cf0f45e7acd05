/// A bill to one company in one currency.
///
/// Amounts are kept consistent by the kernel: `total = subtotal + taxTotal` (sums of the
/// lines), and `amountDue = total − amountPaid − amountCredited`, where the paid and credited
/// amounts are sums of ``LedgerEntry`` rows (see ``InvoiceLedger``). A number
/// (`INV-2026-11-00042`) is taken when the invoice is finalized, never for a draft.
public struct Invoice: Sendable, Hashable, Codable {
    public var id: InvoiceID
    public var tenantId: TenantID
    public var companyId: CompanyID
    /// `INV-YYYY-MM-NNNNN`, gap-free per tenant and month of the issue date; nil for drafts.
    public var number: String?
    public var kind: InvoiceKind
    public var status: InvoiceStatus
    public var currency: Currency
    /// The invoice date; set at finalization when a draft has none.
    public var issueDate: LocalDate?
    /// The date payment is due: the issue date plus the payment terms unless set explicitly.
    public var dueDate: LocalDate?
    /// Days from the issue date to the due date.
    public var paymentTermsDays: Int?
    /// The service period billed, for subscription and contract invoices.
    public var periodStart: LocalDate?
    public var periodEnd: LocalDate?
    /// Whether the company's standing discount applies (as its own line).
    public var applyCompanyDiscount: Bool
    public var subtotal: Money
    public var taxTotal: Money
    public var total: Money
    public var amountPaid: Money
    public var amountCredited: Money
    public var amountDue: Money
    /// Usage credits granted to the company once the invoice is paid (credit purchases, plan credits).
    public var creditsOnPayment: Int64
    public var subscriptionId: SubscriptionID?
    public var contractId: ContractID?
    public var memo: String?
    public var finalizedAt: Instant?
    public var paidAt: Instant?
    public var voidedAt: Instant?
    /// Why it was voided or written off.
    public var statusReason: String?
    public var lines: [InvoiceLine]
    public var createdAt: Instant
    public var updatedAt: Instant
}
