/// The billing engine's view of proposal payment schedules: which items are due to be invoiced,
/// and invoicing one.
///
/// An item of an approved (or active, or completed) proposal is due once its due date is within
/// the tenant's payment terms of the run date plus the invoice lead days, so its invoice, issued
/// then, falls due on the item's own date. ``bill(_:runDate:context:by:at:on:)`` creates and
/// finalizes a `standard` invoice for the item in the caller's transaction (the company's
/// standing discount does not apply: the schedule holds the agreed amounts; the item's tax code
/// does) and records it on the item; calling it again for an invoiced item creates nothing.
///
/// The item then follows its invoice (``ProposalPaymentSync``); a voided invoice puts it back to
/// `pending`, to be invoiced again under a new source key.
enum ProposalSchedule {
    /// The pending items due to be invoiced by `date` (of one proposal, when given), read-only.
    static func due(
        tenant: Tenant, through date: LocalDate, paymentTermsDays: Int, proposal: ProposalID? = nil,
        on connection: any SQLConnection
    ) throws -> [DueBillingPeriod] {
        var statement: SQLStatement = """
            SELECT i.id, i.proposal_id, i.due_date, p.company_id
            FROM proposal_payments i JOIN proposals p ON p.id = i.proposal_id AND p.tenant_id = i.tenant_id
            WHERE i.tenant_id = \(tenant.id) AND i.status = 'pending' AND p.status IN ('approved', 'active', 'completed')
                AND i.due_date <= \(date.adding(days: paymentTermsDays))
            """
        if let proposal { statement.append(" AND i.proposal_id = \(proposal)") }
        statement.append(" ORDER BY i.due_date, i.proposal_id, i.position")
        return try connection.query(statement).map { row in
            DueBillingPeriod(
                scheduleType: .proposalPayment, scheduleId: try row.get("proposal_id", as: ProposalID.self).uuidString,
                periodKey: try row.get("id", as: ProposalPaymentID.self).uuidString, companyId: try row.get("company_id"),
                periodStart: try row.get("due_date", as: LocalDate.self).adding(days: -paymentTermsDays))
        }
    }

    /// Invoices one pending item now, issued today in the tenant's time zone (early invoicing and
    /// "pay now"). - Throws: `conflict` (field `status`) when its proposal is not approved.
    static func billToday(
        _ paymentId: ProposalPaymentID, context: BillingContext, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws -> Invoice {
        let today = try Tenants.load(principal.tenantId, on: connection).timeZone.localDate(of: now)
        guard let invoice = try bill(paymentId, runDate: today, context: context, by: principal, at: now, on: connection) else {
            throw PortalError.conflict("The proposal must be approved before its payments are invoiced.", field: "status")
        }
        return invoice
    }

    /// Invoices one payment-schedule item, issued on `runDate` and due on the item's due date (or
    /// `runDate`, if that has passed). Returns nil, creating nothing, when the item is no longer
    /// pending or its proposal is not approved.
    static func bill(
        _ paymentId: ProposalPaymentID, runDate: LocalDate, context: BillingContext, by principal: Principal,
        at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice? {
        let tenantId = principal.tenantId
        guard let row = try connection.queryFirst(
            "SELECT * FROM proposal_payments WHERE tenant_id = \(tenantId) AND id = \(paymentId)\(connection.dialect.rowLockClause)")
        else { throw PortalError.notFound("No such scheduled payment.") }
        let proposalId: ProposalID = try row.get("proposal_id")
        guard let proposalRow = try connection.queryFirst(
            "SELECT * FROM proposals WHERE tenant_id = \(tenantId) AND id = \(proposalId)")
        else { throw PortalError.notFound("No such proposal.") }
        let proposal = try ProposalStore.header(proposalRow)
        let before = try ProposalStore.payment(row, currency: proposal.currency)
        let invoiceCount: Int = try row.get("invoice_count")
        guard before.status == .pending, [.approved, .active, .completed].contains(proposal.status) else { return nil }

        let tenant = try Tenants.load(tenantId, on: connection)
        let item = InvoiceComposer.Item(
            id: nil, description: before.description, quantity: 1, unitAmount: before.amount, discountPercent: .zero,
            taxCode: before.taxCode, periodStart: nil, periodEnd: nil)
        let invoice = try Invoices.issue(
            Invoices.DraftHeader(
                companyId: proposal.companyId, kind: .standard, currency: proposal.currency, issueDate: runDate,
                dueDate: max(before.dueDate, runDate), paymentTermsDays: nil, memo: proposal.title,
                applyCompanyDiscount: false, periodStart: nil, periodEnd: nil, contractId: proposal.contractId,
                sourceKey: "proposal-payment:\(paymentId.uuidString):\(invoiceCount + 1)"),
            items: [item], tenant: tenant, context: context, by: principal, at: now, on: connection)

        var after = before
        after.invoiceId = invoice.id
        after.status = ProposalPaymentStatus.following(invoice.status)
        try connection.execute(
            """
            UPDATE proposal_payments SET status = \(after.status.rawValue), invoice_id = \(invoice.id),
                invoice_count = \(invoiceCount + 1), updated_at = \(now)
            WHERE tenant_id = \(tenantId) AND id = \(paymentId)
            """)
        try AuditTrail.record(
            try AuditEntry(
                action: "proposal_payment.invoiced", resourceType: "proposal_payment", resourceId: paymentId.uuidString,
                companyId: proposal.companyId, before: before, after: after),
            by: principal, at: now, on: connection)
        return invoice
    }
}
