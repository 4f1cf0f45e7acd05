/// Invoices: drafts written by staff, generated ones (subscriptions, contracts, credit
/// purchases), finalization with a gap-free number, voiding and write-offs.
///
/// Staff create and change invoices; a company's users with billing rights read their own
/// company's issued invoices (never drafts).
public struct Invoices: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates a draft. Staff only.
    public func create(_ input: NewInvoice, by principal: Principal) async throws -> Invoice {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let currency = input.currency ?? tenant.defaultCurrency
            let kind = input.kind ?? .standard
            guard kind == .standard || kind == .deposit else {
                throw PortalError.invalid("Only standard and deposit invoices are written by hand.", field: "kind")
            }
            let items = try input.lines.enumerated().map { try $1.item(currency: currency, field: "lines[\($0)]") }
            let draft = try Self.draft(
                DraftHeader(
                    companyId: input.companyId, kind: kind, currency: currency, issueDate: input.issueDate,
                    dueDate: input.dueDate, paymentTermsDays: input.paymentTermsDays, memo: input.memo,
                    applyCompanyDiscount: input.applyCompanyDiscount ?? true),
                items: items, deposits: input.deductDeposits ?? [], tenant: tenant, by: principal, at: now, on: connection)
            return draft
        }
    }

    /// Creates a draft deposit invoice: one line worth `amount`, or `percent` of `ofAmount`.
    public func createDeposit(_ input: NewDepositInvoice, by principal: Principal) async throws -> Invoice {
        let amount: Int64
        switch (input.amount, input.percent, input.ofAmount) {
        case (let fixed?, nil, nil):
            amount = fixed
        case (nil, let percent?, let base?):
            guard percent > .zero, percent <= .hundred else {
                throw PortalError.invalid("A deposit percent is above 0 and at most 100.", field: "percent")
            }
            guard let share = RoundingRule.halfUp.multiply(base, by: percent.partsPerMillion, dividingBy: Percentage.hundred.partsPerMillion)
            else { throw PortalError.invalid("amount out of range", field: "of_amount") }
            amount = share
        default:
            throw PortalError.invalid("Give either amount, or percent with of_amount.", field: "amount")
        }
        guard amount > 0 else { throw PortalError.invalid("A deposit must be positive.", field: "amount") }
        let line = InvoiceLineInput(
            description: input.description ?? (input.percent.map { "Deposit (\($0))" } ?? "Deposit"), unitAmount: amount,
            taxCode: input.taxCode)
        return try await create(
            NewInvoice(
                companyId: input.companyId, currency: input.currency, kind: .deposit, issueDate: input.issueDate,
                memo: input.memo, applyCompanyDiscount: false, lines: [line]),
            by: principal)
    }

    /// One invoice. Clients see their own company's issued invoices.
    public func get(_ id: InvoiceID, by principal: Principal) async throws -> Invoice {
        try await context.database.read(principal.scope) { connection in
            try InvoiceStore.loadVisible(id, by: principal, on: connection)
        }
    }

    /// Invoices the principal may read, newest first by default, without their lines.
    public func list(_ options: InvoiceListOptions, page: PageRequest, by principal: Principal) async throws -> Page<Invoice> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable = AccessPolicy.companies(principal, allowing: .readBilling)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        return try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM invoices WHERE tenant_id = \(principal.tenantId)"
            if let reachable { statement.append(" AND company_id IN (\(list: Array(reachable))) AND status <> 'draft'") }
            if let company = options.companyId { statement.append(" AND company_id = \(company)") }
            if let status = options.status { statement.append(" AND status = \(status.rawValue)") }
            if let kind = options.kind { statement.append(" AND kind = \(kind.rawValue)") }
            if let since = options.updatedSince { statement.append(" AND updated_at >= \(since)") }
            if let search = options.search { statement.append(" AND \(SQLSearch.contains("number", search))") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), Invoice.init(row:))
        }
    }

    /// Changes a draft. Staff only; issued invoices are immutable (use a credit note).
    public func update(_ id: InvoiceID, _ input: InvoiceUpdate, by principal: Principal) async throws -> Invoice {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try InvoiceStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            try Self.requireDraft(before)
            var after = before
            if let date = input.issueDate { after.issueDate = date }
            if let date = input.dueDate { after.dueDate = date }
            if let days = input.paymentTermsDays { after.paymentTermsDays = try Self.paymentTerms(days) }
            if let memo = input.memo { after.memo = try InputValidation.optional(memo, field: "memo", maximumLength: 2_000) }
            if let apply = input.applyCompanyDiscount { after.applyCompanyDiscount = apply }
            let items = try input.lines.map { lines in
                try lines.enumerated().map { try $1.item(currency: before.currency, field: "lines[\($0)]") }
            } ?? before.lines.filter { $0.kind == .item }.map(InvoiceComposer.Item.init)
            let deposits = input.deductDeposits ?? Self.depositIds(of: before)
            after = try Self.compose(after, items: items, deposits: deposits, by: principal, at: now, on: connection)
            try AuditTrail.record(
                try AuditEntry(
                    action: "invoice.updated", resourceType: "invoice", resourceId: id.uuidString, companyId: after.companyId,
                    before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Adds one item line to a draft.
    public func addLine(_ id: InvoiceID, _ line: InvoiceLineInput, by principal: Principal) async throws -> Invoice {
        let current = try await get(id, by: principal)
        let items = current.lines.filter { $0.kind == .item }.map {
            InvoiceLineInput(
                description: $0.description, quantity: $0.quantity, unitAmount: $0.unitAmount.minorUnits,
                discountPercent: $0.discountPercent, taxCode: $0.tax?.code, periodStart: $0.periodStart, periodEnd: $0.periodEnd)
        }
        return try await update(id, InvoiceUpdate(lines: items + [line]), by: principal)
    }

    /// Deletes a draft. Staff only.
    public func deleteDraft(_ id: InvoiceID, by principal: Principal) async throws {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        try await context.database.write(principal.scope) { connection in
            let invoice = try InvoiceStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            try Self.requireDraft(invoice)
            try connection.execute("DELETE FROM invoice_lines WHERE tenant_id = \(principal.tenantId) AND invoice_id = \(id)")
            try connection.execute("DELETE FROM invoices WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
            try AuditTrail.record(
                try AuditEntry(
                    action: "invoice.deleted", resourceType: "invoice", resourceId: id.uuidString, companyId: invoice.companyId,
                    before: invoice, after: Invoice?.none),
                by: principal, at: now, on: connection)
        }
    }

    // MARK: Shared with the other billing use cases

    /// The header of a draft being created.
    struct DraftHeader {
        var companyId: CompanyID
        var kind: InvoiceKind
        var currency: Currency
        var issueDate: LocalDate?
        var dueDate: LocalDate?
        var paymentTermsDays: Int?
        var memo: String?
        var applyCompanyDiscount: Bool
        var periodStart: LocalDate?
        var periodEnd: LocalDate?
        var creditsOnPayment: Int64 = 0
        var subscriptionId: SubscriptionID?
        var contractId: ContractID?
        var sourceKey: String?
    }

    /// Inserts a draft with its computed lines and records `invoice.created`, in the caller's
    /// transaction (shared by hand-written and generated invoices).
    static func draft(
        _ header: DraftHeader, items: [InvoiceComposer.Item], deposits: [InvoiceID], tenant: Tenant,
        by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice {
        let company = try Companies.loadVisible(header.companyId, by: principal, action: .readCompany, on: connection)
        var invoice = Invoice(
            id: InvoiceID.generate(at: now), tenantId: tenant.id, companyId: header.companyId, number: nil,
            kind: header.kind, status: .draft, currency: header.currency, issueDate: header.issueDate,
            dueDate: header.dueDate, paymentTermsDays: try header.paymentTermsDays.map(paymentTerms),
            periodStart: header.periodStart, periodEnd: header.periodEnd, applyCompanyDiscount: header.applyCompanyDiscount,
            subtotal: .zero(header.currency), taxTotal: .zero(header.currency), total: .zero(header.currency),
            amountPaid: .zero(header.currency), amountCredited: .zero(header.currency), amountDue: .zero(header.currency),
            creditsOnPayment: header.creditsOnPayment, subscriptionId: header.subscriptionId, contractId: header.contractId,
            memo: try InputValidation.optional(header.memo, field: "memo", maximumLength: 2_000), finalizedAt: nil,
            paidAt: nil, voidedAt: nil, statusReason: nil, lines: [], createdAt: now, updatedAt: now)
        invoice = try composition(
            invoice, items: items, deposits: deposits, tenant: tenant, company: company, by: principal, at: now, on: connection)
        try InvoiceStore.insert(invoice, sourceKey: header.sourceKey, on: connection)
        try InvoiceStore.insertLines(invoice.lines, of: invoice, at: now, on: connection)
        try AuditTrail.record(
            try AuditEntry(
                action: "invoice.created", resourceType: "invoice", resourceId: invoice.id.uuidString,
                companyId: invoice.companyId, before: Invoice?.none, after: invoice),
            by: principal, at: now, on: connection)
        return invoice
    }

    /// Recomputes a draft's lines and totals from `items` and `deposits` and stores them.
    static func compose(
        _ invoice: Invoice, items: [InvoiceComposer.Item], deposits: [InvoiceID], by principal: Principal,
        at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice {
        let composed = try composition(invoice, items: items, deposits: deposits, by: principal, at: now, on: connection)
        try InvoiceStore.replaceLines(composed.lines, of: composed, at: now, on: connection)
        try InvoiceStore.update(composed, on: connection)
        return composed
    }

    /// `invoice` with its lines and totals computed from `items` and `deposits`, not stored.
    /// The tenant and the company are read unless the caller has them already.
    static func composition(
        _ invoice: Invoice, items: [InvoiceComposer.Item], deposits: [InvoiceID], tenant: Tenant? = nil,
        company: Company? = nil, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> Invoice {
        guard items.count <= 500 else { throw PortalError.invalid("An invoice has at most 500 lines.", field: "lines") }
        let tenant = try tenant ?? Tenants.load(invoice.tenantId, on: connection)
        let company = try company ?? Companies.loadVisible(invoice.companyId, by: principal, action: .readCompany, on: connection)
        let depositInvoices = try deposits.map { try depositToDeduct($0, for: invoice, on: connection) }
        let composer = InvoiceComposer(
            tenant: invoice.tenantId, currency: invoice.currency,
            taxDate: invoice.issueDate ?? tenant.timeZone.localDate(of: now),
            companyDiscount: invoice.applyCompanyDiscount ? company.discount : .zero)
        var composed = invoice
        composed.lines = try composer.lines(items: items, deposits: depositInvoices, at: now, on: connection)
        let totals = try InvoiceCalculator.totals(
            composed.lines.map {
                InvoiceCalculator.LineAmounts(
                    gross: $0.grossAmount, discount: $0.discountAmount, net: $0.netAmount, tax: $0.taxAmount, total: $0.totalAmount)
            }, currency: invoice.currency)
        composed.subtotal = totals.subtotal
        composed.taxTotal = totals.taxTotal
        composed.total = totals.total
        composed.amountDue = totals.total
        composed.updatedAt = now
        return composed
    }

    /// A deposit invoice that `invoice` may deduct: same company and currency, issued, not void,
    /// and not deducted on any other invoice that is not void.
    private static func depositToDeduct(_ id: InvoiceID, for invoice: Invoice, on connection: any SQLConnection) throws -> Invoice {
        let deposit: Invoice
        do {
            deposit = try InvoiceStore.load(id, tenant: invoice.tenantId, on: connection)
        } catch let error as PortalError where error.code == .notFound {
            throw PortalError.invalid("No such deposit invoice.", field: "deduct_deposits")
        }
        guard deposit.kind == .deposit, deposit.companyId == invoice.companyId, deposit.currency == invoice.currency,
            deposit.status.isIssued
        else {
            throw PortalError.invalid(
                "Only an issued deposit invoice of the same company and currency can be deducted.", field: "deduct_deposits")
        }
        let elsewhere = try connection.queryFirst(
            """
            SELECT invoices.id FROM invoice_lines JOIN invoices ON invoices.id = invoice_lines.invoice_id
            WHERE invoice_lines.tenant_id = \(invoice.tenantId) AND invoice_lines.deposit_invoice_id = \(id)
                AND invoices.id <> \(invoice.id) AND invoices.status <> 'void'
            """)
        guard elsewhere == nil else {
            throw PortalError.conflict("Deposit \(deposit.number ?? "") is already deducted on another invoice.", field: "deduct_deposits")
        }
        return deposit
    }

    static func depositIds(of invoice: Invoice) -> [InvoiceID] {
        var seen: [InvoiceID] = []
        for line in invoice.lines { if let id = line.depositInvoiceId, !seen.contains(id) { seen.append(id) } }
        return seen
    }

    static func requireDraft(_ invoice: Invoice) throws {
        guard invoice.status == .draft else {
            throw PortalError.conflict(
                "Invoice \(invoice.number ?? "") is \(invoice.status.rawValue); only drafts can change. Issue a credit note instead.",
                field: "status")
        }
    }

    static func paymentTerms(_ days: Int) throws -> Int {
        guard (0...365).contains(days) else {
            throw PortalError.invalid("Payment terms are 0 to 365 days.", field: "payment_terms_days")
        }
        return days
    }
}
