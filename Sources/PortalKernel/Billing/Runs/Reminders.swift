/// Payment reminders: 3 days before the due date, on the due date, and once overdue (which also
/// marks the invoice `overdue`). Each stage is sent once per invoice (`invoice_reminders` has one
/// row per invoice and stage), as an `invoice_reminder` notification event and an email through
/// the job queue, whatever the number or timing of sweeps.
public struct Reminders: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Days before the due date the first reminder goes out.
    public static let daysBeforeDue = 3

    /// What a sweep did.
    public struct Summary: Sendable, Hashable, Codable {
        public var date: LocalDate
        public var remindersSent: Int
        public var markedOverdue: Int
    }

    /// Sends the reminders due on `date` (today in the tenant's time zone by default) for the
    /// principal's tenant, each invoice in its own transaction. Staff or system only.
    public func sweep(on date: LocalDate? = nil, by principal: Principal) async throws -> Summary {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        let (tenant, today, candidates) = try await context.database.read(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let today = date ?? tenant.timeZone.localDate(of: now)
            let horizon = today.adding(days: Self.daysBeforeDue)
            let ids = try connection.query(
                """
                SELECT id FROM invoices
                WHERE tenant_id = \(tenant.id) AND status IN ('open', 'partially_paid', 'overdue') AND amount_due > 0
                    AND due_date <= \(horizon)
                ORDER BY due_date, id
                """
            ).map { try $0.get("id", as: InvoiceID.self) }
            return (tenant, today, ids)
        }
        var summary = Summary(date: today, remindersSent: 0, markedOverdue: 0)
        let context = self.context
        for id in candidates {
            let (sent, overdue) = try await context.database.write(principal.scope) { connection in
                try Self.remind(id, today: today, tenant: tenant, context: context, by: principal, at: context.now, on: connection)
            }
            summary.remindersSent += sent ? 1 : 0
            summary.markedOverdue += overdue ? 1 : 0
        }
        return summary
    }

    /// The stage an invoice due on `dueDate` is in on `today`, if any.
    static func stage(dueDate: LocalDate, today: LocalDate) -> ReminderStage? {
        let days = today.days(until: dueDate)
        if days < 0 { return .overdue }
        if days == 0 { return .due }
        if days <= daysBeforeDue { return .beforeDue }
        return nil
    }

    private static func remind(
        _ id: InvoiceID, today: LocalDate, tenant: Tenant, context: BillingContext, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws -> (sent: Bool, overdue: Bool) {
        var invoice = try InvoiceStore.load(id, tenant: tenant.id, on: connection, forUpdate: true)
        guard [.open, .partiallyPaid, .overdue].contains(invoice.status), invoice.amountDue.isPositive,
            let dueDate = invoice.dueDate, let stage = stage(dueDate: dueDate, today: today)
        else { return (false, false) }
        var markedOverdue = false
        if stage == .overdue, invoice.status != .overdue {
            invoice = try InvoiceLedger.refresh(id, tenant: tenant, by: principal, at: now, on: connection)
            markedOverdue = invoice.status == .overdue
        }
        let inserted = try connection.execute(
            """
            INSERT INTO invoice_reminders (tenant_id, invoice_id, stage, sent_on, created_at)
            VALUES (\(tenant.id), \(id), \(stage.rawValue), \(today), \(now))
            ON CONFLICT (tenant_id, invoice_id, stage) DO NOTHING
            """)
        guard inserted > 0 else { return (false, markedOverdue) }
        try BillingNotices.reminder(invoice, stage: stage, tenant: tenant, context: context, at: now, on: connection)
        return (true, markedOverdue)
    }
}
