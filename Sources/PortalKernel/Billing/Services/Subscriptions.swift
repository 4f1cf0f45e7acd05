/// Companies' subscriptions to plans: creation, reading, cancellation, pausing. Plan changes
/// are in `Subscriptions+Changes.swift`; billing runs invoice the periods through
/// ``SubscriptionSchedule``.
///
/// Who may do what:
///
/// | action | staff | client with `manageBilling` | client with `readBilling` |
/// |---|---|---|---|
/// | ``get(_:by:)``, ``list(_:page:by:)`` | all | own companies | own companies |
/// | ``changePlan(_:to:by:)`` | yes | own companies | no |
/// | ``cancel(_:atPeriodEnd:by:)`` at period end | yes | own companies | no |
/// | ``cancel(_:atPeriodEnd:by:)`` immediately | yes | no | no |
/// | ``create(_:by:)``, ``pause(_:by:)``, ``reactivate(_:by:)`` | yes | no | no |
///
/// A subscription of a company the principal cannot see is `not_found`.
public struct Subscriptions: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Subscribes a company to an active plan from `startDate` (today by default). Staff only.
    ///
    /// The anchor (the first day of the first full period) is the first of the tenant's billing
    /// days on or after the start, or the requested ``NewSubscription/billingDay``. Days from the
    /// start to the anchor are billed as a pro-rated first period. A billing day past the end of
    /// the anchor's month (31 in April) is that month's last day, and stays so: periods start
    /// on the anchor's day of month.
    ///
    /// - Throws: `invalid` with field `plan_id` (no such or inactive plan), `billing_day` (not
    ///   one of the tenant's billing days); `not_found` for an unknown company.
    public func create(_ input: NewSubscription, by principal: Principal) async throws -> Subscription {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            _ = try Companies.loadVisible(input.companyId, by: principal, action: .readCompany, on: connection)
            let plan = try Plans.load(input.planId, tenant: tenant.id, field: "plan_id", on: connection)
            guard plan.active else { throw PortalError.invalid("The plan is not active.", field: "plan_id") }
            let today = tenant.timeZone.localDate(of: now)
            let start = input.startDate ?? today
            let anchor: LocalDate
            if let day = input.billingDay {
                try BillingAnchor.validate(day: day, allowedDays: tenant.billingDays)
                anchor = try BillingAnchor.first(onOrAfter: start, allowedDays: [day])
            } else {
                anchor = try BillingAnchor.first(onOrAfter: start, allowedDays: tenant.billingDays)
            }
            let stub = try Proration.firstPeriod(start: start, anchor: anchor, schedule: plan.interval, price: plan.price)
            let record = SubscriptionRecord(
                id: SubscriptionID.generate(at: now), companyId: input.companyId, planId: plan.id, status: .active,
                startDate: start, anchorDate: anchor,
                nextPeriodIndex: stub == nil ? 0 : SubscriptionRecord.stubIndex, cancelAtPeriodEnd: false,
                pendingPlanId: nil, pausedOn: nil, canceledAt: nil, endsOn: nil, createdAt: now, updatedAt: now)
            try SubscriptionStore.insert(record, tenant: tenant.id, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "subscription.created", resourceType: "subscription", resourceId: record.id.uuidString,
                    companyId: record.companyId, before: SubscriptionRecord?.none, after: record),
                by: principal, at: now, on: connection)
            return try SubscriptionStore.view(record, today: today, tenant: tenant.id, on: connection)
        }
    }

    /// One subscription, with its current period.
    public func get(_ id: SubscriptionID, by principal: Principal) async throws -> Subscription {
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            let record = try SubscriptionStore.loadVisible(id, by: principal, action: .readBilling, on: connection)
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            return try SubscriptionStore.view(
                record, today: tenant.timeZone.localDate(of: now), tenant: tenant.id, on: connection)
        }
    }

    /// The subscriptions the principal may read, most recently changed first by default.
    public func list(
        _ options: SubscriptionListOptions, page: PageRequest, by principal: Principal
    ) async throws -> Page<Subscription> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable = AccessPolicy.companies(principal, allowing: .readBilling)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let today = tenant.timeZone.localDate(of: now)
            var statement: SQLStatement = "SELECT * FROM subscriptions WHERE tenant_id = \(tenant.id)"
            if let reachable { statement.append(" AND company_id IN (\(list: Array(reachable)))") }
            if let company = options.companyId { statement.append(" AND company_id = \(company)") }
            switch options.status {
            case nil: break
            case .canceled?:
                statement.append(" AND (status = 'canceled' OR (ends_on IS NOT NULL AND ends_on <= \(today)))")
            case let status?:
                statement.append(" AND status = \(status.rawValue) AND (ends_on IS NULL OR ends_on > \(today))")
            }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            var plans: [PlanID: Plan] = [:]
            return try keyset.page(try connection.query(statement)) { row in
                try SubscriptionStore.view(
                    try SubscriptionRecord(row: row), today: today, tenant: tenant.id, on: connection, plans: &plans)
            }
        }
    }

    /// Cancels a subscription.
    ///
    /// - At period end (the default; clients with `manageBilling` may): the subscription stays
    ///   active until the end of the period containing today (or its start, when it has not
    ///   started), ``Subscription/endsOn``; billing runs invoice no period starting on or after
    ///   that day, and it reads as canceled from then on. A pending plan change is dropped.
    ///   Invoices already issued for later periods stand (staff may void them).
    /// - Immediately (staff only): canceled today, and the unused days of the periods already
    ///   invoiced, from today on, are valued at the plan's price by day and added to the
    ///   company's customer credit (see ``SubscriptionOutcome/customerCredit``).
    ///
    /// - Throws: `conflict` with field `status` when the subscription is already canceled (or,
    ///   at period end, already ending).
    public func cancel(_ id: SubscriptionID, atPeriodEnd: Bool = true, by principal: Principal) async throws -> SubscriptionOutcome {
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            var record = try SubscriptionStore.loadVisible(id, by: principal, action: .manageBilling, on: connection, forUpdate: true)
            guard atPeriodEnd || principal.isStaff else {
                throw PortalError.forbidden("Only staff may cancel a subscription immediately.")
            }
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let today = tenant.timeZone.localDate(of: now)
            record = try SubscriptionStore.settle(record, today: today, by: principal, at: now, on: connection)
            guard record.status != .canceled, !(atPeriodEnd && record.cancelAtPeriodEnd) else {
                throw PortalError.conflict("The subscription is already canceled.", field: "status")
            }
            let plan = try Plans.load(record.planId, tenant: tenant.id, on: connection)
            var after = record
            after.pendingPlanId = nil
            var credit: Money?
            if atPeriodEnd {
                after.cancelAtPeriodEnd = true
                after.endsOn = record.index(containing: today, interval: plan.interval)
                    .map { record.period($0, interval: plan.interval).end } ?? record.startDate
                after = try SubscriptionStore.save(after, before: record, action: "subscription.cancel_scheduled", by: principal, at: now, on: connection)
            } else {
                credit = try Self.unusedTimeCredit(
                    record, plan: plan, from: today, tenant: tenant, by: principal, at: now, on: connection)
                after.status = .canceled
                after.cancelAtPeriodEnd = false
                after.canceledAt = now
                after.endsOn = Swift.max(today, record.startDate)
                after = try SubscriptionStore.save(after, before: record, action: "subscription.canceled", by: principal, at: now, on: connection)
            }
            return SubscriptionOutcome(
                subscription: try SubscriptionStore.view(after, today: today, tenant: tenant.id, on: connection),
                invoice: nil, customerCredit: credit)
        }
    }

    /// Pauses an active subscription: billing runs skip it, and the periods starting while it
    /// is paused are never billed. Nothing is credited. Staff only.
    public func pause(_ id: SubscriptionID, by principal: Principal) async throws -> Subscription {
        try await staffChange(id, action: "subscription.paused", by: principal) { record, today, _ in
            guard record.status == .active else {
                throw PortalError.conflict("Only an active subscription can be paused.", field: "status")
            }
            record.status = .paused
            record.pausedOn = today
        }
    }

    /// Resumes a subscription. Staff only.
    ///
    /// A paused subscription becomes active and billing resumes with the first period starting
    /// on or after today: the periods in between are skipped for good. An active subscription
    /// set to cancel at period end, not yet ended, goes on instead of ending.
    public func reactivate(_ id: SubscriptionID, by principal: Principal) async throws -> Subscription {
        try await staffChange(id, action: "subscription.reactivated", by: principal) { record, today, interval in
            switch record.status {
            case .paused:
                record.status = .active
                record.pausedOn = nil
                record.nextPeriodIndex = Swift.max(
                    record.nextPeriodIndex, record.firstIndex(startingOnOrAfter: today, interval: interval))
            case .active where record.cancelAtPeriodEnd:
                record.cancelAtPeriodEnd = false
                record.endsOn = nil
            case .active, .canceled:
                throw PortalError.conflict("Only a paused subscription, or one set to cancel, can be reactivated.", field: "status")
            }
        }
    }

    /// Loads, settles, changes with `change` and saves a subscription, as staff.
    private func staffChange(
        _ id: SubscriptionID, action: String, by principal: Principal,
        _ change: @escaping @Sendable (inout SubscriptionRecord, LocalDate, BillingInterval) throws -> Void
    ) async throws -> Subscription {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let today = tenant.timeZone.localDate(of: now)
            let loaded = try SubscriptionStore.load(id, tenant: tenant.id, on: connection, forUpdate: true)
            let before = try SubscriptionStore.settle(loaded, today: today, by: principal, at: now, on: connection)
            let plan = try Plans.load(before.planId, tenant: tenant.id, on: connection)
            var after = before
            try change(&after, today, plan.interval)
            after = try SubscriptionStore.save(after, before: before, action: action, by: principal, at: now, on: connection)
            return try SubscriptionStore.view(after, today: today, tenant: tenant.id, on: connection)
        }
    }
}
