/// Billing runs: invoice every subscription period, contract billing period and proposal
/// payment-schedule item that is due, once.
///
/// A period is due when it starts on or before the run date plus the tenant's
/// ``BillingSettings/invoiceLeadDays``. Billing a period records `(tenant, schedule, period)` in
/// the run ledger (`billing_run_entries`), creates and finalizes the invoice (taking its number),
/// advances the schedule and queues the invoice email, all in one transaction. Periods are billed
/// in batches of `batchSize`: one transaction per batch, each period inside its own savepoint, so
/// a period that cannot be billed is rolled back alone and reported, and the batch commits once
/// (one disk flush per batch rather than per invoice; see docs/performance.md). A batch that fails
/// as a whole (a lost race, a database that went away) is billed again one period per
/// transaction. So a run is idempotent (a second run for the same date finds every period
/// recorded and creates nothing) and crash-safe (a run killed at any point has either billed a
/// period completely or not at all; the next run finishes the rest with no duplicate and no gap
/// in numbering, since numbers are taken inside the same transaction).
///
/// A proposal's schedule item is due once its due date is within the payment terms of that day
/// (``ProposalSchedule``); its own row, locked and moved from `pending` to `invoiced` in the same
/// transaction, plays the part of the run-ledger entry.
public struct BillingRuns: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Progress of a run, reported after each period.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
    }

    /// Bills the principal's tenant through `date` (today in the tenant's time zone by default),
    /// `batchSize` periods per transaction. A dry run counts what would be billed and writes
    /// nothing. Staff only.
    public func run(
        through date: LocalDate? = nil, dryRun: Bool = false, batchSize: Int = 50, by principal: Principal,
        progress: @Sendable (Progress) -> Void = { _ in }
    ) async throws -> BillingRunSummary {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        let (tenant, runDate, due) = try await context.database.read(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let runDate = date ?? tenant.timeZone.localDate(of: now)
            let settings = try BillingSettingsService.load(tenant.id, on: connection)
            let through = runDate.adding(days: settings.invoiceLeadDays)
            let due = try Self.due(
                tenant: tenant, through: through, paymentTermsDays: settings.paymentTermsDays, on: connection)
            return (tenant, runDate, due)
        }
        var summary = BillingRunSummary(date: runDate, dryRun: dryRun)
        if dryRun {
            summary.invoicesCreated = due.count
            return summary
        }
        let runID = BillingRunID.generate(at: now)
        try await context.database.write(principal.scope) { connection in
            try connection.execute(
                """
                INSERT INTO billing_runs (id, tenant_id, run_date, dry_run, summary, started_at)
                VALUES (\(runID), \(tenant.id), \(runDate), \(false), '{}', \(now))
                """)
        }
        var done = 0
        let size = max(batchSize, 1)
        for start in stride(from: 0, to: due.count, by: size) {
            try Task.checkCancellation()
            let batch = Array(due[start..<min(start + size, due.count)])
            let outcomes: [PeriodOutcome]
            do {
                outcomes = try await billBatch(batch, runID: runID, runDate: runDate, tenant: tenant, by: principal)
            } catch let error as PortalError where batch.count > 1 {
                _ = error  // The batch as a whole failed: bill its periods one transaction each.
                outcomes = try await billOneByOne(batch, runID: runID, runDate: runDate, tenant: tenant, by: principal)
            }
            for (period, outcome) in zip(batch, outcomes) {
                switch outcome {
                case .billed(let invoice): try summary.add(invoice)
                case .skipped: summary.skipped += 1
                case .failed(let reason):
                    summary.failed.append(BillingRunSummary.Failure(
                        tenant: tenant.slug, scheduleType: period.scheduleType.rawValue, scheduleId: period.scheduleId,
                        periodKey: period.periodKey, reason: reason))
                }
                done += 1
                progress(Progress(done: done, total: due.count))
            }
        }
        let finished = context.now
        let text = try JSONCoding.encodeToString(summary)
        try await context.database.write(principal.scope) { connection in
            try connection.execute(
                "UPDATE billing_runs SET summary = \(text), finished_at = \(finished) WHERE tenant_id = \(tenant.id) AND id = \(runID)")
        }
        return summary
    }

    /// What billing one period came to.
    enum PeriodOutcome: Sendable {
        case billed(Invoice)
        /// Already billed by an earlier run, or no longer billable.
        case skipped
        case failed(reason: String)
    }

    /// Bills `batch` in one transaction, each period in a savepoint of its own: a period that
    /// cannot be billed is rolled back alone and reported as failed. Errors that doom the whole
    /// transaction (a lost race, a lost connection) are rethrown, so the adapter retries the batch.
    private func billBatch(
        _ batch: [DueBillingPeriod], runID: BillingRunID, runDate: LocalDate, tenant: Tenant, by principal: Principal
    ) async throws -> [PeriodOutcome] {
        let context = self.context
        return try await context.database.write(principal.scope) { connection in
            var outcomes: [PeriodOutcome] = []
            for period in batch {
                try connection.execute("SAVEPOINT billing_period")
                do {
                    let invoice = try Self.bill(
                        period, runID: runID, runDate: runDate, tenant: tenant, context: context, by: principal,
                        on: connection)
                    try connection.execute("RELEASE SAVEPOINT billing_period")
                    outcomes.append(invoice.map(PeriodOutcome.billed) ?? .skipped)
                } catch let error as PortalError where error.isPeriodFailure {
                    try connection.execute("ROLLBACK TO SAVEPOINT billing_period")
                    try connection.execute("RELEASE SAVEPOINT billing_period")
                    outcomes.append(.failed(reason: error.message))
                }
            }
            return outcomes
        }
    }

    /// Bills each period of `batch` in its own transaction: the way back when a batch failed whole.
    private func billOneByOne(
        _ batch: [DueBillingPeriod], runID: BillingRunID, runDate: LocalDate, tenant: Tenant, by principal: Principal
    ) async throws -> [PeriodOutcome] {
        let context = self.context
        var outcomes: [PeriodOutcome] = []
        for period in batch {
            do {
                let invoice = try await context.database.write(principal.scope) { connection in
                    try Self.bill(
                        period, runID: runID, runDate: runDate, tenant: tenant, context: context, by: principal,
                        on: connection)
                }
                outcomes.append(invoice.map(PeriodOutcome.billed) ?? .skipped)
            } catch let error as PortalError {
                outcomes.append(.failed(reason: error.message))
            }
        }
        return outcomes
    }

    /// Bills one period in the caller's transaction; nil when an earlier run already billed it.
    private static func bill(
        _ period: DueBillingPeriod, runID: BillingRunID, runDate: LocalDate, tenant: Tenant, context: BillingContext,
        by principal: Principal, on connection: any SQLConnection
    ) throws -> Invoice? {
        let now = context.now
        if period.scheduleType == .proposalPayment {
            // The item's own row, locked and checked for `pending`, records that it was billed.
            guard let id = ProposalPaymentID(period.periodKey) else {
                throw PortalError.internal(debugDetail: "not a proposal payment: \(period.periodKey)")
            }
            return try ProposalSchedule.bill(id, runDate: runDate, context: context, by: principal, at: now, on: connection)
        }
        let recorded = try connection.execute(
            """
            INSERT INTO billing_run_entries (tenant_id, schedule_type, schedule_id, period_key, run_id, created_at)
            VALUES (\(tenant.id), \(period.scheduleType.rawValue), \(period.scheduleId), \(period.periodKey), \(runID), \(now))
            ON CONFLICT (tenant_id, schedule_type, schedule_id, period_key) DO NOTHING
            """)
        guard recorded > 0 else { return nil }
        let invoice: Invoice?
        switch period.scheduleType {
        case .subscription:
            invoice = try SubscriptionSchedule.bill(period, runDate: runDate, context: context, by: principal, at: now, on: connection)
        case .contract:
            invoice = try ContractSchedule.bill(period, runDate: runDate, context: context, by: principal, at: now, on: connection)
        case .proposalPayment:
            invoice = nil
        }
        // A period that is no longer billable (billing disabled, subscription paused meanwhile)
        // leaves no entry, so a later run can still bill it if it becomes billable again.
        let entry: SQLStatement = """
            WHERE tenant_id = \(tenant.id) AND schedule_type = \(period.scheduleType.rawValue)
                AND schedule_id = \(period.scheduleId) AND period_key = \(period.periodKey)
            """
        if let invoice {
            try connection.execute("UPDATE billing_run_entries SET invoice_id = \(invoice.id) \(entry)")
        } else {
            try connection.execute("DELETE FROM billing_run_entries \(entry)")
        }
        return invoice
    }

    /// Every due period of the tenant, in period order.
    static func due(
        tenant: Tenant, through date: LocalDate, paymentTermsDays: Int, on connection: any SQLConnection
    ) throws -> [DueBillingPeriod] {
        let periods = try SubscriptionSchedule.due(tenant: tenant, through: date, on: connection)
            + ContractSchedule.due(tenant: tenant, through: date, on: connection)
            + ProposalSchedule.due(tenant: tenant, through: date, paymentTermsDays: paymentTermsDays, on: connection)
        return periods.sorted { ($0.periodStart, $0.scheduleId, $0.periodKey) < ($1.periodStart, $1.scheduleId, $1.periodKey) }
    }
}

extension PortalError {
    /// Whether this error belongs to one period (bad data, a rule it breaks, a constraint it
    /// violates), so rolling back to the period's savepoint contains it. Lost races, lost
    /// connections and internal errors doom the whole transaction instead.
    var isPeriodFailure: Bool {
        switch code {
        case .invalid, .notFound, .forbidden: return true
        case .conflict: return field != nil || constraint != nil
        default: return false
        }
    }
}
