extension Invoices {
    /// Finalizes a draft: fixes its issue date (today unless set), computes its lines again with
    /// the tax rates in force that day, sets the due date from the payment terms, takes the next
    /// number of the month (`INV-2026-11-00042`) and opens it for payment. The whole change is one
    /// transaction, so a failure leaves the draft as it was and gives the number back. Staff only.
    public func finalize(_ id: InvoiceID, by principal: Principal) async throws -> Invoice {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        let context = self.context
        return try await context.database.write(principal.scope) { connection in
            let draft = try InvoiceStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            return try Self.finalize(draft, context: context, by: principal, at: now, on: connection)
        }
    }

    /// Voids an issued invoice on which nothing has been paid or credited; its number stays used.
    /// Staff only.
    public func void(_ id: InvoiceID, reason: String, by principal: Principal) async throws -> Invoice {
        try await changeStatus(id, to: .void, reason: reason, by: principal) { invoice in
            guard [.open, .overdue].contains(invoice.status), invoice.amountPaid.isZero, invoice.amountCredited.isZero else {
                throw PortalError.conflict(
                    "Only an open invoice with nothing paid or credited can be voided; issue a credit note instead.",
                    field: "status")
            }
        }
    }

    /// Writes off what remains due. Payments are still accepted afterwards. Staff only.
    public func markUncollectible(_ id: InvoiceID, reason: String, by principal: Principal) async throws -> Invoice {
        try await changeStatus(id, to: .uncollectible, reason: reason, by: principal) { invoice in
            guard [.open, .partiallyPaid, .overdue].contains(invoice.status) else {
                throw PortalError.conflict("Only an unpaid issued invoice can be written off.", field: "status")
            }
        }
    }

    private func changeStatus(
        _ id: InvoiceID, to status: InvoiceStatus, reason: String, by principal: Principal,
        check: @Sendable @escaping (Invoice) throws -> Void
    ) async throws -> Invoice {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let reason = try InputValidation.required(reason, field: "reason", maximumLength: 500)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try InvoiceStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            try check(before)
            var after = before
            after.status = status
            after.statusReason = reason
            after.updatedAt = now
            if status == .void { after.voidedAt = now }
            try InvoiceStore.update(after, on: connection)
            try InvoiceSchedules.invoiceChanged(after, on: connection, at: now)
            try AuditTrail.record(
                try AuditEntry(
                    action: "invoice.\(status.rawValue)", resourceType: "invoice", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Drafts and finalizes an invoice in the caller's transaction, for invoices the kernel
    /// issues itself (billing runs, plan changes, credit purchases). The lines are composed once,
    /// for the header's issue date, and both steps are audited as for a draft finalized by hand.
    static func issue(
        _ header: DraftHeader, items: [InvoiceComposer.Item], tenant: Tenant, context: BillingContext,
        by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice {
        let draft = try draft(header, items: items, deposits: [], tenant: tenant, by: principal, at: now, on: connection)
        return try finalize(draft, tenant: tenant, composed: true, context: context, by: principal, at: now, on: connection)
    }

    /// Finalizes `draft` in the caller's transaction. A draft `composed` in this same transaction
    /// for its issue date keeps its lines; any other is composed again with that day's tax rates.
    static func finalize(
        _ draft: Invoice, tenant: Tenant? = nil, composed: Bool = false, context: BillingContext, by principal: Principal,
        at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice {
        try requireDraft(draft)
        guard draft.lines.contains(where: { $0.kind == .item }) else {
            throw PortalError.invalid("An invoice needs at least one line.", field: "lines")
        }
        let tenant = try tenant ?? Tenants.load(draft.tenantId, on: connection)
        let settings = try BillingSettingsService.load(tenant.id, on: connection)
        let issueDate = draft.issueDate ?? tenant.timeZone.localDate(of: now)
        var invoice = draft
        invoice.issueDate = issueDate
        if !composed || draft.issueDate == nil {
            invoice = try compose(
                invoice, items: draft.lines.filter { $0.kind == .item }.map(InvoiceComposer.Item.init),
                deposits: depositIds(of: draft), by: principal, at: now, on: connection)
        }
        guard !invoice.total.isNegative else {
            throw PortalError.invalid("An invoice total cannot be negative; issue a credit note instead.", field: "lines")
        }
        let terms = invoice.paymentTermsDays ?? settings.paymentTermsDays
        invoice.paymentTermsDays = terms
        invoice.dueDate = invoice.dueDate ?? issueDate.adding(days: terms)
        guard let dueDate = invoice.dueDate, dueDate >= issueDate else {
            throw PortalError.invalid("The due date cannot be before the issue date.", field: "due_date")
        }
        let period = issueDate.yearMonth
        let value = try NumberSequence.next("invoice", tenant: tenant.id, period: period, on: connection)
        invoice.number = NumberFormat("\(tenant.invoicePrefix)-{yyyy}-{mm}-{n:5}").format(value, period: period, date: issueDate)
        invoice.status = .open
        invoice.finalizedAt = now
        invoice.updatedAt = now
        try InvoiceStore.update(invoice, on: connection)
        try AuditTrail.record(
            try AuditEntry(
                action: "invoice.finalized", resourceType: "invoice", resourceId: invoice.id.uuidString,
                companyId: invoice.companyId, before: draft, after: invoice),
            by: principal, at: now, on: connection)
        invoice = try InvoiceLedger.refresh(locked: invoice, tenant: tenant, by: principal, at: now, on: connection)
        try BillingNotices.invoiceIssued(invoice, tenant: tenant, context: context, at: now, on: connection)
        return invoice
    }
}
