/// The billing run's view of contracts: which periods are due, and billing one.
///
/// A period is due when it is `pending`, its contract's billing is enabled and its start is on
/// or before the run's date. ``bill(_:runDate:context:by:at:on:)`` creates and finalizes the
/// period's invoice in the caller's transaction; calling it again for the same period creates
/// nothing, so a run that is retried or overlaps another bills each period once.
///
/// Open-ended plans (a recurring item without an end) are stored 12 months ahead; every call
/// of ``bill(_:runDate:context:by:at:on:)`` for such a contract stores the periods up to 12 months
/// past the run date, so pending periods never run out. ``BillingRuns`` calls ``due(tenant:through:on:)``
/// and then ``bill(_:runDate:context:by:at:on:)`` once per period, each in its own transaction.
enum ContractSchedule {
    /// The pending periods of the tenant's billing-enabled contracts that start on or before
    /// `date`, by start. Reads only, so it may run in a read transaction.
    static func due(tenant: Tenant, through date: LocalDate, on connection: any SQLConnection) throws -> [DueBillingPeriod] {
        try connection.query(
            """
            SELECT p.contract_id, p.period_index, p.period_start, c.company_id
            FROM contract_billing_periods p JOIN contracts c ON c.id = p.contract_id AND c.tenant_id = p.tenant_id
            WHERE p.tenant_id = \(tenant.id) AND p.status = 'pending' AND c.billing_enabled = \(true)
                AND p.period_start <= \(date)
            ORDER BY p.period_start, p.contract_id, p.period_index
            """
        ).map { row in
            DueBillingPeriod(
                scheduleType: .contract, scheduleId: try row.get("contract_id", as: ContractID.self).uuidString,
                periodKey: String(try row.get("period_index", as: Int.self)), companyId: try row.get("company_id"),
                periodStart: try row.get("period_start"))
        }
    }

    /// Invoices one due period: a finalized `contract` invoice for the period's days, issued on
    /// `runDate`, with one line per contributing line item (its description, its share of the
    /// period, its tax code). The company's standing discount applies as on any invoice. The
    /// period becomes `invoiced` with the invoice's id and date.
    ///
    /// Returns nil, creating nothing, when the period is no longer pending or the contract's
    /// billing is disabled.
    static func bill(
        _ due: DueBillingPeriod, runDate: LocalDate, context: BillingContext, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws -> Invoice? {
        guard due.scheduleType == .contract, let contractId = ContractID(due.scheduleId), let index = Int(due.periodKey) else {
            throw PortalError.internal(debugDetail: "not a contract period: \(due.scheduleType) \(due.scheduleId) \(due.periodKey)")
        }
        let contract = try Contracts.load(contractId, tenant: principal.tenantId, on: connection, forUpdate: true)
        guard contract.billingEnabled else { return nil }
        let lock = connection.dialect.rowLockClause
        guard let row = try connection.queryFirst(
            """
            SELECT * FROM contract_billing_periods
            WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id) AND period_index = \(index)\(lock)
            """)
        else { return nil }
        let before = try ContractBillingPeriod(row: row)
        guard before.status == .pending else { return nil }

        // Line items cannot change while billing is enabled, so the plan gives back the stored total.
        let tenant = try Tenants.load(contract.tenantId, on: connection)
        let plan = try ContractBilling.plan(for: contract, items: try Contracts.items(of: contract, on: connection))
        guard let plan, let planned = try plan.period(index), planned.total == before.total,
            planned.start == before.periodStart, planned.end == before.periodEnd
        else {
            throw PortalError.internal(debugDetail: "contract \(contract.id) period \(index) no longer matches its line items")
        }

        let items = planned.lines.map { line in
            InvoiceComposer.Item(
                id: nil, description: line.description, quantity: 1, unitAmount: line.amount, discountPercent: .zero,
                taxCode: line.taxCode, periodStart: before.periodStart, periodEnd: before.periodEnd)
        }
        let invoice = try Invoices.issue(
            Invoices.DraftHeader(
                companyId: contract.companyId, kind: .contract, currency: contract.currency, issueDate: runDate,
                dueDate: nil, paymentTermsDays: nil, memo: contract.title, applyCompanyDiscount: true,
                periodStart: before.periodStart, periodEnd: before.periodEnd, contractId: contract.id,
                sourceKey: "contract:\(contract.id.uuidString):\(index)"),
            items: items, tenant: tenant, context: context, by: principal, at: now, on: connection)

        try connection.execute(
            """
            UPDATE contract_billing_periods SET status = 'invoiced', invoice_id = \(invoice.id), invoice_date = \(runDate),
                updated_at = \(now)
            WHERE tenant_id = \(contract.tenantId) AND id = \(before.id)
            """)
        // Follows the invoice at once should finalizing have settled it (with credit, say).
        try InvoiceSchedules.invoiceChanged(invoice, on: connection, at: now)
        var after = before
        if let updated = try connection.queryFirst(
            "SELECT * FROM contract_billing_periods WHERE tenant_id = \(contract.tenantId) AND id = \(before.id)")
        {
            after = try ContractBillingPeriod(row: updated)
        }
        try AuditTrail.record(
            try AuditEntry(
                action: "contract_billing_period.invoiced", resourceType: "contract_billing_period",
                resourceId: before.id.uuidString, companyId: contract.companyId, before: before, after: after),
            by: principal, at: now, on: connection)

        if plan.isOpenEnded {
            try ContractBilling.generatePeriods(of: contract, plan: plan, today: runDate, by: principal, at: now, on: connection)
        }
        return invoice
    }
}
