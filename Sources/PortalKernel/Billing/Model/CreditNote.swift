/// A document that reduces what a company owes on one issued invoice (never a negative invoice).
///
/// Its total first reduces the invoice's amount due; what exceeds it (the invoice was already
/// paid) becomes customer credit.
public struct CreditNote: Sendable, Hashable, Codable {
    public var id: CreditNoteID
    public var companyId: CompanyID
    public var invoiceId: InvoiceID
    /// `CN-YYYY-MM-NNNNN`, gap-free per tenant and month, separate from invoice numbers.
    public var number: String
    public var issueDate: LocalDate
    public var reason: String
    public var subtotal: Money
    public var taxTotal: Money
    public var total: Money
    public var appliedToInvoice: Money
    public var creditedToBalance: Money
    public var lines: [CreditNoteLine]
    public var createdBy: String
    public var createdAt: Instant
}

/// One credited part of an invoice line.
public struct CreditNoteLine: Sendable, Hashable, Codable {
    public var invoiceLineId: InvoiceLineID
    public var description: String
    public var netAmount: Money
    public var taxAmount: Money
    public var totalAmount: Money
}
