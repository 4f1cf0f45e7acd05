import PortalKernel

/// Invoice and credit-note contents the invoice document tests render.
enum InvoiceSamples {
    static let number = "INV-2026-11-00042"
    static let sellerName = "Acme Agency (Pty) Ltd"
    static let arabicAddress = "شارع الملك فهد"
    static let buyerName = "Ōsaka 株式会社"
    static let cyrillicLine = "Разработка приложения"

    static func zar(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .zar) }

    static let seller = InvoiceDocumentContent.Party(
        name: sellerName, addressLines: ["12 Loop Street", "Cape Town 8001", arabicAddress], taxId: "4123456789",
        email: "billing@acme.example")
    static let buyer = InvoiceDocumentContent.Party(
        name: buyerName, accountNumber: "ACC-00017", addressLines: ["1-2-3 Umeda, Kita-ku", "大阪市 530-0001"],
        email: "accounts@osaka.example")

    /// An open invoice: three lines (one discounted, one zero-rated), part paid.
    static func open() -> InvoiceDocumentContent {
        InvoiceDocumentContent(
            number: number, status: "open", issueDate: LocalDate(year: 2026, month: 11, day: 21),
            dueDate: LocalDate(year: 2026, month: 12, day: 5), seller: seller, buyer: buyer, currency: .zar,
            lines: [
                .init(
                    description: "Website retainer (November)", unitAmount: zar(1_200_000), taxLabel: "VAT 15%",
                    taxAmount: zar(180_000), amount: zar(1_200_000)),
                .init(
                    description: cyrillicLine, quantity: Quantity(thousandths: 2_500), unitAmount: zar(150_000),
                    discount: zar(25_000), taxLabel: "VAT 15%", taxAmount: zar(52_500), amount: zar(350_000)),
                .init(
                    description: "Hosting", quantity: 3, unitAmount: zar(45_000), taxLabel: "Zero-rated",
                    amount: zar(135_000)),
            ],
            taxSummary: [
                .init(label: "VAT 15%", base: zar(1_550_000), tax: zar(232_500)),
                .init(label: "Zero-rated", base: zar(135_000), tax: zar(0)),
            ],
            subtotal: zar(1_685_000), taxTotal: zar(232_500), total: zar(1_917_500), amountPaid: zar(500_000),
            amountDue: zar(1_417_500), paymentSummary: "Pay by EFT and quote the reference.",
            paymentDetails: [
                PaymentGatewayLabeledValue("Bank", "First National Bank"),
                PaymentGatewayLabeledValue("Account number", "62812345678"),
                PaymentGatewayLabeledValue("Branch code", "250655"),
                PaymentGatewayLabeledValue("Reference", number),
            ],
            notes: "Thank you for your business.", createdAt: Instant(secondsSinceEpoch: 1_795_000_000))
    }

    /// An untaxed invoice of `count` lines "Service line N", each ZAR N.00.
    static func long(lines count: Int) -> InvoiceDocumentContent {
        let total = zar(Int64(count * (count + 1) / 2) * 100)
        return InvoiceDocumentContent(
            number: "INV-2026-11-00043", issueDate: LocalDate(year: 2026, month: 11, day: 21), seller: seller,
            buyer: buyer, currency: .zar,
            lines: (1...count).map {
                .init(description: "Service line \($0)", unitAmount: zar(Int64($0) * 100), amount: zar(Int64($0) * 100))
            },
            subtotal: total, total: total, amountDue: total, createdAt: Instant(secondsSinceEpoch: 1_795_000_000))
    }

    static func draft() -> InvoiceDocumentContent {
        var content = open()
        content.number = nil
        content.status = "draft"
        content.issueDate = nil
        content.amountPaid = zar(0)
        content.amountDue = content.total
        return content
    }

    static func creditNote() -> InvoiceDocumentContent {
        InvoiceDocumentContent(
            kind: .creditNote, number: "CN-2026-11-00007", status: "issued",
            issueDate: LocalDate(year: 2026, month: 11, day: 28), seller: seller, buyer: buyer, currency: .zar,
            lines: [
                .init(
                    description: "Refund: hosting overcharge", unitAmount: zar(45_000), taxLabel: "Zero-rated",
                    amount: zar(45_000))
            ],
            subtotal: zar(45_000), total: zar(45_000), amountDue: zar(0), creditedInvoiceNumber: number,
            createdAt: Instant(secondsSinceEpoch: 1_795_500_000))
    }
}
