/// Invoice and credit-note documents (PDF with the production renderer), through the kernel's
/// ``DocumentRenderer`` port.
public struct InvoiceDocuments: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// A rendered file.
    public struct File: Sendable {
        public var fileName: String
        public var contentType: String
        public var bytes: [UInt8]
    }

    /// The invoice's document content: tenant and client details, number, dates, lines, tax,
    /// totals, amount due and how to pay (the manual payment method for the client's country).
    public func content(of id: InvoiceID, by principal: Principal) async throws -> InvoiceDocumentContent {
        try await context.database.read(principal.scope) { connection in
            let invoice = try InvoiceStore.loadVisible(id, by: principal, on: connection)
            return try Self.content(of: invoice, principal: principal, on: connection)
        }
    }

    /// The invoice as a file (`INV-2026-11-00042.pdf`).
    /// - Throws: `unavailable` when no document renderer plugin is enabled.
    public func render(_ id: InvoiceID, by principal: Principal) async throws -> File {
        let content = try await content(of: id, by: principal)
        return try await render(content)
    }

    /// The credit note as a file (`CN-2026-11-00003.pdf`).
    public func renderCreditNote(_ id: CreditNoteID, by principal: Principal) async throws -> File {
        let note = try await CreditNotes(context: context).get(id, by: principal)
        let content = try await context.database.read(principal.scope) { connection in
            let invoice = try InvoiceStore.load(note.invoiceId, tenant: principal.tenantId, on: connection)
            var content = try Self.content(of: invoice, principal: principal, on: connection)
            content.kind = .creditNote
            content.number = note.number
            content.status = "issued"
            content.issueDate = note.issueDate
            content.dueDate = nil
            content.creditedInvoiceNumber = invoice.number
            content.lines = note.lines.map {
                InvoiceDocumentContent.Line(description: $0.description, unitAmount: $0.netAmount, taxAmount: $0.taxAmount, amount: $0.netAmount)
            }
            content.taxSummary = []
            content.subtotal = note.subtotal
            content.taxTotal = note.taxTotal
            content.total = note.total
            content.amountPaid = .zero(note.total.currency)
            content.amountCredited = .zero(note.total.currency)
            content.amountDue = .zero(note.total.currency)
            content.paymentSummary = nil
            content.paymentDetails = []
            content.notes = note.reason
            content.createdAt = note.createdAt
            return content
        }
        return try await render(content)
    }

    private func render(_ content: InvoiceDocumentContent) async throws -> File {
        guard let renderer = context.plugins.documentRenderer else {
            throw PortalError.unavailable("No document renderer is enabled; add `pdf` to plugins.enabled.")
        }
        let bytes = try await renderer.render(content.layout())
        return File(
            fileName: "\(content.fileBaseName).\(renderer.fileExtension)", contentType: renderer.contentType, bytes: bytes)
    }

    static func content(of invoice: Invoice, principal: Principal, on connection: any SQLConnection) throws -> InvoiceDocumentContent {
        let tenant = try Tenants.load(invoice.tenantId, on: connection)
        let settings = try BillingSettingsService.load(tenant.id, on: connection)
        guard let row = try connection.queryFirst("SELECT * FROM companies WHERE tenant_id = \(tenant.id) AND id = \(invoice.companyId)")
        else { throw PortalError.notFound("No such company.") }
        let company = try Company(row: row)
        let address = company.billingAddress.map { address in
            [address.line1, address.line2, [address.postalCode, address.city].compactMap { $0 }.joined(separator: " "), address.region,
                address.country].compactMap { $0 }.filter { !$0.isEmpty }
        } ?? []
        let currency = invoice.currency
        var summary: [TaxSummaryKey: (base: Int64, tax: Int64)] = [:]
        var order: [TaxSummaryKey] = []
        for line in invoice.lines {
            guard let tax = line.tax else { continue }
            let key = TaxSummaryKey(name: tax.name, percent: tax.percent.partsPerMillion)
            if summary[key] == nil { order.append(key) }
            summary[key, default: (0, 0)].base += line.netAmount.minorUnits
            summary[key, default: (0, 0)].tax += line.taxAmount.minorUnits
        }
        var paymentSummary: String?
        var details: [PaymentGatewayLabeledValue] = []
        if invoice.status.isCollectible, invoice.amountDue.isPositive,
            let method = try PaymentMethods.available(
                country: company.billingAddress?.country?.uppercased(), includeDisabled: false, tenant: tenant.id, on: connection
            ).first(where: { $0.gateway == "manual" })
        {
            paymentSummary = method.instructions ?? "Pay by bank transfer and quote the reference."
            details = [PaymentGatewayLabeledValue("Reference", invoice.number ?? "")] + method.details
        }
        return InvoiceDocumentContent(
            kind: .invoice, number: invoice.number, status: invoice.status.rawValue, issueDate: invoice.issueDate,
            dueDate: invoice.dueDate,
            seller: InvoiceDocumentContent.Party(
                name: tenant.name, addressLines: settings.sellerAddress, taxId: settings.sellerTaxId, email: settings.sellerEmail),
            buyer: InvoiceDocumentContent.Party(
                name: company.name, accountNumber: company.accountNumber, addressLines: address, taxId: company.taxId,
                email: company.billingEmail),
            currency: currency,
            lines: invoice.lines.map { line in
                InvoiceDocumentContent.Line(
                    description: line.description, quantity: line.quantity, unitAmount: line.unitAmount,
                    discount: line.discountAmount.isZero ? nil : line.discountAmount, taxLabel: line.tax?.name,
                    taxAmount: line.taxAmount, amount: line.netAmount)
            },
            taxSummary: order.map { key in
                let sums = summary[key, default: (0, 0)]
                return InvoiceDocumentContent.TaxSummaryLine(
                    label: key.name, base: Money(minorUnits: sums.base, currency: currency),
                    tax: Money(minorUnits: sums.tax, currency: currency))
            },
            subtotal: invoice.subtotal, taxTotal: invoice.taxTotal, total: invoice.total, amountPaid: invoice.amountPaid,
            amountCredited: invoice.amountCredited, amountDue: invoice.amountDue, paymentSummary: paymentSummary,
            paymentDetails: details, notes: [invoice.memo, settings.invoiceFooter].compactMap { $0 }.joined(separator: "\n\n").nilIfEmpty,
            createdAt: invoice.finalizedAt ?? invoice.updatedAt)
    }

    private struct TaxSummaryKey: Hashable {
        var name: String
        var percent: Int64
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
