/// Keeps an invoice's paid and credited amounts equal to the sums of its ledger entries, and its
/// status in step with them.
///
/// Nothing else writes `amount_paid` or `amount_credited`: payments, refunds, credit notes and
/// applied customer credit insert ``LedgerEntry`` rows and then call ``refresh(_:tenant:by:at:on:)``
/// in the same transaction, so an invoice's balance can always be recomputed from the ledger.
enum InvoiceLedger {
    /// What the ledger says about one invoice.
    struct Sums {
        var paid: Int64
        var credited: Int64
    }

    static func sums(_ invoice: InvoiceID, tenant: TenantID, on connection: any SQLConnection) throws -> Sums {
        let row = try connection.queryFirst(
            """
            SELECT
                COALESCE(SUM(CASE WHEN kind IN ('payment', 'refund') THEN amount ELSE 0 END), 0) AS paid,
                COALESCE(SUM(CASE WHEN kind IN ('credit_note', 'credit_applied') THEN amount ELSE 0 END), 0) AS credited
            FROM ledger_entries WHERE tenant_id = \(tenant) AND account = 'invoice' AND invoice_id = \(invoice)
            """)
        return Sums(paid: try row?.get("paid") ?? 0, credited: try row?.get("credited") ?? 0)
    }

    /// Recomputes the invoice's amounts from the ledger and its status from them, grants the
    /// credits it carries once it is paid, and records the status change.
    @discardableResult
    static func refresh(
        _ id: InvoiceID, tenant: Tenant, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice {
        let before = try InvoiceStore.load(id, tenant: tenant.id, on: connection, forUpdate: true)
        return try refresh(locked: before, tenant: tenant, by: principal, at: now, on: connection)
    }

    /// ``refresh(_:tenant:by:at:on:)`` for an invoice the caller has just written in this
    /// transaction (so holds its row lock), as `before`: no need to read it again.
    static func refresh(
        locked before: Invoice, tenant: Tenant, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice {
        let id = before.id
        guard before.status != .draft, before.status != .void else { return before }
        let sums = try sums(id, tenant: tenant.id, on: connection)
        let currency = before.currency
        var after = before
        after.amountPaid = Money(minorUnits: sums.paid, currency: currency)
        after.amountCredited = Money(minorUnits: sums.credited, currency: currency)
        after.amountDue = try before.total.subtracting(after.amountPaid).subtracting(after.amountCredited)
        guard !after.amountDue.isNegative, !after.amountPaid.isNegative else {
            throw PortalError.internal(debugDetail: "ledger would settle invoice \(id) beyond its total")
        }
        after.status = status(of: after, today: tenant.timeZone.localDate(of: now))
        if after.status == .paid, after.paidAt == nil { after.paidAt = now }
        if after.status != .paid { after.paidAt = nil }
        guard after != before else { return before }
        after.updatedAt = now
        try InvoiceStore.update(after, on: connection)
        if after.status != before.status {
            try AuditTrail.record(
                try AuditEntry(
                    action: "invoice.\(after.status.rawValue)", resourceType: "invoice", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
        }
        if after.status == .paid, after.creditsOnPayment > 0 {
            try CreditLedger.grant(
                after.creditsOnPayment, to: after.companyId, description: "Credits from invoice \(after.number ?? "")",
                invoice: after.id, key: "invoice-paid:\(after.id.uuidString)", by: principal, at: now, on: connection)
        }
        try InvoiceSchedules.invoiceChanged(after, on: connection, at: now)
        return after
    }

    /// The status an issued invoice has given its amounts: paid when nothing is due; otherwise
    /// uncollectible stays so, past the due date it is overdue, with something settled it is
    /// partially paid, else open.
    static func status(of invoice: Invoice, today: LocalDate) -> InvoiceStatus {
        if invoice.amountDue.isZero { return .paid }
        if invoice.status == .uncollectible { return .uncollectible }
        if let due = invoice.dueDate, due < today { return .overdue }
        if invoice.amountPaid.isPositive || invoice.amountCredited.isPositive { return .partiallyPaid }
        return .open
    }
}
