/// One movement of money in a company's ledger.
///
/// `account` says what the movement affects: an invoice (payments and refunds change what is
/// paid; credit notes and applied credit change what is credited) or the company's customer
/// credit (overpayments and credit-note excess add to it, applying it to invoices uses it).
public struct LedgerEntry: Sendable, Hashable, Codable {
    public enum Account: String, Sendable, Hashable, Codable { case invoice, customerCredit = "customer_credit" }
    public enum Kind: String, Sendable, Hashable, Codable { case payment, refund, creditNote = "credit_note", creditApplied = "credit_applied" }

    public var id: LedgerEntryID
    public var companyId: CompanyID
    public var account: Account
    public var kind: Kind
    public var invoiceId: InvoiceID?
    /// Signed: positive settles an invoice or adds customer credit.
    public var amount: Money
    public var paymentId: PaymentID?
    public var refundId: RefundID?
    public var creditNoteId: CreditNoteID?
    public var createdBy: String
    public var createdAt: Instant
}
