extension Subscriptions {
    /// Moves a subscription to another plan. Staff, or a client with `manageBilling` on the
    /// company.
    ///
    /// The new plan must be active, in the same currency and with the same interval (periods
    /// stay on the subscription's schedule; to change the interval, cancel at period end and
    /// subscribe anew). A plan with a higher yearly price (``Plan/yearlyPrice``) is an upgrade;
    /// the tenant's ``BillingSettings`` say when each kind takes effect (by default upgrades
    /// immediately, downgrades at renewal):
    ///
    /// - **Immediately:** the plan changes today. For the periods already invoiced, the days from
    ///   today on are prorated by day (``Proration/planChange(from:to:period:effective:rounding:)``):
    ///   when the difference is owed, a finalized invoice with the lines "Unused time on <old>"
    ///   (negative) and "Remaining time on <new>"; when it is in the customer's favour, the
    ///   difference is added to the company's customer credit. Both apply the company discount
    ///   and the plans' tax codes, like the period invoices.
    /// - **At renewal:** the new plan becomes pending and takes over from the first period not yet
    ///   invoiced, when a billing run invoices it.
    ///
    /// Choosing the current plan again drops a pending change.
    ///
    /// - Throws: `invalid` with field `plan_id`; `conflict` with field `status` unless the
    ///   subscription is active and not ending.
    public func changePlan(_ id: SubscriptionID, to planId: PlanID, by principal: Principal) async throws -> SubscriptionOutcome {
        let now = context.now
        let context = self.context
        return try await context.database.write(principal.scope) { connection in
            let loaded = try SubscriptionStore.loadVisible(id, by: principal, action: .manageBilling, on: connection, forUpdate: true)
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let today = tenant.timeZone.localDate(of: now)
            let before = try SubscriptionStore.settle(loaded, today: today, by: principal, at: now, on: connection)
            guard before.status == .active, !before.cancelAtPeriodEnd else {
                throw PortalError.conflict("Only an active subscription that is not ending can change plan.", field: "status")
            }
            let old = try Plans.load(before.planId, tenant: tenant.id, on: connection)
            let new = try Plans.load(planId, tenant: tenant.id, field: "plan_id", on: connection)
            var after = before
            if new.id == old.id {
                guard before.pendingPlanId != nil else {
                    throw PortalError.conflict("The subscription is already on this plan.", field: "plan_id")
                }
                after.pendingPlanId = nil
                after = try SubscriptionStore.save(
                    after, before: before, action: "subscription.plan_change_dropped", by: principal, at: now, on: connection)
                return SubscriptionOutcome(
                    subscription: try SubscriptionStore.view(after, today: today, tenant: tenant.id, on: connection))
            }
            try Self.checkChange(from: old, to: new)
            let settings = try BillingSettingsService.load(tenant.id, on: connection)
            let timing = new.yearlyPrice > old.yearlyPrice ? settings.upgradeTiming : settings.downgradeTiming
            guard timing == .immediately else {
                after.pendingPlanId = new.id
                after = try SubscriptionStore.save(
                    after, before: before, action: "subscription.plan_change_scheduled", by: principal, at: now, on: connection)
                return SubscriptionOutcome(
                    subscription: try SubscriptionStore.view(after, today: today, tenant: tenant.id, on: connection))
            }
            var outcome = try Self.prorate(
                before, from: old, to: new, on: today, tenant: tenant, context: context, by: principal, at: now, on: connection)
            after.planId = new.id
            after.pendingPlanId = nil
            after = try SubscriptionStore.save(after, before: before, action: "subscription.plan_changed", by: principal, at: now, on: connection)
            outcome.subscription = try SubscriptionStore.view(after, today: today, tenant: tenant.id, on: connection)
            return outcome
        }
    }

    private static func checkChange(from old: Plan, to new: Plan) throws {
        guard new.active else { throw PortalError.invalid("The plan is not active.", field: "plan_id") }
        guard new.currency == old.currency else {
            throw PortalError.invalid("The new plan must be in \(old.currency.code), like the current one.", field: "plan_id")
        }
        guard new.interval == old.interval else {
            throw PortalError.invalid(
                "The new plan must bill every \(old.interval.name), like the current one; cancel and subscribe anew to change the interval.",
                field: "plan_id")
        }
    }

