/// Billing of contracts: the configuration, a preview, enabling and disabling, and the stored
/// periods. Billing runs invoice the periods through ``ContractSchedule``.
///
/// How it fits together:
/// 1. Staff add line items (``Contracts/addLineItem(_:_:by:)``) and choose a frequency, start
///    and end (``configure(_:_:by:)``) while billing is disabled.
/// 2. ``preview(_:by:)`` shows the periods ``ContractBillingPlan`` computes, writing nothing.
/// 3. ``enableBilling(_:by:)`` records who and when, fixes the billing start and stores
///    exactly the previewed periods as `pending` rows. Plans with an open-ended recurring item
///    are generated 12 months ahead and extended by every billing-run call.
/// 4. A billing run invoices each pending period once its start has come.
/// 5. ``disableBilling(_:by:)`` records who and when; pending periods stay pending and are not
///    billed while billing is off. Enabling again regenerates the pending periods from the
///    line items as they are then (periods already invoiced stay as they are), and periods
///    whose start has passed meanwhile are billed by the next run.
///
/// Staff configure and switch billing; a company's users who may read its billing read the
/// periods.
public struct ContractBilling: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Sets how often and over which dates the contract bills. Staff only, while billing is
    /// disabled. Once a period has been invoiced, the frequency and start can no longer change
    /// (they define which days every period covers); the end date can.
    ///
    /// - Throws: `invalid` naming `interval_months` or `end_date`; `conflict` with field
    ///   `billing_enabled` while billing is enabled, or `frequency`/`start_date` as above.
    public func configure(_ id: ContractID, _ settings: ContractBillingSettings, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let interval = try Self.interval(settings)
        if let start = settings.startDate, let end = settings.endDate, end <= start {
            throw PortalError.invalid("end_date must be after start_date.", field: "end_date")
        }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Contracts.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard !before.billingEnabled else {
                throw PortalError.conflict("Disable billing before changing its configuration.", field: "billing_enabled")
            }
            let invoiced = try Self.invoicedIndices(of: before, on: connection)
            let start = settings.startDate ?? (invoiced.isEmpty ? nil : before.billingStartDate)
            if !invoiced.isEmpty {
                guard interval.months == before.billingIntervalMonths else {
                    throw PortalError.conflict(
                        "Periods have been invoiced; the billing frequency can no longer change.", field: "frequency")
                }
                guard start == before.billingStartDate else {
                    throw PortalError.conflict(
                        "Periods have been invoiced; the billing start can no longer change.", field: "start_date")
                }
            }
            var after = before
            after.billingFrequency = settings.frequency
            after.billingIntervalMonths = interval.months
            after.billingStartDate = start
            after.billingEndDate = settings.endDate
            guard after != before else { return before }
            after.updatedAt = now
            try Contracts.update(after, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract.billing_configured", resourceType: "contract", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Turns billing on: records who (``Principal/label``) and when, fixes the billing start
    /// (the earliest billable line item's start unless configured) and stores the periods
    /// ``preview(_:by:)`` shows as `pending`. Staff only.
    ///
    /// - Throws: `conflict` with field `billing_enabled` when billing is already on, or field
    ///   `status` unless the contract is `signed` or `active`; `invalid` with field
    ///   `line_items` when no line item is `pending` or `active`.
    public func enableBilling(_ id: ContractID, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Contracts.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard !before.billingEnabled else {
                throw PortalError.conflict("Billing is already enabled.", field: "billing_enabled")
            }
            guard before.status.allowsBilling else {
                throw PortalError.conflict(
                    "Billing can be enabled on a signed or active contract; this one is \(before.status.rawValue).",
                    field: "status")
            }
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let items = try Contracts.items(of: before, on: connection)
            guard let plan = try Self.plan(for: before, items: items) else {
                throw PortalError.invalid("The contract has no pending or active line item to bill.", field: "line_items")
            }
            var after = before
            after.billingEnabled = true
            after.billingChangedBy = principal.label
            after.billingChangedAt = now
            after.billingStartDate = plan.billingStart
            after.updatedAt = now
            try Contracts.update(after, on: connection)
            try connection.execute(
                """
                DELETE FROM contract_billing_periods
                WHERE tenant_id = \(after.tenantId) AND contract_id = \(after.id) AND status = 'pending'
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract.billing_enabled", resourceType: "contract", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            try Self.generatePeriods(
                of: after, plan: plan, today: tenant.timeZone.localDate(of: now), by: principal, at: now, on: connection)
            return after
        }
    }

    /// Turns billing off, recording who and when. Pending periods stay pending and are not
    /// billed until billing is enabled again. Staff only.
    ///
    /// - Throws: `conflict` with field `billing_enabled` when billing is already off.
    public func disableBilling(_ id: ContractID, by principal: Principal) async throws -> Contract {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Contracts.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard before.billingEnabled else {
                throw PortalError.conflict("Billing is already disabled.", field: "billing_enabled")
            }
            var after = before
            after.billingEnabled = false
            after.billingChangedBy = principal.label
            after.billingChangedAt = now
            after.updatedAt = now
            try Contracts.update(after, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "contract.billing_disabled", resourceType: "contract", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// The contract's stored billing periods by index. Needs the right to read the company's
    /// billing.
    public func periods(_ id: ContractID, by principal: Principal) async throws -> [ContractBillingPeriod] {
        try await context.database.read(principal.scope) { connection in
            let contract = try Contracts.loadVisible(id, by: principal, action: .readBilling, on: connection)
            return try Self.periods(of: contract, on: connection)
        }
    }

    // MARK: Shared with previews and billing runs

    /// The plan of the contract's billable line items, or nil when none is billable.
    static func plan(for contract: Contract, items: [ContractLineItem]) throws -> ContractBillingPlan? {
        let billable = items.filter(\.isBillable).map(\.planItem)
        guard !billable.isEmpty,
            let start = contract.billingStartDate ?? ContractBillingPlan.defaultStart(of: billable)
        else { return nil }
        return try ContractBillingPlan(
            items: billable, currency: contract.currency, billingStart: start, interval: contract.billingInterval,
            billingEnd: contract.billingEndDate)
    }

    /// The periods generating on `today` would store: the plan's, less those already stored
    /// (with `pending` ones counted as absent when `replacingPending`).
    static func periodsToGenerate(
        of contract: Contract, plan: ContractBillingPlan, today: LocalDate, replacingPending: Bool,
        on connection: any SQLConnection
    ) throws -> [ContractBillingPlan.Period] {
        let stored = replacingPending
            ? try invoicedIndices(of: contract, on: connection)
            : Set(try periods(of: contract, on: connection).map(\.index))
        return try plan.periods(generatedOn: today).filter { !stored.contains($0.index) }
    }

    /// Stores the plan's periods up to its horizon on `today` that are not stored yet, as
    /// `pending`, and audits them. Returns the new rows.
    @discardableResult
    static func generatePeriods(
        of contract: Contract, plan: ContractBillingPlan, today: LocalDate, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws -> [ContractBillingPeriod] {
        let missing = try periodsToGenerate(of: contract, plan: plan, today: today, replacingPending: false, on: connection)
        guard !missing.isEmpty else { return [] }
        var stored: [ContractBillingPeriod] = []
        for period in missing {
            let row = ContractBillingPeriod(
                id: ContractBillingPeriodID.generate(at: now), contractId: contract.id, index: period.index,
                periodStart: period.start, periodEnd: period.end, total: period.total, status: .pending, invoiceId: nil,
                invoiceDate: nil, paymentDate: nil, createdAt: now, updatedAt: now)
            try connection.execute(
                """
                INSERT INTO contract_billing_periods (id, tenant_id, contract_id, period_index, period_start, period_end,
                    currency, total_amount, status, created_at, updated_at)
                VALUES (\(row.id), \(contract.tenantId), \(contract.id), \(row.index), \(row.periodStart), \(row.periodEnd),
                    \(contract.currency), \(row.total.minorUnits), \(row.status.rawValue), \(now), \(now))
                """)
            stored.append(row)
        }
        try AuditTrail.record(
            AuditEntry(
                action: "contract.billing_periods_generated", resourceType: "contract", resourceId: contract.id.uuidString,
                companyId: contract.companyId,
                changes: [
                    "period_indexes": AuditChange(
                        before: nil, after: .array(stored.map { .integer(Int64($0.index)) })),
                    "through": AuditChange(before: nil, after: stored.last.map { .string($0.periodEnd.iso8601) }),
                ]),
            by: principal, at: now, on: connection)
        return stored
    }

    /// The contract's stored periods by index.
    static func periods(of contract: Contract, on connection: any SQLConnection) throws -> [ContractBillingPeriod] {
        try connection.query(
            """
            SELECT * FROM contract_billing_periods WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id)
            ORDER BY period_index
            """
        ).map(ContractBillingPeriod.init(row:))
    }

    /// The indices of periods that are no longer pending (invoiced, paid, overdue, canceled).
    static func invoicedIndices(of contract: Contract, on connection: any SQLConnection) throws -> Set<Int> {
        Set(try connection.query(
            """
            SELECT period_index FROM contract_billing_periods
            WHERE tenant_id = \(contract.tenantId) AND contract_id = \(contract.id) AND status <> 'pending'
            """
        ).map { try $0.get("period_index", as: Int.self) })
    }

    /// The interval a configuration names.
    private static func interval(_ settings: ContractBillingSettings) throws -> BillingInterval {
        let named: BillingInterval
        switch settings.frequency {
        case .monthly: named = .monthly
        case .quarterly: named = .quarterly
        case .custom:
            guard let months = settings.intervalMonths else {
                throw PortalError.invalid("A custom frequency needs interval_months.", field: "interval_months")
            }
            return try BillingInterval(months: months)
        }
        if let months = settings.intervalMonths, months != named.months {
            throw PortalError.invalid(
                "A \(settings.frequency.rawValue) frequency is \(named.months) month(s); use custom for another length.",
                field: "interval_months")
        }
        return named
    }
}
