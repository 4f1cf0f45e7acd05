import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// Plans, subscriptions, billing runs and payments for the subscription and credit tests, on top
/// of a ``BillingFixture``: `let bench = SubscriptionBench(fixture)`.
struct SubscriptionBench: Sendable {
    let fixture: BillingFixture

    init(_ fixture: BillingFixture) {
        self.fixture = fixture
    }

    var billing: BillingServices { fixture.billing }
    var staff: Principal { fixture.staff }
    var scope: TransactionOptions { .tenant(fixture.tenant.id) }

    /// A date written `YYYY-MM-DD`.
    static func day(_ text: String) -> LocalDate {
        guard let date = LocalDate(iso8601: text) else { preconditionFailure("not a date: \(text)") }
        return date
    }

    /// Moves the clock to 09:00 UTC on `date` (the fixture tenant's zone is UTC).
    func setToday(_ date: String) {
        fixture.clock.set(Instant(iso8601: "\(date)T09:00:00Z")!)
    }

    /// A monthly (unless said otherwise) plan priced `price` minor units.
    func plan(
        _ code: String, name: String? = nil, price: Int64, interval: BillingInterval = .monthly, credits: Int64 = 0
    ) async throws -> Plan {
        try await billing.plans.create(
            NewPlan(code: code, name: name ?? code.capitalized, price: price, interval: interval, includedCredits: credits),
            by: staff)
    }

    func subscribe(_ company: Company, to plan: Plan, start: String? = nil, billingDay: Int? = nil) async throws -> Subscription {
        try await billing.subscriptions.create(
            NewSubscription(companyId: company.id, planId: plan.id, startDate: start.map(Self.day), billingDay: billingDay),
            by: staff)
    }

    /// Sets the tenant's allowed billing days.
    func setBillingDays(_ days: [Int]) async throws {
        var update = TenantUpdate()
        update.billingDays = days
        _ = try await Tenants(context: fixture.identity.context).update(update, by: staff)
    }

    func setSettings(_ settings: BillingSettings) async throws {
        _ = try await billing.settings.update(settings, by: staff)
    }

    /// The due subscription periods through `date`.
    func due(through date: String) async throws -> [DueBillingPeriod] {
        let tenant = fixture.tenant
        return try await fixture.database.read(scope) { connection in
            try SubscriptionSchedule.due(tenant: tenant, through: Self.day(date), on: connection)
        }
    }

    /// Bills one due period in its own transaction, as a billing run would.
    func bill(_ due: DueBillingPeriod, runDate: String? = nil) async throws -> Invoice? {
        let context = fixture.context
        let principal = Principal.system(tenant: fixture.tenant.id, "billing-run")
        let now = fixture.clock.now()
        let run = runDate.map(Self.day) ?? due.periodStart
        return try await fixture.database.write(scope) { connection in
            try SubscriptionSchedule.bill(due, runDate: run, context: context, by: principal, at: now, on: connection)
        }
    }

    /// Bills every period due through `date`, in order; returns the invoices made.
    @discardableResult
    func runBilling(through date: String) async throws -> [Invoice] {
        var invoices: [Invoice] = []
        for period in try await due(through: date) {
            if let invoice = try await bill(period) { invoices.append(invoice) }
        }
        return invoices
    }

    /// The subscription's invoices by the start of the period they bill.
    func invoices(of subscription: Subscription) async throws -> [Invoice] {
        try await fixture.identity.query(
            "SELECT * FROM invoices WHERE subscription_id = \(subscription.id) ORDER BY period_start, created_at, id"
        ).map(Invoice.init(row:))
    }

    /// Pays `invoice` in full through the ledger, as the payments code would, then refreshes it.
    @discardableResult
    func pay(_ invoice: Invoice) async throws -> Invoice {
        let tenant = fixture.tenant
        let now = fixture.clock.now()
        let principal = staff
        try await fixture.identity.execute(
            """
            INSERT INTO ledger_entries (id, tenant_id, company_id, account, kind, invoice_id, currency, amount, created_by, created_at)
            VALUES (\(LedgerEntryID.generate(at: now)), \(tenant.id), \(invoice.companyId), 'invoice', 'payment', \(invoice.id),
                \(invoice.currency), \(invoice.amountDue.minorUnits), 'test', \(now))
            """)
        return try await refresh(invoice, by: principal)
    }

    /// Recomputes `invoice` from the ledger.
    @discardableResult
    func refresh(_ invoice: Invoice, by principal: Principal) async throws -> Invoice {
        let tenant = fixture.tenant
        let now = fixture.clock.now()
        return try await fixture.database.write(scope) { connection in
            try InvoiceLedger.refresh(invoice.id, tenant: tenant, by: principal, at: now, on: connection)
        }
    }

    /// The company's customer-credit ledger entries: kind, amount and invoice.
    func customerCreditEntries(_ company: Company) async throws -> [(kind: String, amount: Int64, invoice: InvoiceID?)] {
        try await fixture.identity.query(
            """
            SELECT kind, amount, invoice_id FROM ledger_entries
            WHERE company_id = \(company.id) AND account = 'customer_credit' ORDER BY created_at, id
            """
        ).map { (try $0.get("kind"), try $0.get("amount"), try $0.get("invoice_id", as: InvoiceID?.self)) }
    }

    /// Expects `body` to throw a `PortalError` with `code` (and `field`, when given).
    static func expectError<T>(
        _ code: PortalError.Code, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> T
    ) async {
        do {
            _ = try await body()
            Issue.record("expected \(code) error", sourceLocation: sourceLocation)
        } catch let error as PortalError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            if let field { #expect(error.field == field, "\(error)", sourceLocation: sourceLocation) }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }
}
