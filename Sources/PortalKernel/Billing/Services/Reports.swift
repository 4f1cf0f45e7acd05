/// Billing reports for staff: recurring revenue, what is outstanding and overdue, revenue by
/// month and balances per company. Amounts are always per currency; currencies are never added.
public struct Reports: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Monthly recurring revenue: each active subscription's price spread over its interval's
    /// months (rounded half-up per subscription), summed per currency.
    public func monthlyRecurringRevenue(by principal: Principal) async throws -> [Money] {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        return try await context.database.read(principal.scope) { connection in
            var totals: [Money] = []
            for row in try connection.query(
                """
                SELECT plans.currency, plans.price, plans.interval_months FROM subscriptions
                JOIN plans ON plans.id = subscriptions.plan_id
                WHERE subscriptions.tenant_id = \(principal.tenantId) AND subscriptions.status = 'active'
                """)
            {
                let currency: Currency = try row.get("currency")
                let months: Int64 = try row.get("interval_months")
                guard let monthly = RoundingRule.halfUp.multiply(try row.get("price"), by: 1, dividingBy: months) else { continue }
                try totals.accumulate(Money(minorUnits: monthly, currency: currency))
            }
            return totals
        }
    }

    /// Amounts still due on issued invoices, and the overdue part (past the due date), per currency.
    public func outstanding(by principal: Principal) async throws -> [OutstandingAmount] {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let today = tenant.timeZone.localDate(of: now)
            return try connection.query(
                """
                SELECT currency, SUM(amount_due) AS outstanding,
                    SUM(CASE WHEN due_date < \(today) THEN amount_due ELSE 0 END) AS overdue, COUNT(*) AS invoices
                FROM invoices
                WHERE tenant_id = \(tenant.id) AND status IN ('open', 'partially_paid', 'overdue', 'uncollectible')
                    AND amount_due > 0
                GROUP BY currency ORDER BY currency
                """
            ).map { row in
                let currency: Currency = try row.get("currency")
                return OutstandingAmount(
                    outstanding: try row.money("outstanding", currency), overdue: try row.money("overdue", currency),
                    invoices: try row.get("invoices"))
            }
        }
    }

    /// Invoiced, credited and collected amounts per month of `from`…`through` (by issue date, credit
    /// note date and payment date), per currency.
    public func revenueByMonth(from: LocalDate, through: LocalDate, by principal: Principal) async throws -> [MonthlyRevenue] {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        guard from <= through else { throw PortalError.invalid("The range ends before it starts.", field: "through") }
        return try await context.database.read(principal.scope) { connection in
            var months: [String: MonthlyRevenue] = [:]
            func add(_ month: LocalDate, _ amount: Money, _ keyPath: WritableKeyPath<MonthlyRevenue, Int64>) {
                let label = month.yearMonth
                let key = "\(label) \(amount.currency.code)"
                var entry = months[key] ?? MonthlyRevenue(month: label, currency: amount.currency, invoiced: 0, credited: 0, collected: 0)
                entry[keyPath: keyPath] += amount.minorUnits
                months[key] = entry
            }
            for row in try connection.query(
                """
                SELECT issue_date AS day, currency, total AS amount FROM invoices
                WHERE tenant_id = \(principal.tenantId) AND status NOT IN ('draft', 'void')
                    AND issue_date >= \(from) AND issue_date <= \(through)
                """)
            {
                add(try row.get("day"), try row.money("amount", try row.get("currency")), \.invoiced)
            }
            for row in try connection.query(
                """
                SELECT issue_date AS day, currency, total AS amount FROM credit_notes
                WHERE tenant_id = \(principal.tenantId) AND issue_date >= \(from) AND issue_date <= \(through)
                """)
            {
                add(try row.get("day"), try row.money("amount", try row.get("currency")), \.credited)
            }
            for row in try connection.query(
                """
                SELECT received_on AS day, currency, amount - refunded_amount AS amount FROM payments
                WHERE tenant_id = \(principal.tenantId) AND status IN ('succeeded', 'partially_refunded')
                    AND received_on >= \(from) AND received_on <= \(through)
                """)
            {
                add(try row.get("day"), try row.money("amount", try row.get("currency")), \.collected)
            }
            return months.values.sorted { ($0.month, $0.currency.code) < ($1.month, $1.currency.code) }
        }
    }

    /// Per company and currency: what is outstanding, what is overdue, and customer credit held.
    public func companyBalances(by principal: Principal) async throws -> [CompanyBalance] {
        try AccessPolicy.authorize(principal, .administerBilling, on: .tenant)
        let now = context.now
        return try await context.database.read(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            let today = tenant.timeZone.localDate(of: now)
            var balances: [String: CompanyBalance] = [:]
            for row in try connection.query(
                """
                SELECT invoices.company_id, companies.name, invoices.currency, SUM(invoices.amount_due) AS outstanding,
                    SUM(CASE WHEN invoices.due_date < \(today) THEN invoices.amount_due ELSE 0 END) AS overdue
                FROM invoices JOIN companies ON companies.id = invoices.company_id
                WHERE invoices.tenant_id = \(tenant.id) AND invoices.status IN ('open', 'partially_paid', 'overdue', 'uncollectible')
                GROUP BY invoices.company_id, companies.name, invoices.currency
                """)
            {
                let currency: Currency = try row.get("currency")
                let company: CompanyID = try row.get("company_id")
                balances["\(company) \(currency.code)"] = CompanyBalance(
                    companyId: company, companyName: try row.get("name"), currency: currency,
                    outstanding: try row.get("outstanding"), overdue: try row.get("overdue"), customerCredit: 0)
            }
            for row in try connection.query(
                """
                SELECT ledger_entries.company_id, companies.name, ledger_entries.currency, SUM(ledger_entries.amount) AS credit
                FROM ledger_entries JOIN companies ON companies.id = ledger_entries.company_id
                WHERE ledger_entries.tenant_id = \(tenant.id) AND ledger_entries.account = 'customer_credit'
                GROUP BY ledger_entries.company_id, companies.name, ledger_entries.currency
                """)
            {
                let currency: Currency = try row.get("currency")
                let company: CompanyID = try row.get("company_id")
                let key = "\(company) \(currency.code)"
                let name: String = try row.get("name")
                var entry = balances[key] ?? CompanyBalance(
                    companyId: company, companyName: name, currency: currency, outstanding: 0, overdue: 0, customerCredit: 0)
                entry.customerCredit = try row.get("credit")
                balances[key] = entry
            }
            return balances.values.filter { $0.outstanding != 0 || $0.customerCredit != 0 }
                .sorted { ($0.companyName, $0.currency.code) < ($1.companyName, $1.currency.code) }
        }
    }
}

/// Outstanding and overdue amounts in one currency.
public struct OutstandingAmount: Sendable, Hashable, Codable {
    public var outstanding: Money
    public var overdue: Money
    public var invoices: Int64
}

/// One month's revenue in one currency, in minor units.
public struct MonthlyRevenue: Sendable, Hashable, Codable {
    /// `YYYY-MM`.
    public var month: String
    public var currency: Currency
    public var invoiced: Int64
    public var credited: Int64
    public var collected: Int64
}

/// One company's position in one currency, in minor units.
public struct CompanyBalance: Sendable, Hashable, Codable {
    public var companyId: CompanyID
    public var companyName: String
    public var currency: Currency
    public var outstanding: Int64
    public var overdue: Int64
    public var customerCredit: Int64
}
