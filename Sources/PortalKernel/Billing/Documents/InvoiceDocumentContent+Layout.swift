extension InvoiceDocumentContent {
    /// The document to hand to a ``DocumentRenderer``: an A4 page with the title and number, a
    /// DRAFT, VOID or PAID marker when it applies, the dates, the "From" and "Bill to" blocks,
    /// the lines (header repeated on every page), the totals, how to pay and the notes. Every
    /// page carries the seller and document number at the top and "Page X of Y" at the bottom.
    ///
    /// The Discount and Tax columns appear only when some line has a discount or tax. Line
    /// amounts are printed without the currency code (the details name the currency); totals
    /// carry it. Payment instructions are left out of void documents and of invoices with
    /// nothing due.
    public func layout() -> DocumentLayout {
        assert(amountsAreInTheDocumentCurrency, "Every amount on an invoice document must be in \(currency.code)")
        let metadata = DocumentMetadata(
            title: reference, author: seller.name, subject: "\(kindTitle) for \(buyer.name)",
            keywords: [kind.rawValue, status], createdAt: createdAt)
        var blocks = titleBlocks + [.keyValueList(details), .spacer(6), .table(partiesTable)]
        blocks += [.table(linesTable), .table(totalsTable)]
        blocks += paymentBlocks + noteBlocks
        return DocumentLayout(
            metadata: metadata, baseFontSize: 9.5,
            header: DocumentPageText(leading: [.text(seller.name)], center: [], trailing: [.text(reference)]),
            footer: DocumentPageText(trailing: "Page {page} of {pages}"),
            blocks: blocks)
    }

    /// "Invoice" or "Credit note".
    var kindTitle: String {
        switch kind {
        case .invoice: "Invoice"
        case .creditNote: "Credit note"
        }
    }

    /// "Invoice INV-0042", or "Draft invoice" before a number is assigned.
    var reference: String {
        guard let number, !number.isEmpty else { return "Draft \(kindTitle.lowercased())" }
        return "\(kindTitle) \(number)"
    }

    /// Whether the document is a draft: no number yet, or the status says so.
    var isDraft: Bool { (number?.isEmpty ?? true) || normalizedStatus == "draft" }

    private var normalizedStatus: String { status.lowercased() }

    private var isVoid: Bool { normalizedStatus == "void" }

    /// The title, then the status marker with a line saying what it means.
    private var titleBlocks: [DocumentBlock] {
        var blocks: [DocumentBlock] = [.heading(reference, level: 1)]
        let document = kindTitle.lowercased()
        let marker: (title: String, note: String)?
        if isVoid {
            marker = ("VOID", "This \(document) has been voided and is not payable.")
        } else if isDraft {
            marker = ("DRAFT", "This \(document) has not been issued; it is numbered when it is.")
        } else if kind == .invoice, normalizedStatus == "paid" {
            marker = ("PAID", "This invoice has been paid in full. Thank you.")
        } else {
            marker = nil
        }
        if let marker {
            blocks.append(.heading(marker.title, level: 2))
            blocks.append(.paragraph([.italic(marker.note)]))
        }
        return blocks
    }

    /// Dates, the credited invoice, the currency and the amount due.
    private var details: [DocumentKeyValue] {
        var pairs = [DocumentKeyValue("Issue date", DocumentParagraph(issueDate?.iso8601 ?? "Not yet issued"))]
        if kind == .invoice, let dueDate {
            pairs.append(DocumentKeyValue("Due date", DocumentParagraph(dueDate.iso8601)))
        }
        if kind == .creditNote, let creditedInvoiceNumber, !creditedInvoiceNumber.isEmpty {
            pairs.append(DocumentKeyValue("Credit note for", [.plain("Invoice "), .bold(creditedInvoiceNumber)]))
        }
        pairs.append(DocumentKeyValue("Currency", DocumentParagraph(currency.code)))
        switch kind {
        case .invoice where !isVoid:
            pairs.append(DocumentKeyValue("Amount due", [.bold(amountDue.formatted())]))
        case .creditNote where !isVoid:
            pairs.append(DocumentKeyValue("Total credit", [.bold(total.formatted())]))
        default:
            break
        }
        return pairs
    }

    /// "From" and "Bill to" side by side.
    private var partiesTable: DocumentTable {
        DocumentTable(
            columns: [
                DocumentTableColumn("From", width: .fraction(1)),
                DocumentTableColumn(kind == .invoice ? "Bill to" : "Credit to", width: .fraction(1)),
            ],
            rows: [[Self.partyCell(seller), Self.partyCell(buyer)]])
    }

    /// The name in bold, then one line each for the account, address, tax id and email.
    private static func partyCell(_ party: Party) -> DocumentTableCell {
        var lines: [String] = []
        if let account = party.accountNumber, !account.isEmpty { lines.append("Account \(account)") }
        lines += party.addressLines.filter { !$0.isEmpty }
        if let taxId = party.taxId, !taxId.isEmpty { lines.append("Tax ID \(taxId)") }
        if let email = party.email, !email.isEmpty { lines.append(email) }
        return DocumentTableCell([.bold(party.name)] + lines.map { .plain("\n" + $0) })
    }

    /// The summary and the labelled details, unless nothing is to be paid.
    private var paymentBlocks: [DocumentBlock] {
        let summary = paymentSummary.flatMap { $0.isEmpty ? nil : $0 }
        guard summary != nil || !paymentDetails.isEmpty, !isVoid else { return [] }
        if kind == .invoice, !amountDue.isPositive { return [] }
        var blocks: [DocumentBlock] = [.heading(kind == .invoice ? "How to pay" : "Refund", level: 3)]
        if let summary { blocks.append(.paragraph(DocumentParagraph(summary))) }
        if !paymentDetails.isEmpty {
            blocks.append(.keyValueList(paymentDetails.map { DocumentKeyValue($0.label, [.bold($0.value)]) }))
        }
        return blocks
    }

    private var noteBlocks: [DocumentBlock] {
        guard let notes, !notes.isEmpty else { return [] }
        return [.heading("Notes", level: 3), .paragraph(DocumentParagraph(notes))]
    }

    /// Whether every amount is in ``currency``.
    var amountsAreInTheDocumentCurrency: Bool {
        var amounts = [subtotal, taxTotal, total, amountPaid, amountCredited, amountDue]
        for line in lines {
            amounts += [line.unitAmount, line.taxAmount, line.amount] + (line.discount.map { [$0] } ?? [])
        }
        amounts += taxSummary.flatMap { [$0.base, $0.tax] }
        return amounts.allSatisfy { $0.currency == currency }
    }
}
