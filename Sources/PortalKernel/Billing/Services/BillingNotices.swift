/// The notification events and emails billing sends: an invoice issued, payment reminders,
/// a payment received. Each is recorded in the caller's transaction with a deduplication key,
/// so one happening is announced once.
enum BillingNotices {
    /// Records `invoice_issued` and emails the invoice to the company's billing address.
    static func invoiceIssued(
        _ invoice: Invoice, tenant: Tenant, context: BillingContext, at now: Instant, on connection: any SQLConnection
    ) throws {
        let key = "invoice_issued:\(invoice.id.uuidString)"
        let new = try NotificationEvents.record(
            kind: "invoice_issued", tenant: tenant.id, companyId: invoice.companyId, subjectType: "invoice",
            subjectId: invoice.id.uuidString, payload: summary(invoice), dedupeKey: key, at: now, on: connection)
        guard new else { return }
        try email(
            invoice, key: key, subject: "Invoice \(invoice.number ?? "") from \(tenant.name)",
            opening: "\(tenant.name) has issued invoice \(invoice.number ?? "") for \(invoice.total.formatted()).",
            tenant: tenant, context: context, on: connection)
    }

    /// Records an `invoice_reminder` for `stage` and emails it; returns false when this stage
    /// was already announced for the invoice.
    @discardableResult
    static func reminder(
        _ invoice: Invoice, stage: ReminderStage, tenant: Tenant, context: BillingContext, at now: Instant,
        on connection: any SQLConnection
    ) throws -> Bool {
        let key = "invoice_reminder:\(invoice.id.uuidString):\(stage.rawValue)"
        var payload = summary(invoice)
        payload["stage"] = .string(stage.rawValue)
        let new = try NotificationEvents.record(
            kind: "invoice_reminder", tenant: tenant.id, companyId: invoice.companyId, subjectType: "invoice",
            subjectId: invoice.id.uuidString, payload: payload, dedupeKey: key, at: now, on: connection)
        guard new else { return false }
        let number = invoice.number ?? ""
        let due = invoice.dueDate?.iso8601 ?? ""
        let (subject, opening): (String, String) =
            switch stage {
            case .beforeDue: ("Invoice \(number) is due on \(due)", "A reminder that invoice \(number) is due on \(due).")
            case .due: ("Invoice \(number) is due today", "Invoice \(number) is due today.")
            case .overdue: ("Invoice \(number) is overdue", "Invoice \(number) was due on \(due) and is now overdue.")
            }
        try email(invoice, key: key, subject: subject, opening: opening, tenant: tenant, context: context, on: connection)
        return true
    }

    private static func summary(_ invoice: Invoice) -> [String: JSONValue] {
        [
            "invoice_id": .string(invoice.id.uuidString), "number": invoice.number.map(JSONValue.string) ?? .null,
            "currency": .string(invoice.currency.code), "total": .integer(invoice.total.minorUnits),
            "amount_due": .integer(invoice.amountDue.minorUnits),
            "due_date": invoice.dueDate.map { .string($0.iso8601) } ?? .null,
        ]
    }

    private static func email(
        _ invoice: Invoice, key: String, subject: String, opening: String, tenant: Tenant, context: BillingContext,
        on connection: any SQLConnection
    ) throws {
        guard
            let row = try connection.queryFirst(
                "SELECT name, billing_email FROM companies WHERE tenant_id = \(tenant.id) AND id = \(invoice.companyId)"),
            let address: String = try row.get("billing_email")
        else { return }
        let name: String = try row.get("name")
        let text = """
            \(opening)

            Amount due: \(invoice.amountDue.formatted())
            Due date: \(invoice.dueDate?.iso8601 ?? "-")

            View and pay it in the portal: \(context.publicURL)/portal/invoices/\(invoice.id.uuidString)
            """
        let message = MailerMessage(
            messageKey: key, from: context.emailFrom, to: [MailerAddress(address, name: name)], subject: subject,
            text: text, tags: ["billing"])
        try OutgoingEmail.enqueue(message, tenant: tenant.id, secretBox: context.secretBox, jobs: context.jobs, on: connection)
    }
}

/// When a payment reminder goes out.
public enum ReminderStage: String, Sendable, Hashable, Codable, CaseIterable {
    /// Three days before the due date.
    case beforeDue = "before_due"
    /// On the due date.
    case due
    /// After the due date (the invoice is then marked overdue).
    case overdue
}
