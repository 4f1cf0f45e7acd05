/// What an invoice or credit note shows, as plain values the billing engine fills in; turned
/// into a printable ``DocumentLayout`` by ``layout()``.
///
/// Every amount is in ``currency``. The layout only formats amounts, it never adds them up:
/// totals, tax and the amount due are the engine's figures, shown as given. An amount in
/// another currency is a programming error (an assertion in debug builds); release builds
/// print it with its own currency code rather than hide the mismatch.
///
/// ```swift
/// let content = InvoiceDocumentContent(
///     number: "INV-2026-11-00042", status: "open",
///     issueDate: LocalDate(year: 2026, month: 11, day: 21), dueDate: LocalDate(year: 2026, month: 12, day: 5),
///     seller: .init(name: "Acme Agency", addressLines: ["12 Loop Street", "Cape Town"]),
///     buyer: .init(name: "Ōsaka 株式会社", accountNumber: "ACC-00017"),
///     currency: .zar,
///     lines: [.init(description: "Website retainer", unitAmount: fee, amount: fee)],
///     subtotal: fee, total: fee, amountDue: fee,
///     paymentSummary: "Pay by EFT and quote the reference.",
///     paymentDetails: [PaymentGatewayLabeledValue("Reference", "INV-2026-11-00042")],
///     createdAt: now)
/// let pdf = try await renderer.renderAttachment(content.layout(), baseName: content.fileBaseName)
/// ```
///
/// ## Topics
/// - ``Kind``, ``Party``, ``Line``, ``TaxSummaryLine``: the parts.
/// - ``layout()``: the document to render; ``fileBaseName``: what to call the file.
public struct InvoiceDocumentContent: Sendable, Hashable {
    /// Whether the document bills the buyer or credits them.
    public enum Kind: String, Sendable, Hashable {
        case invoice
        case creditNote = "credit_note"
    }

    public var kind: Kind
    /// The issued number; `nil` for a draft, which is marked "DRAFT".
    public var number: String?
    /// The billing status (`"draft"`, `"open"`, `"paid"`, `"void"`, …). `"void"` adds a VOID
    /// marker, `"paid"` a PAID marker on invoices, `"draft"` a DRAFT marker.
    public var status: String
    /// The issue date; `nil` before the document is issued.
    public var issueDate: LocalDate?
    /// When payment is due (invoices).
    public var dueDate: LocalDate?
    /// Who issues the document.
    public var seller: Party
    /// Who is billed (or credited).
    public var buyer: Party
    /// The currency of every amount.
    public var currency: Currency
    public var lines: [Line]
    /// Tax by rate ("VAT 15%" on its base); empty when no tax applies.
    public var taxSummary: [TaxSummaryLine]
    /// The sum of the lines' net amounts.
    public var subtotal: Money
    public var taxTotal: Money
    /// Subtotal plus tax.
    public var total: Money
    public var amountPaid: Money
    /// What credit notes have taken off this invoice.
    public var amountCredited: Money
    /// What is still to pay: total less paid and credited.
    public var amountDue: Money
    /// For a credit note, the number of the invoice it credits.
    public var creditedInvoiceNumber: String?
    /// How to pay, in a sentence: "Pay by EFT and quote the reference."
    public var paymentSummary: String?
    /// Bank details and the payment reference, shown as labels and values.
    public var paymentDetails: [PaymentGatewayLabeledValue]
    /// Free text printed at the end.
    public var notes: String?
    /// When the document was produced: the file's creation date, so rendering is repeatable.
    public var createdAt: Instant

    /// Content with every field given; amounts left out (`taxTotal`, `amountPaid`,
    /// `amountCredited`) are zero in `currency`.
    public init(
        kind: Kind = .invoice, number: String? = nil, status: String = "open", issueDate: LocalDate? = nil,
        dueDate: LocalDate? = nil, seller: Party, buyer: Party, currency: Currency, lines: [Line] = [],
        taxSummary: [TaxSummaryLine] = [], subtotal: Money, taxTotal: Money? = nil, total: Money,
        amountPaid: Money? = nil, amountCredited: Money? = nil, amountDue: Money,
        creditedInvoiceNumber: String? = nil, paymentSummary: String? = nil,
        paymentDetails: [PaymentGatewayLabeledValue] = [], notes: String? = nil, createdAt: Instant
    ) {
        self.kind = kind
        self.number = number
        self.status = status
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.seller = seller
        self.buyer = buyer
        self.currency = currency
        self.lines = lines
        self.taxSummary = taxSummary
        self.subtotal = subtotal
        self.taxTotal = taxTotal ?? .zero(currency)
        self.total = total
        self.amountPaid = amountPaid ?? .zero(currency)
        self.amountCredited = amountCredited ?? .zero(currency)
        self.amountDue = amountDue
        self.creditedInvoiceNumber = creditedInvoiceNumber
        self.paymentSummary = paymentSummary
        self.paymentDetails = paymentDetails
        self.notes = notes
        self.createdAt = createdAt
    }
}
