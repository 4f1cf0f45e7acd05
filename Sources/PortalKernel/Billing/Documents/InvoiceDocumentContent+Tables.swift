extension InvoiceDocumentContent {
    /// Description, Qty, Unit price, Discount (when any line has one), Tax (when any line is
    /// taxed) and Amount. The Tax column shows the line's rate label, or its tax amount when it
    /// has no label; tax amounts by rate are in the totals.
    var linesTable: DocumentTable {
        let showsDiscount = lines.contains { !($0.discount?.isZero ?? true) }
        let showsTax = lines.contains { $0.taxLabel != nil || !$0.taxAmount.isZero }
        var columns = [
            DocumentTableColumn("Description", width: .fraction(1)),
            DocumentTableColumn("Qty", width: .points(44), alignment: .trailing),
            DocumentTableColumn("Unit price", width: .points(76), alignment: .trailing),
        ]
        if showsDiscount { columns.append(DocumentTableColumn("Discount", width: .points(66), alignment: .trailing)) }
        if showsTax { columns.append(DocumentTableColumn("Tax", width: .points(64), alignment: .trailing)) }
        columns.append(DocumentTableColumn("Amount", width: .points(84), alignment: .trailing))

        var rows = lines.map { line -> [DocumentTableCell] in
            var row = [
                DocumentTableCell(line.description), DocumentTableCell(line.quantity.stringValue),
                DocumentTableCell(amountText(line.unitAmount)),
            ]
            if showsDiscount { row.append(DocumentTableCell(line.discount.map(amountText) ?? "")) }
            if showsTax {
                let tax = line.taxLabel ?? (line.taxAmount.isZero ? "" : amountText(line.taxAmount))
                row.append(DocumentTableCell(tax))
            }
            row.append(DocumentTableCell(amountText(line.amount)))
            return row
        }
        if rows.isEmpty { rows = [[DocumentTableCell("No items", span: columns.count)]] }
        return DocumentTable(columns: columns, rows: rows)
    }

    /// Subtotal, tax by rate, the total, what was paid and credited, and the amount due last
    /// (for a credit note: subtotal, tax and the total credit), labels right-aligned against
    /// the amounts.
    var totalsTable: DocumentTable {
        func row(_ label: String, _ amount: Money, bold: Bool = false) -> [DocumentTableCell] {
            let style: DocumentTextStyle = bold ? .bold : []
            return [
                DocumentTableCell([DocumentTextRun(label, style: style)]),
                DocumentTableCell([DocumentTextRun(amount.formatted(), style: style)]),
            ]
        }
        var rows = [row("Subtotal", subtotal)]
        if taxSummary.isEmpty {
            if !taxTotal.isZero { rows.append(row("Tax", taxTotal)) }
        } else {
            rows += taxSummary.map { row("\($0.label) on \($0.base.formatted())", $0.tax) }
        }
        let totals: [[DocumentTableCell]]
        switch kind {
        case .invoice:
            rows.append(row("Total", total, bold: true))
            if !amountPaid.isZero { rows.append(row("Paid", amountPaid)) }
            if !amountCredited.isZero { rows.append(row("Credited", amountCredited)) }
            totals = [row("Amount due", amountDue)]
        case .creditNote:
            totals = [row("Total credit", total)]
        }
        return DocumentTable(
            columns: [
                DocumentTableColumn("", width: .fraction(1), alignment: .trailing),
                DocumentTableColumn("", width: .points(110), alignment: .trailing),
            ],
            showsHeader: false, rows: rows, totals: totals)
    }

    /// `amount` with grouping and the currency's decimals but no code ("12,000.00"); with
    /// its code if it is not in the document's currency.
    private func amountText(_ amount: Money) -> String {
        guard amount.currency == currency else { return amount.formatted() }
        return DecimalAmountText.format(amount.minorUnits, scale: currency.minorUnitExponent, grouping: true)
    }
}
