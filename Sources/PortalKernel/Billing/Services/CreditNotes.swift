/// Credit notes: their own documents and numbers (`CN-2026-11-00003`), each crediting part or
/// all of one issued invoice.
public struct CreditNotes: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Issues a credit note against an issued invoice. With no lines it credits everything not
    /// yet credited; with lines it credits the given tax-inclusive amount of each item line (at
    /// most what remains of it), splitting tax in the line's proportion, rounded half-up.
    /// The total first reduces the amount due; any excess becomes customer credit. Staff only.
    public func issue(_ input: NewCreditNote, by principal: Principal) async throws -> CreditNote {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let reason = try InputValidation.required(input.reason, field: "reason", maximumLength: 500)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let invoice = try InvoiceStore.load(input.invoiceId, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard invoice.status.isIssued else {
                throw PortalError.conflict("Only an issued invoice can be credited.", field: "invoice_id")
            }
            try Companies.lock(invoice.companyId, tenant: principal.tenantId, on: connection)
            let credited = try Self.creditedByLine(invoice.id, tenant: principal.tenantId, on: connection)
            let lines = try Self.lines(for: input, invoice: invoice, credited: credited)
            let currency = invoice.currency
            let total = try Money.sum(lines.map(\.totalAmount), currency: currency)
            guard total.isPositive else {
                throw PortalError.conflict("Nothing remains to credit on this invoice.", field: "lines")
            }
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let issueDate = tenant.timeZone.localDate(of: now)
            let period = issueDate.yearMonth
            let value = try NumberSequence.next("credit_note", tenant: tenant.id, period: period, on: connection)
            let applied = min(total, invoice.amountDue)
            let note = CreditNote(
                id: CreditNoteID.generate(at: now), companyId: invoice.companyId, invoiceId: invoice.id,
                number: NumberFormat("CN-{yyyy}-{mm}-{n:5}").format(value, period: period, date: issueDate),
                issueDate: issueDate, reason: reason, subtotal: try Money.sum(lines.map(\.netAmount), currency: currency),
                taxTotal: try Money.sum(lines.map(\.taxAmount), currency: currency), total: total, appliedToInvoice: applied,
                creditedToBalance: try total.subtracting(applied), lines: lines, createdBy: principal.label, createdAt: now)
            try Self.insert(note, tenant: tenant.id, on: connection)
            try Ledger.insert(
                Ledger.Entry(
                    company: note.companyId, account: .invoice, kind: .creditNote, invoice: invoice.id,
                    amount: note.appliedToInvoice, creditNote: note.id),
                tenant: tenant.id, by: principal, at: now, on: connection)
            try Ledger.insert(
                Ledger.Entry(
                    company: note.companyId, account: .customerCredit, kind: .creditNote, invoice: nil,
                    amount: note.creditedToBalance, creditNote: note.id),
                tenant: tenant.id, by: principal, at: now, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "credit_note.issued", resourceType: "credit_note", resourceId: note.id.uuidString,
                    companyId: note.companyId, before: CreditNote?.none, after: note),
                by: principal, at: now, on: connection)
            try InvoiceLedger.refresh(invoice.id, tenant: tenant, by: principal, at: now, on: connection)
            return note
        }
    }

    /// One credit note; clients see their own company's.
    public func get(_ id: CreditNoteID, by principal: Principal) async throws -> CreditNote {
        try await context.database.read(principal.scope) { connection in
            guard let note = try Self.load(id, tenant: principal.tenantId, on: connection) else {
                throw PortalError.notFound("No such credit note.")
            }
            if case .hide = AccessPolicy.decide(principal, .readBilling, on: .company(note.companyId)) {
                throw PortalError.notFound("No such credit note.")
            }
            try AccessPolicy.authorize(principal, .readBilling, on: .company(note.companyId))
            return note
        }
    }

    /// The credit notes of one invoice, oldest first.
    public func list(invoice: InvoiceID, by principal: Principal) async throws -> [CreditNote] {
        try await context.database.read(principal.scope) { connection in
            _ = try InvoiceStore.loadVisible(invoice, by: principal, on: connection)
            return try connection.query(
                "SELECT id FROM credit_notes WHERE tenant_id = \(principal.tenantId) AND invoice_id = \(invoice) ORDER BY number"
            ).compactMap { try Self.load(try $0.get("id"), tenant: principal.tenantId, on: connection) }
        }
    }

    // MARK: Storage

    /// What earlier credit notes took from each invoice line: (total, tax).
    private static func creditedByLine(
        _ invoice: InvoiceID, tenant: TenantID, on connection: any SQLConnection
    ) throws -> [InvoiceLineID: (total: Int64, tax: Int64)] {
        var credited: [InvoiceLineID: (total: Int64, tax: Int64)] = [:]
        for row in try connection.query(
            """
            SELECT credit_note_lines.invoice_line_id AS line, SUM(credit_note_lines.total_amount) AS total,
                SUM(credit_note_lines.tax_amount) AS tax
            FROM credit_note_lines JOIN credit_notes ON credit_notes.id = credit_note_lines.credit_note_id
            WHERE credit_notes.tenant_id = \(tenant) AND credit_notes.invoice_id = \(invoice)
            GROUP BY credit_note_lines.invoice_line_id
            """)
        {
            credited[try row.get("line")] = (try row.get("total"), try row.get("tax"))
        }
        return credited
    }

    private static func lines(
        for input: NewCreditNote, invoice: Invoice, credited: [InvoiceLineID: (total: Int64, tax: Int64)]
    ) throws -> [CreditNoteLine] {
        let currency = invoice.currency
        func remaining(_ line: InvoiceLine) -> (total: Int64, tax: Int64) {
            let done = credited[line.id] ?? (0, 0)
            return (line.totalAmount.minorUnits - done.total, line.taxAmount.minorUnits - done.tax)
        }
        guard let requested = input.lines, !requested.isEmpty else {
            return invoice.lines.compactMap { line in
                let (total, tax) = remaining(line)
                guard total != 0 else { return nil }
                return CreditNoteLine(
                    invoiceLineId: line.id, description: line.description,
                    netAmount: Money(minorUnits: total - tax, currency: currency), taxAmount: Money(minorUnits: tax, currency: currency),
                    totalAmount: Money(minorUnits: total, currency: currency))
            }
        }
        var seen = Set<InvoiceLineID>()
        return try requested.enumerated().map { index, request in
            let field = "lines[\(index)]"
            guard let line = invoice.lines.first(where: { $0.id == request.invoiceLineId }), line.kind == .item else {
                throw PortalError.invalid("Not an item line of this invoice.", field: "\(field).invoice_line_id")
            }
            guard seen.insert(line.id).inserted else {
                throw PortalError.invalid("Each invoice line may appear once.", field: "\(field).invoice_line_id")
            }
            let (left, leftTax) = remaining(line)
            guard request.amount > 0, request.amount <= left else {
                throw PortalError.invalid(
                    "The amount must be above 0 and at most \(Money(minorUnits: max(left, 0), currency: currency).formatted()).",
                    field: "\(field).amount")
            }
            let tax: Int64
            if request.amount == left {
                tax = leftTax
            } else if line.totalAmount.isZero {
                tax = 0
            } else {
                guard let share = RoundingRule.halfUp.multiply(
                    request.amount, by: line.taxAmount.minorUnits, dividingBy: line.totalAmount.minorUnits)
                else { throw PortalError.invalid("amount out of range", field: "\(field).amount") }
                tax = share
            }
            return CreditNoteLine(
                invoiceLineId: line.id, description: line.description,
                netAmount: Money(minorUnits: request.amount - tax, currency: currency),
                taxAmount: Money(minorUnits: tax, currency: currency), totalAmount: Money(minorUnits: request.amount, currency: currency))
        }
    }

    private static func insert(_ note: CreditNote, tenant: TenantID, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO credit_notes (id, tenant_id, company_id, invoice_id, number, currency, issue_date, reason, subtotal,
                tax_total, total, applied_to_invoice, credited_to_balance, created_by, created_at)
            VALUES (\(note.id), \(tenant), \(note.companyId), \(note.invoiceId), \(note.number), \(note.total.currency),
                \(note.issueDate), \(note.reason), \(note.subtotal.minorUnits), \(note.taxTotal.minorUnits),
                \(note.total.minorUnits), \(note.appliedToInvoice.minorUnits), \(note.creditedToBalance.minorUnits),
                \(note.createdBy), \(note.createdAt))
            """)
        for (index, line) in note.lines.enumerated() {
            try connection.execute(
                """
                INSERT INTO credit_note_lines (id, tenant_id, credit_note_id, invoice_line_id, position, description,
                    net_amount, tax_amount, total_amount)
                VALUES (\(CreditNoteID.generate(at: note.createdAt)), \(tenant), \(note.id), \(line.invoiceLineId), \(index + 1),
                    \(line.description), \(line.netAmount.minorUnits), \(line.taxAmount.minorUnits), \(line.totalAmount.minorUnits))
                """)
        }
    }

    static func load(_ id: CreditNoteID, tenant: TenantID, on connection: any SQLConnection) throws -> CreditNote? {
        guard let row = try connection.queryFirst("SELECT * FROM credit_notes WHERE tenant_id = \(tenant) AND id = \(id)") else {
            return nil
        }
        let currency: Currency = try row.get("currency")
        let lines = try connection.query(
            "SELECT * FROM credit_note_lines WHERE tenant_id = \(tenant) AND credit_note_id = \(id) ORDER BY position"
        ).map { line in
            CreditNoteLine(
                invoiceLineId: try line.get("invoice_line_id"), description: try line.get("description"),
                netAmount: try line.money("net_amount", currency), taxAmount: try line.money("tax_amount", currency),
                totalAmount: try line.money("total_amount", currency))
        }
        return CreditNote(
            id: id, companyId: try row.get("company_id"), invoiceId: try row.get("invoice_id"), number: try row.get("number"),
            issueDate: try row.get("issue_date"), reason: try row.get("reason"), subtotal: try row.money("subtotal", currency),
            taxTotal: try row.money("tax_total", currency), total: try row.money("total", currency),
            appliedToInvoice: try row.money("applied_to_invoice", currency),
            creditedToBalance: try row.money("credited_to_balance", currency), lines: lines,
            createdBy: try row.get("created_by"), createdAt: try row.get("created_at"))
    }
}

/// A credit note to issue.
public struct NewCreditNote: Sendable, Hashable, Codable {
    public var invoiceId: InvoiceID
    public var reason: String?
    /// What to credit per invoice line; absent or empty credits everything that remains.
    public var lines: [CreditNoteLineInput]?

    public init(invoiceId: InvoiceID, reason: String?, lines: [CreditNoteLineInput]? = nil) {
        self.invoiceId = invoiceId
        self.reason = reason
        self.lines = lines
    }
}

/// Part of one invoice line to credit: a tax-inclusive amount in minor units.
public struct CreditNoteLineInput: Sendable, Hashable, Codable {
    public var invoiceLineId: InvoiceLineID
    public var amount: Int64

    public init(invoiceLineId: InvoiceLineID, amount: Int64) {
        self.invoiceLineId = invoiceLineId
        self.amount = amount
    }
}
