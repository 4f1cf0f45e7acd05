/// A `subscriptions` row as stored, with the schedule arithmetic every subscription use case and
/// the billing run share.
///
/// `next_period_index` is the first period not yet invoiced: `-1` for the pro-rated first
/// period (the stub `[start_date, anchor_date)`), `k ≥ 0` for period *k* of the schedule.
struct SubscriptionRecord: Sendable, Hashable, Codable {
    var id: SubscriptionID
    var companyId: CompanyID
    var planId: PlanID
    var status: SubscriptionStatus
    var startDate: LocalDate
    var anchorDate: LocalDate
    var nextPeriodIndex: Int
    var cancelAtPeriodEnd: Bool
    var pendingPlanId: PlanID?
    var pausedOn: LocalDate?
    var canceledAt: Instant?
    var endsOn: LocalDate?
    var createdAt: Instant
    var updatedAt: Instant

    /// The index of the stub period.
    static let stubIndex = -1
    /// The period key of the stub period in billing-run ledgers.
    static let stubKey = "stub"

    /// Whether the subscription starts with a pro-rated period before its anchor.
    var hasStub: Bool { startDate < anchorDate }

    func schedule(_ interval: BillingInterval) -> BillingSchedule {
        BillingSchedule(anchor: anchorDate, interval: interval)
    }

    /// Period `index` as billed: the stub for `-1`, else the schedule's period.
    func period(_ index: Int, interval: BillingInterval) -> ServicePeriod {
        index == Self.stubIndex ? ServicePeriod(start: startDate, end: anchorDate) : schedule(interval).period(index)
    }

    /// The key of period `index` in billing-run ledgers: `"stub"` or the index.
    static func key(_ index: Int) -> String { index == stubIndex ? stubKey : String(index) }

    /// The index a period key names, if it is one.
    static func index(ofKey key: String) -> Int? {
        key == stubKey ? stubIndex : Int(key).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The index of the period containing `date`, or nil before the start.
    func index(containing date: LocalDate, interval: BillingInterval) -> Int? {
        guard date >= startDate else { return nil }
        if hasStub && date < anchorDate { return Self.stubIndex }
        return schedule(interval).index(containing: date)
    }

    /// Whether the subscription has ended by `date` (it has an end on or before it).
    func hasEnded(by date: LocalDate) -> Bool {
        status == .canceled || (endsOn.map { $0 <= date } ?? false)
    }

    /// The invoiced periods with days on or after `date`, each with the day their unused part
    /// starts, for proration by day. The stub is valued as its share of the full period ending
    /// at the anchor (as it was priced), so the period given for it is that full period.
    func billedPeriods(unusedFrom date: LocalDate, interval: BillingInterval) -> [(period: ServicePeriod, from: LocalDate)] {
        var result: [(period: ServicePeriod, from: LocalDate)] = []
        let schedule = schedule(interval)
        if hasStub, nextPeriodIndex > Self.stubIndex, date < anchorDate {
            result.append((schedule.period(-1), Swift.max(date, startDate)))
        }
        guard nextPeriodIndex > 0 else { return result }
        let first = Swift.max(0, schedule.index(containing: date) ?? 0)
        for index in first..<Swift.max(first, nextPeriodIndex) {
            let period = schedule.period(index)
            if period.end > date { result.append((period, Swift.max(date, period.start))) }
        }
        return result
    }

    /// The periods from the first not yet invoiced whose start is on or before `date` and before
    /// ``endsOn``, in order. Empty unless the subscription is active.
    func duePeriods(through date: LocalDate, interval: BillingInterval) -> [(index: Int, period: ServicePeriod)] {
        guard status == .active else { return [] }
        var result: [(index: Int, period: ServicePeriod)] = []
        if nextPeriodIndex == Self.stubIndex {
            let stub = period(Self.stubIndex, interval: interval)
            guard stub.start <= date else { return [] }
            result.append((Self.stubIndex, stub))
        }
        result += schedule(interval).periods(from: Swift.max(nextPeriodIndex, 0), startingOnOrBefore: date)
        guard let endsOn else { return result }
        return result.filter { $0.period.start < endsOn }
    }

    /// The first period starting on or after `date`: where billing resumes after a pause.
    func firstIndex(startingOnOrAfter date: LocalDate, interval: BillingInterval) -> Int {
        if date <= startDate { return hasStub ? Self.stubIndex : 0 }
        guard let index = index(containing: date, interval: interval) else { return 0 }
        return period(index, interval: interval).start == date ? index : index + 1
    }

    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), companyId: try row.get("company_id"), planId: try row.get("plan_id"),
            status: try row.enumeration("status"), startDate: try row.get("start_date"),
            anchorDate: try row.get("anchor_date"), nextPeriodIndex: try row.get("next_period_index"),
            cancelAtPeriodEnd: try row.get("cancel_at_period_end"), pendingPlanId: try row.get("pending_plan_id"),
            pausedOn: try row.get("paused_on"), canceledAt: try row.get("canceled_at"), endsOn: try row.get("ends_on"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }

