/// The usage-credit ledger: grants, usage and adjustments per company. A balance is the sum of
/// the entries; every entry has an idempotency key, so a grant or a use is recorded once however
/// often it is retried.
enum CreditLedger {
    /// Adds `credits` to the company's balance; does nothing when `key` was used before.
    static func grant(
        _ credits: Int64, to company: CompanyID, description: String, invoice: InvoiceID?, key: String,
        by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws {
        try insert(
            kind: "grant", credits: credits, company: company, description: description, invoice: invoice, key: key,
            by: principal, at: now, on: connection)
    }

    /// Inserts an entry unless its key exists; returns whether it was inserted.
    @discardableResult
    static func insert(
        kind: String, credits: Int64, company: CompanyID, description: String, invoice: InvoiceID?, key: String,
        by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> Bool {
        guard credits != 0 else { return false }
        let id = CreditEntryID.generate(at: now)
        let inserted = try connection.execute(
            """
            INSERT INTO credit_entries (id, tenant_id, company_id, kind, credits, description, invoice_id, idempotency_key,
                created_by, created_at)
            VALUES (\(id), \(principal.tenantId), \(company), \(kind), \(credits), \(description), \(invoice), \(key),
                \(principal.label), \(now))
            ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
            """)
        guard inserted > 0 else { return false }
        try AuditTrail.record(
            AuditEntry(
                action: "credits.\(kind)", resourceType: "credit_entry", resourceId: id.uuidString, companyId: company,
                changes: ["credits": AuditChange(before: nil, after: .integer(credits))]),
            by: principal, at: now, on: connection)
        return true
    }

    /// The company's balance.
    static func balance(of company: CompanyID, tenant: TenantID, on connection: any SQLConnection) throws -> Int64 {
        try connection.queryScalar(
            "SELECT COALESCE(SUM(credits), 0) FROM credit_entries WHERE tenant_id = \(tenant) AND company_id = \(company)",
            as: Int64.self) ?? 0
    }
}
