/// A company's usage credits: the balance, the ledger, spending and staff adjustments.
///
/// Credits arrive as grants when invoices carrying them are paid (credit packages, plans'
/// included credits). Usage takes them away; the balance may not go below zero unless the
/// tenant's ``BillingSettings/allowNegativeCredits`` says so. Spending is serialised per company
/// (the company row is locked on PostgreSQL; SQLite has one writer), so concurrent uses never
/// overdraw.
///
/// Clients with `readBilling` on a company read its balance and entries; using credits needs
/// `manageBilling` (or staff); adjustments are staff only.
public struct Credits: Sendable {
    let context: BillingContext

    /// The largest number of credits one entry may move.
    public static let maximumCredits: Int64 = 1_000_000_000_000

    public init(context: BillingContext) {
        self.context = context
    }

    /// The company's balance.
    public func balance(of company: CompanyID, by principal: Principal) async throws -> Int64 {
        try await context.database.read(principal.scope) { connection in
            _ = try Companies.loadVisible(company, by: principal, action: .readBilling, on: connection)
            return try CreditLedger.balance(of: company, tenant: principal.tenantId, on: connection)
        }
    }

    /// The company's entries, newest first.
    public func entries(of company: CompanyID, page: PageRequest, by principal: Principal) async throws -> Page<CreditEntry> {
        let keyset = KeysetPage(sort: ListSort(.createdAt, descending: true), request: page)
        return try await context.database.read(principal.scope) { connection in
            _ = try Companies.loadVisible(company, by: principal, action: .readBilling, on: connection)
            var statement: SQLStatement =
                "SELECT * FROM credit_entries WHERE tenant_id = \(principal.tenantId) AND company_id = \(company)"
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), CreditEntry.init(row:))
        }
    }

    /// Spends `credits` (above zero) of the company's balance, once per `idempotencyKey`: a
    /// second call with the same key returns the first call's entry and spends nothing.
    ///
    /// - Throws: `conflict` with field `credits` when the balance would go below zero and the
    ///   tenant does not allow it; `conflict` with field `idempotency_key` when the key was used
    ///   for a different amount; `invalid` naming the field.
    public func use(
        _ company: CompanyID, credits: Int64, description: String, idempotencyKey: String, by principal: Principal
    ) async throws -> CreditUsage {
        try AccessPolicy.authorize(principal, .manageBilling, on: .company(company))
        let credits = try Self.amount(credits, allowNegative: false)
        let description = try InputValidation.required(description, field: "description", maximumLength: 500)
        let key = try InputValidation.required(idempotencyKey, field: "idempotency_key", maximumLength: 200)
        let storedKey = "usage:\(company.uuidString):\(key)"
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            try Companies.lock(company, tenant: principal.tenantId, on: connection)
            if let earlier = try Self.entry(key: storedKey, tenant: principal.tenantId, on: connection) {
                guard earlier.credits == -credits, earlier.companyId == company else {
                    throw PortalError.conflict("This idempotency key was used for another use of credits.", field: "idempotency_key")
                }
                let balance = try CreditLedger.balance(of: company, tenant: principal.tenantId, on: connection)
                return CreditUsage(entry: earlier, balance: balance, replayed: true)
            }
            let balance = try Self.checkedBalance(
                company, change: -credits, tenant: principal.tenantId, on: connection)
            try CreditLedger.insert(
                kind: CreditEntryKind.usage.rawValue, credits: -credits, company: company, description: description,
                invoice: nil, key: storedKey, by: principal, at: now, on: connection)
            guard let entry = try Self.entry(key: storedKey, tenant: principal.tenantId, on: connection) else {
                throw PortalError.internal(debugDetail: "credit usage entry missing after insert")
            }
            return CreditUsage(entry: entry, balance: balance, replayed: false)
        }
    }

    /// Adds (positive) or removes (negative) credits to correct a balance. Staff only; a removal
    /// may not take the balance below zero unless the tenant allows negative balances.
    public func adjust(_ company: CompanyID, credits: Int64, reason: String, by principal: Principal) async throws -> CreditEntry {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let credits = try Self.amount(credits, allowNegative: true)
        let reason = try InputValidation.required(reason, field: "reason", maximumLength: 500)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            try Companies.lock(company, tenant: principal.tenantId, on: connection)
            _ = try Self.checkedBalance(company, change: credits, tenant: principal.tenantId, on: connection)
            let key = "adjustment:\(CreditEntryID.generate(at: now).uuidString)"
            try CreditLedger.insert(
                kind: CreditEntryKind.adjustment.rawValue, credits: credits, company: company, description: reason,
                invoice: nil, key: key, by: principal, at: now, on: connection)
            guard let entry = try Self.entry(key: key, tenant: principal.tenantId, on: connection) else {
                throw PortalError.internal(debugDetail: "credit adjustment entry missing after insert")
            }
            return entry
        }
    }

    // MARK: Helpers

    private static func amount(_ credits: Int64, allowNegative: Bool) throws -> Int64 {
        let valid = allowNegative ? credits != 0 : credits > 0
        guard valid, credits.magnitude <= maximumCredits.magnitude else {
            throw PortalError.invalid(
                allowNegative ? "Credits must be non-zero and at most a trillion either way." : "Credits must be 1 to a trillion.",
                field: "credits")
        }
        return credits
    }

    /// The balance after `change`; throws `conflict` (field `credits`) when that is below zero
    /// and the tenant does not allow negative balances.
    private static func checkedBalance(
        _ company: CompanyID, change: Int64, tenant: TenantID, on connection: any SQLConnection
    ) throws -> Int64 {
        let balance = try CreditLedger.balance(of: company, tenant: tenant, on: connection)
        let (after, overflow) = balance.addingReportingOverflow(change)
        guard !overflow else { throw PortalError.invalid("The balance would be out of range.", field: "credits") }
        if after < 0, change < 0 {
            let settings = try BillingSettingsService.load(tenant, on: connection)
            guard settings.allowNegativeCredits else {
                throw PortalError.conflict("Not enough credits: the balance is \(balance).", field: "credits")
            }
        }
        return after
    }

    private static func entry(key: String, tenant: TenantID, on connection: any SQLConnection) throws -> CreditEntry? {
        try connection.queryFirst(
            "SELECT * FROM credit_entries WHERE tenant_id = \(tenant) AND idempotency_key = \(key)"
        ).map(CreditEntry.init(row:))
    }
}

extension CreditEntry {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), companyId: try row.get("company_id"), kind: try row.enumeration("kind"),
            credits: try row.get("credits"), description: try row.get("description"), invoiceId: try row.get("invoice_id"),
            createdBy: try row.get("created_by"), createdAt: try row.get("created_at"))
    }
}
