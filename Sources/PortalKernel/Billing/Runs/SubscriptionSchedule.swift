/// The billing run's view of subscriptions: which periods are due, and billing one of them.
///
/// A period is due when its subscription is active, it is the first not yet invoiced or later
/// (`index ≥ next_period_index`), it starts on or before the date the run bills through (the
/// run date plus the tenant's lead days), and it starts before the subscription's end, if any.
/// Paused and canceled subscriptions have nothing due.
///
/// The run calls ``bill(_:runDate:context:by:at:on:)`` for each due period, in order, one
/// transaction per period, beside its own ledger row; billing moves `next_period_index` past
/// the period in the same transaction, so a period is invoiced at most once however often it
/// is offered.
enum SubscriptionSchedule {
    /// The due periods of the tenant's subscriptions through `date`, ordered by period start
    /// (a subscription's periods in order).
    static func due(tenant: Tenant, through date: LocalDate, on connection: any SQLConnection) throws -> [DueBillingPeriod] {
        let rows = try connection.query(
            """
            SELECT subscriptions.*, plans.interval_months AS plan_interval_months
            FROM subscriptions JOIN plans ON plans.tenant_id = subscriptions.tenant_id AND plans.id = subscriptions.plan_id
            WHERE subscriptions.tenant_id = \(tenant.id) AND subscriptions.status = \(SubscriptionStatus.active.rawValue)
            """)
        var due: [DueBillingPeriod] = []
        for row in rows {
            let record = try SubscriptionRecord(row: row)
            let interval = try BillingInterval(months: try row.get("plan_interval_months"))
            for (index, period) in record.duePeriods(through: date, interval: interval) {
                due.append(
                    DueBillingPeriod(
                        scheduleType: .subscription, scheduleId: record.id.uuidString,
                        periodKey: SubscriptionRecord.key(index), companyId: record.companyId, periodStart: period.start))
            }
        }
        return due.sorted { ($0.periodStart, $0.scheduleId) < ($1.periodStart, $1.scheduleId) }
    }

    /// Invoices one due period of a subscription, in the caller's transaction: a finalized
    /// subscription invoice dated `runDate` for the period, with one line
    /// "<plan> (<first day> – <last day>)" at the plan's price (the stub pro-rated), the plan's tax
    /// code, the company discount, and the plan's included credits granted on payment.
    ///
    /// Before billing, a subscription whose end has come is marked canceled, and a pending plan
    /// change takes over (it applies from the first period not yet invoiced).
    ///
    /// - Returns: the invoice, or nil when the period is no longer billable: already invoiced,
    ///   or the subscription paused, canceled or ending before the period starts.
    /// - Throws: `conflict` with field `period_key` when an earlier period is not invoiced yet.
    static func bill(
        _ due: DueBillingPeriod, runDate: LocalDate, context: BillingContext, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws -> Invoice? {
        guard due.scheduleType == .subscription, let id = SubscriptionID(due.scheduleId),
            let index = SubscriptionRecord.index(ofKey: due.periodKey)
        else { throw PortalError.invalid("Not a subscription period.", field: "period_key") }
        let loaded = try SubscriptionStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
        var record = try SubscriptionStore.settle(loaded, today: runDate, by: principal, at: now, on: connection)
        guard record.status == .active, index >= record.nextPeriodIndex else { return nil }
        guard index == record.nextPeriodIndex else {
            throw PortalError.conflict(
                "Period \(SubscriptionRecord.key(record.nextPeriodIndex)) of subscription \(id) is not billed yet.",
                field: "period_key")
        }
        var plan = try Plans.load(record.planId, tenant: principal.tenantId, on: connection)
        if let endsOn = record.endsOn, record.period(index, interval: plan.interval).start >= endsOn { return nil }
        if let pending = record.pendingPlanId {
            let before = record
            record.planId = pending
            record.pendingPlanId = nil
            record = try SubscriptionStore.save(
                record, before: before, action: "subscription.plan_changed", by: principal, at: now, on: connection)
            plan = try Plans.load(pending, tenant: principal.tenantId, on: connection)
        }
        let period = record.period(index, interval: plan.interval)
        var amount = plan.price
        if index == SubscriptionRecord.stubIndex,
            let stub = try Proration.firstPeriod(
                start: record.startDate, anchor: record.anchorDate, schedule: plan.interval, price: plan.price)
        {
            amount = stub.amount
        }
        let tenant = try Tenants.load(principal.tenantId, on: connection)
        let line = InvoiceComposer.Item(
            id: nil, description: "\(plan.name) (\(period.start) – \(period.end.adding(days: -1)))", quantity: 1,
            unitAmount: amount, discountPercent: .zero, taxCode: plan.taxCode, periodStart: period.start,
            periodEnd: period.end)
        let invoice = try Invoices.issue(
            Invoices.DraftHeader(
                companyId: record.companyId, kind: .subscription, currency: plan.currency, issueDate: runDate,
                applyCompanyDiscount: true, periodStart: period.start, periodEnd: period.end,
                creditsOnPayment: plan.includedCredits, subscriptionId: record.id,
                sourceKey: "subscription:\(record.id.uuidString):\(due.periodKey)"),
            items: [line], tenant: tenant, context: context, by: principal, at: now, on: connection)
        let before = record
        record.nextPeriodIndex = index + 1
        try SubscriptionStore.save(record, before: before, action: "subscription.period_billed", by: principal, at: now, on: connection)
        return invoice
    }
}
