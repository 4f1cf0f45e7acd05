/// A company's customer credit: money it holds with the business (overpayments, credit-note
/// excess, proration credits), per currency, as the sum of its `customer_credit` ledger entries.
enum CustomerCredit {
    /// The balance in `currency`.
    static func balance(of company: CompanyID, currency: Currency, tenant: TenantID, on connection: any SQLConnection) throws -> Money {
        let units = try connection.queryScalar(
            """
            SELECT COALESCE(SUM(amount), 0) FROM ledger_entries
            WHERE tenant_id = \(tenant) AND company_id = \(company) AND account = 'customer_credit' AND currency = \(currency)
            """, as: Int64.self) ?? 0
        return Money(minorUnits: units, currency: currency)
    }

    /// Every non-zero balance of the company, by currency code.
    static func balances(of company: CompanyID, tenant: TenantID, on connection: any SQLConnection) throws -> [Money] {
        try connection.query(
            """
            SELECT currency, SUM(amount) AS balance FROM ledger_entries
            WHERE tenant_id = \(tenant) AND company_id = \(company) AND account = 'customer_credit'
            GROUP BY currency ORDER BY currency
            """
        ).compactMap { row in
            let money = try row.money("balance", try row.get("currency"))
            return money.isZero ? nil : money
        }
    }
}

/// Writes ledger entries.
enum Ledger {
    struct Entry {
        var company: CompanyID
        var account: LedgerEntry.Account
        var kind: LedgerEntry.Kind
        var invoice: InvoiceID?
        var amount: Money
        var payment: PaymentID? = nil
        var refund: RefundID? = nil
        var creditNote: CreditNoteID? = nil
    }

    /// Inserts `entry` (nothing for a zero amount) and returns its id.
    @discardableResult
    static func insert(
        _ entry: Entry, tenant: TenantID, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws -> LedgerEntryID {
        let id = LedgerEntryID.generate(at: now)
        guard !entry.amount.isZero else { return id }
        try connection.execute(
            """
            INSERT INTO ledger_entries (id, tenant_id, company_id, account, kind, invoice_id, currency, amount, payment_id,
                refund_id, credit_note_id, created_by, created_at)
            VALUES (\(id), \(tenant), \(entry.company), \(entry.account.rawValue),
                \(entry.kind.rawValue), \(entry.invoice), \(entry.amount.currency), \(entry.amount.minorUnits), \(entry.payment),
                \(entry.refund), \(entry.creditNote), \(principal.label), \(now))
            """)
        return id
    }

    static func entries(payment: PaymentID, tenant: TenantID, on connection: any SQLConnection) throws -> [LedgerEntry] {
        try connection.query(
            "SELECT * FROM ledger_entries WHERE tenant_id = \(tenant) AND payment_id = \(payment) ORDER BY created_at, id"
        ).map(LedgerEntry.init(row:))
    }
}

extension LedgerEntry {
    init(row: SQLRow) throws {
        self.init(
            id: try row.get("id"), companyId: try row.get("company_id"), account: try row.enumeration("account"),
            kind: try row.enumeration("kind"), invoiceId: try row.get("invoice_id"),
            amount: try row.money("amount", try row.get("currency")), paymentId: try row.get("payment_id"),
            refundId: try row.get("refund_id"), creditNoteId: try row.get("credit_note_id"),
            createdBy: try row.get("created_by"), createdAt: try row.get("created_at"))
    }
}
