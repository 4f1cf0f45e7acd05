/// Loading and writing invoices inside a caller's transaction, shared by every use case that
/// bills (manual invoices, subscriptions, contracts, credit purchases).
enum InvoiceStore {
    /// The invoice with its lines.
    /// - Throws: `not_found` when the tenant has no such invoice.
    static func load(_ id: InvoiceID, tenant: TenantID, on connection: any SQLConnection, forUpdate: Bool = false) throws -> Invoice {
        let lock: SQLStatement = forUpdate ? connection.dialect.rowLockClause : ""
        guard let row = try connection.queryFirst("SELECT * FROM invoices WHERE tenant_id = \(tenant) AND id = \(id)\(lock)") else {
            throw PortalError.notFound("No such invoice.")
        }
        var invoice = try Invoice(row: row)
        invoice.lines = try connection.query(
            "SELECT * FROM invoice_lines WHERE tenant_id = \(tenant) AND invoice_id = \(id) ORDER BY position"
        ).map { try InvoiceLine(row: $0, currency: invoice.currency) }
        return invoice
    }

    /// The invoice, if `principal` may read the company's billing (`not_found` otherwise).
    static func loadVisible(
        _ id: InvoiceID, by principal: Principal, action: AccessAction = .readBilling, on connection: any SQLConnection,
        forUpdate: Bool = false
    ) throws -> Invoice {
        let invoice = try load(id, tenant: principal.tenantId, on: connection, forUpdate: forUpdate)
        if case .hide = AccessPolicy.decide(principal, .readBilling, on: .company(invoice.companyId)) {
            throw PortalError.notFound("No such invoice.")
        }
        // Clients never see drafts: they are the business's work in progress.
        if invoice.status == .draft && !principal.isStaff { throw PortalError.notFound("No such invoice.") }
        try AccessPolicy.authorize(principal, action, on: .company(invoice.companyId))
        return invoice
    }

    /// Inserts the invoice row (amounts from `invoice`) without lines.
    static func insert(_ invoice: Invoice, sourceKey: String?, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO invoices (id, tenant_id, company_id, number, kind, status, currency, issue_date, due_date,
                payment_terms_days, period_start, period_end, apply_company_discount, subtotal, tax_total, total,
                amount_paid, amount_credited, amount_due, credits_on_payment, subscription_id, contract_id, source_key,
                memo, created_at, updated_at)
            VALUES (\(invoice.id), \(invoice.tenantId), \(invoice.companyId), \(invoice.number), \(invoice.kind.rawValue),
                \(invoice.status.rawValue), \(invoice.currency), \(invoice.issueDate), \(invoice.dueDate),
                \(invoice.paymentTermsDays), \(invoice.periodStart), \(invoice.periodEnd), \(invoice.applyCompanyDiscount),
                \(invoice.subtotal.minorUnits), \(invoice.taxTotal.minorUnits), \(invoice.total.minorUnits),
                \(invoice.amountPaid.minorUnits), \(invoice.amountCredited.minorUnits), \(invoice.amountDue.minorUnits),
                \(invoice.creditsOnPayment), \(invoice.subscriptionId), \(invoice.contractId),
                \(sourceKey), \(invoice.memo), \(invoice.createdAt), \(invoice.updatedAt))
            """)
    }

    /// Writes the invoice's header fields and totals (not the ledger-derived amounts' sources).
    static func update(_ invoice: Invoice, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE invoices SET number = \(invoice.number), status = \(invoice.status.rawValue),
                issue_date = \(invoice.issueDate), due_date = \(invoice.dueDate),
                payment_terms_days = \(invoice.paymentTermsDays), period_start = \(invoice.periodStart),
                period_end = \(invoice.periodEnd), apply_company_discount = \(invoice.applyCompanyDiscount),
                subtotal = \(invoice.subtotal.minorUnits), tax_total = \(invoice.taxTotal.minorUnits),
                total = \(invoice.total.minorUnits), amount_paid = \(invoice.amountPaid.minorUnits),
                amount_credited = \(invoice.amountCredited.minorUnits), amount_due = \(invoice.amountDue.minorUnits),
                credits_on_payment = \(invoice.creditsOnPayment), memo = \(invoice.memo),
                finalized_at = \(invoice.finalizedAt), paid_at = \(invoice.paidAt), voided_at = \(invoice.voidedAt),
                status_reason = \(invoice.statusReason), updated_at = \(invoice.updatedAt)
            WHERE tenant_id = \(invoice.tenantId) AND id = \(invoice.id)
            """)
    }

    /// Replaces the invoice's lines with `lines`.
    static func replaceLines(_ lines: [InvoiceLine], of invoice: Invoice, at now: Instant, on connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM invoice_lines WHERE tenant_id = \(invoice.tenantId) AND invoice_id = \(invoice.id)")
        try insertLines(lines, of: invoice, at: now, on: connection)
    }

    /// Inserts the lines of an invoice that has none yet.
    static func insertLines(_ lines: [InvoiceLine], of invoice: Invoice, at now: Instant, on connection: any SQLConnection) throws {
        for line in lines {
            try connection.execute(
                """
                INSERT INTO invoice_lines (id, tenant_id, invoice_id, position, kind, description, quantity_thousandths,
                    unit_amount, discount_ppm, tax_code, tax_name, tax_ppm, tax_inclusive, gross_amount, discount_amount,
                    net_amount, tax_amount, total_amount, deposit_invoice_id, period_start, period_end, created_at)
                VALUES (\(line.id), \(invoice.tenantId), \(invoice.id), \(line.position), \(line.kind.rawValue),
                    \(line.description), \(line.quantity.thousandths), \(line.unitAmount.minorUnits),
                    \(line.discountPercent.partsPerMillion), \(line.tax?.code), \(line.tax?.name),
                    \(line.tax?.percent.partsPerMillion), \(line.tax?.inclusive), \(line.grossAmount.minorUnits),
                    \(line.discountAmount.minorUnits), \(line.netAmount.minorUnits), \(line.taxAmount.minorUnits),
                    \(line.totalAmount.minorUnits), \(line.depositInvoiceId), \(line.periodStart), \(line.periodEnd), \(now))
                """)
        }
    }
}