    /// Bills or credits the difference between `old` and `new` for the invoiced days from `date` on.
    private static func prorate(
        _ record: SubscriptionRecord, from old: Plan, to new: Plan, on date: LocalDate, tenant: Tenant, context: BillingContext,
        by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> SubscriptionOutcome {
        let placeholder = try SubscriptionStore.view(record, today: date, tenant: tenant.id, on: connection)
        let periods = record.billedPeriods(unusedFrom: date, interval: old.interval)
        guard let first = periods.first, let last = periods.last else { return SubscriptionOutcome(subscription: placeholder) }
        var unused = Money.zero(old.currency)
        var remaining = Money.zero(new.currency)
        for (period, from) in periods {
            let change = try Proration.planChange(from: old.price, to: new.price, period: period, effective: from)
            unused = try unused.adding(change.unusedCredit)
            remaining = try remaining.adding(change.newCharge)
        }
        let span = (start: first.from, end: last.period.end)
        let credit = try unused.negated()
        let items = [
            item("Unused time on \(old.name)", credit, taxCode: old.taxCode, span: span),
            item("Remaining time on \(new.name)", remaining, taxCode: new.taxCode, span: span),
        ].compactMap { $0 }
        let total = try composedTotal(items, company: record.companyId, tenant: tenant, date: date, by: principal, at: now, on: connection)
        if total.isPositive {
            let invoice = try Invoices.issue(
                Invoices.DraftHeader(
                    companyId: record.companyId, kind: .subscription, currency: new.currency, issueDate: date,
                    applyCompanyDiscount: true, periodStart: span.start, periodEnd: span.end, subscriptionId: record.id),
                items: items, tenant: tenant, context: context, by: principal, at: now, on: connection)
            return SubscriptionOutcome(subscription: placeholder, invoice: invoice)
        }
        guard total.isNegative else { return SubscriptionOutcome(subscription: placeholder) }
        let owed = try total.negated()
        try addCustomerCredit(
            owed, company: record.companyId, subscription: record.id,
            reason: "Plan change from \(old.name) to \(new.name)", by: principal, at: now, on: connection)
        return SubscriptionOutcome(subscription: placeholder, customerCredit: owed)
    }

    /// Adds the value of the invoiced days from `date` on, at the plan's price, to the company's
    /// customer credit (less the company discount, with the plan's tax, as the invoices charged
    /// it). Returns the credit, or nil when nothing invoiced is unused.
    static func unusedTimeCredit(
        _ record: SubscriptionRecord, plan: Plan, from date: LocalDate, tenant: Tenant, by principal: Principal,
        at now: Instant, on connection: any SQLConnection
    ) throws -> Money? {
        let periods = record.billedPeriods(unusedFrom: date, interval: plan.interval)
        guard let first = periods.first, let last = periods.last else { return nil }
        var unused = Money.zero(plan.currency)
        for (period, from) in periods {
            unused = try unused.adding(try Proration.remaining(of: plan.price, in: period, from: from))
        }
        let negated = try unused.negated()
        guard let line = item("Unused time on \(plan.name)", negated, taxCode: plan.taxCode, span: (first.from, last.period.end))
        else { return nil }
        let total = try composedTotal([line], company: record.companyId, tenant: tenant, date: date, by: principal, at: now, on: connection)
        guard total.isNegative else { return nil }
        let credit = try total.negated()
        try addCustomerCredit(
            credit, company: record.companyId, subscription: record.id, reason: "Unused time on \(plan.name)", by: principal,
            at: now, on: connection)
        return credit
    }

    /// An invoice item for a proration, or nil for a zero amount.
    private static func item(
        _ description: String, _ amount: Money, taxCode: String?, span: (start: LocalDate, end: LocalDate)
    ) -> InvoiceComposer.Item? {
        guard !amount.isZero else { return nil }
        return InvoiceComposer.Item(
            id: nil, description: description, quantity: 1, unitAmount: amount, discountPercent: .zero, taxCode: taxCode,
            periodStart: span.start, periodEnd: span.end)
    }

    /// What an invoice of `items` for the company, dated `date`, would total.
    private static func composedTotal(
        _ items: [InvoiceComposer.Item], company: CompanyID, tenant: Tenant, date: LocalDate, by principal: Principal,
        at now: Instant, on connection: any SQLConnection
    ) throws -> Money {
        guard let currency = items.first?.unitAmount.currency else { return .zero(tenant.defaultCurrency) }
        let billed = try Companies.loadVisible(company, by: principal, action: .readCompany, on: connection)
        let composer = InvoiceComposer(tenant: tenant.id, currency: currency, taxDate: date, companyDiscount: billed.discount)
        let lines = try composer.lines(items: items, deposits: [], at: now, on: connection)
        return try Money.sum(lines.map(\.totalAmount), currency: currency)
    }

    /// Adds `amount` to the company's customer credit: a `customer_credit` ledger entry of kind
    /// `credit_note` with no invoice and no credit note (credit the business grants outside a
    /// credit note), which the payments code counts in the company's balance per currency.
    static func addCustomerCredit(
        _ amount: Money, company: CompanyID, subscription: SubscriptionID, reason: String, by principal: Principal,
        at now: Instant, on connection: any SQLConnection
    ) throws {
        guard amount.isPositive else { return }
        let id = try Ledger.insert(
            Ledger.Entry(company: company, account: .customerCredit, kind: .creditNote, invoice: nil, amount: amount),
            tenant: principal.tenantId, by: principal, at: now, on: connection)
        try AuditTrail.record(
            AuditEntry(
                action: "customer_credit.added", resourceType: "ledger_entry", resourceId: id.uuidString, companyId: company,
                changes: [
                    "amount": AuditChange(before: nil, after: .integer(amount.minorUnits)),
                    "currency": AuditChange(before: nil, after: .string(amount.currency.code)),
                    "reason": AuditChange(before: nil, after: .string(reason)),
                    "subscription_id": AuditChange(before: nil, after: .string(subscription.uuidString)),
                ]),
            by: principal, at: now, on: connection)
    }
}