    init(
        id: SubscriptionID, companyId: CompanyID, planId: PlanID, status: SubscriptionStatus, startDate: LocalDate,
        anchorDate: LocalDate, nextPeriodIndex: Int, cancelAtPeriodEnd: Bool, pendingPlanId: PlanID?, pausedOn: LocalDate?,
        canceledAt: Instant?, endsOn: LocalDate?, createdAt: Instant, updatedAt: Instant
    ) {
        self.id = id
        self.companyId = companyId
        self.planId = planId
        self.status = status
        self.startDate = startDate
        self.anchorDate = anchorDate
        self.nextPeriodIndex = nextPeriodIndex
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
        self.pendingPlanId = pendingPlanId
        self.pausedOn = pausedOn
        self.canceledAt = canceledAt
        self.endsOn = endsOn
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Loading and writing subscriptions inside a caller's transaction.
enum SubscriptionStore {
    /// The subscription, locked for the transaction on PostgreSQL when `forUpdate`.
    /// - Throws: `not_found` when the tenant has none.
    static func load(
        _ id: SubscriptionID, tenant: TenantID, on connection: any SQLConnection, forUpdate: Bool = false
    ) throws -> SubscriptionRecord {
        let lock: SQLStatement = forUpdate ? connection.dialect.rowLockClause : ""
        guard let row = try connection.queryFirst("SELECT * FROM subscriptions WHERE tenant_id = \(tenant) AND id = \(id)\(lock)")
        else { throw PortalError.notFound("No such subscription.") }
        return try SubscriptionRecord(row: row)
    }

    /// The subscription if `principal` may perform `action` on its company's billing; hidden
    /// ones are `not_found`, visible ones without the right `forbidden`.
    static func loadVisible(
        _ id: SubscriptionID, by principal: Principal, action: AccessAction, on connection: any SQLConnection,
        forUpdate: Bool = false
    ) throws -> SubscriptionRecord {
        let record = try load(id, tenant: principal.tenantId, on: connection, forUpdate: forUpdate)
        if case .hide = AccessPolicy.decide(principal, .readBilling, on: .company(record.companyId)) {
            throw PortalError.notFound("No such subscription.")
        }
        try AccessPolicy.authorize(principal, action, on: .company(record.companyId))
        return record
    }

    static func insert(_ record: SubscriptionRecord, tenant: TenantID, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO subscriptions (id, tenant_id, company_id, plan_id, status, start_date, anchor_date, next_period_index,
                cancel_at_period_end, pending_plan_id, paused_on, canceled_at, ends_on, created_at, updated_at)
            VALUES (\(record.id), \(tenant), \(record.companyId), \(record.planId), \(record.status.rawValue),
                \(record.startDate), \(record.anchorDate), \(record.nextPeriodIndex), \(record.cancelAtPeriodEnd),
                \(record.pendingPlanId), \(record.pausedOn), \(record.canceledAt), \(record.endsOn), \(record.createdAt),
                \(record.updatedAt))
            """)
    }

    static func update(_ record: SubscriptionRecord, tenant: TenantID, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE subscriptions SET plan_id = \(record.planId), status = \(record.status.rawValue),
                anchor_date = \(record.anchorDate), next_period_index = \(record.nextPeriodIndex),
                cancel_at_period_end = \(record.cancelAtPeriodEnd), pending_plan_id = \(record.pendingPlanId),
                paused_on = \(record.pausedOn), canceled_at = \(record.canceledAt), ends_on = \(record.endsOn),
                updated_at = \(record.updatedAt)
            WHERE tenant_id = \(tenant) AND id = \(record.id)
            """)
    }

    /// Writes `after` and records the change as `action` (`subscription.paused`), unless nothing
    /// changed; returns the record as stored.
    @discardableResult
    static func save(
        _ after: SubscriptionRecord, before: SubscriptionRecord, action: String, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws -> SubscriptionRecord {
        guard after != before else { return before }
        var after = after
        after.updatedAt = now
        try update(after, tenant: principal.tenantId, on: connection)
        try AuditTrail.record(
            try AuditEntry(
                action: action, resourceType: "subscription", resourceId: after.id.uuidString, companyId: after.companyId,
                before: before, after: after),
            by: principal, at: now, on: connection)
        return after
    }

    /// Marks a subscription whose end has come `canceled` (the lazy end of a cancellation at
    /// period end) and returns it as stored.
    static func settle(
        _ record: SubscriptionRecord, today: LocalDate, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws -> SubscriptionRecord {
        guard record.status != .canceled, record.hasEnded(by: today) else { return record }
        var after = record
        after.status = .canceled
        after.canceledAt = after.canceledAt ?? now
        after.pendingPlanId = nil
        return try save(after, before: record, action: "subscription.ended", by: principal, at: now, on: connection)
    }

    /// The public view of `record` on `today`.
    static func view(
        _ record: SubscriptionRecord, today: LocalDate, tenant: TenantID, on connection: any SQLConnection,
        plans: inout [PlanID: Plan]
    ) throws -> Subscription {
        func plan(_ id: PlanID) throws -> Plan {
            if let plan = plans[id] { return plan }
            let plan = try Plans.load(id, tenant: tenant, on: connection)
            plans[id] = plan
            return plan
        }
        let current = try plan(record.planId)
        let ended = record.hasEnded(by: today)
        let period = ended || record.status == .paused ? nil : record.index(containing: today, interval: current.interval)
        return Subscription(
            id: record.id, companyId: record.companyId, plan: current, pendingPlan: try record.pendingPlanId.map(plan),
            status: ended ? .canceled : record.status, startDate: record.startDate, anchorDate: record.anchorDate,
            nextPeriodStart: record.period(record.nextPeriodIndex, interval: current.interval).start,
            currentPeriod: period.map { record.period($0, interval: current.interval) },
            cancelAtPeriodEnd: record.cancelAtPeriodEnd, pausedOn: record.pausedOn, canceledAt: record.canceledAt,
            endsOn: record.endsOn, createdAt: record.createdAt, updatedAt: record.updatedAt)
    }

    static func view(_ record: SubscriptionRecord, today: LocalDate, tenant: TenantID, on connection: any SQLConnection) throws -> Subscription {
        var plans: [PlanID: Plan] = [:]
        return try view(record, today: today, tenant: tenant, on: connection, plans: &plans)
    }
}
