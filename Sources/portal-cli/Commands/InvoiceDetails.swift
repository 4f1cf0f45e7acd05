import PortalKernel

/// An invoice as `label: value` lines followed by its lines, for `invoice show` and the
/// commands that change an invoice.
struct InvoiceDetails {
    let invoice: Invoice
    /// `CT-2026-00017 Karoo Coffee`, when known.
    let company: String?

    var rendered: String {
        let money = { (amount: Money) in amount.formatted() }
        var fields: [(String, String)] = [
            ("Invoice", invoice.number ?? "(draft)"), ("ID", invoice.id.uuidString), ("Status", invoice.status.rawValue),
            ("Kind", invoice.kind.rawValue), ("Company", company ?? invoice.companyId.uuidString),
            ("Issued", invoice.issueDate?.iso8601 ?? "on finalizing"), ("Due", invoice.dueDate?.iso8601 ?? "-"),
        ]
        if let start = invoice.periodStart, let end = invoice.periodEnd {
            fields.append(("Period", "\(start) to \(end) (exclusive)"))
        }
        if let memo = invoice.memo { fields.append(("Memo", memo)) }
        if let reason = invoice.statusReason { fields.append(("Reason", reason)) }
        fields += [
            ("Subtotal", money(invoice.subtotal)), ("Tax", money(invoice.taxTotal)), ("Total", money(invoice.total)),
            ("Paid", money(invoice.amountPaid)), ("Credited", money(invoice.amountCredited)),
            ("Amount due", money(invoice.amountDue)),
        ]
        let table = Table(
            headers: ["#", "DESCRIPTION", "QTY", "UNIT", "DISCOUNT", "TAX", "NET", "TOTAL", "LINE ID"],
            rows: invoice.lines.map { line in
                [
                    String(line.position), line.description, line.quantity.stringValue, money(line.unitAmount),
                    line.discountAmount.isZero ? "-" : money(line.discountAmount),
                    line.tax.map { "\($0.name) \(money(line.taxAmount))" } ?? "-", money(line.netAmount),
                    money(line.totalAmount), line.id.uuidString,
                ]
            })
        return DetailLines(fields).rendered + "\n" + table.rendered
    }

    /// The company's account number and name, for details and tables.
    static func companyLabel(_ id: CompanyID, in companies: Companies, by principal: Principal) async -> String? {
        guard let company = try? await companies.get(id, by: principal) else { return nil }
        return "\(company.accountNumber) \(company.name)"
    }
}
