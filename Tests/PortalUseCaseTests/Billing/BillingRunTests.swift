import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Billing runs")
struct BillingRunTests {
    @Test(arguments: StorageBackend.allCases)
    func aRunBillsEachDuePeriodOnceAndQueuesTheEmails(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee", billingEmail: "accounts@karoo.test")
            let plan = try await fixture.billing.plans.create(
                NewPlan(code: "care", name: "Care", price: 49_900, interval: .monthly, includedCredits: 10), by: fixture.staff)
            let subscription = try await fixture.billing.subscriptions.create(
                NewSubscription(companyId: company.id, planId: plan.id, startDate: LocalDate(year: 2026, month: 4, day: 1)),
                by: fixture.staff)
            #expect(subscription.anchorDate == LocalDate(year: 2026, month: 4, day: 1))
            let runs = fixture.billing.runs
            // 2026-03-20 plus 7 lead days does not reach 1 April.
            let early = try await runs.run(through: LocalDate(year: 2026, month: 3, day: 20), by: fixture.staff)
            #expect(early.invoicesCreated == 0)
            let dry = try await runs.run(through: LocalDate(year: 2026, month: 3, day: 25), dryRun: true, by: fixture.staff)
            #expect(dry.invoicesCreated == 1)
            #expect(try await fixture.identity.count("invoices") == 0)
            #expect(try await fixture.identity.count("billing_runs") == 1)  // only the early run; dry runs record nothing

            let first = try await runs.run(through: LocalDate(year: 2026, month: 3, day: 25), by: fixture.staff)
            #expect(first.invoicesCreated == 1)
            #expect(first.invoiceNumbers == ["INV-2026-03-00001"])
            #expect(first.totals == [Money(minorUnits: 49_900, currency: fixture.tenant.defaultCurrency)])
            let again = try await runs.run(through: LocalDate(year: 2026, month: 3, day: 25), by: fixture.staff)
            #expect(again.invoicesCreated == 0)
            #expect(again.failed.isEmpty)
            let later = try await runs.run(through: LocalDate(year: 2026, month: 4, day: 28), by: fixture.staff)
            #expect(later.invoiceNumbers == ["INV-2026-04-00001"])

            let invoices = try await fixture.billing.invoices.list(
                InvoiceListOptions(companyId: company.id, kind: .subscription), page: .first, by: fixture.staff)
            #expect(invoices.items.compactMap(\.periodStart).sorted() == [LocalDate(year: 2026, month: 4, day: 1), LocalDate(year: 2026, month: 5, day: 1)])
            #expect(invoices.items.allSatisfy { $0.creditsOnPayment == 10 })
            #expect(try await fixture.identity.jobs(kind: OutgoingEmail.jobKind).count == 2)
            #expect(try await fixture.identity.count("billing_run_entries") == 2)
            #expect(try await fixture.identity.count("billing_runs") == 4)

            let client = try await fixture.identity.clientPrincipal("owner@karoo.test", role: .owner, of: [company.id])
            let denied = await #expect(throws: PortalError.self) { try await runs.run(by: client) }
            #expect(denied?.code == .forbidden)
        }
    }

    /// Periods are billed many to a transaction; a period that cannot be billed is rolled back
    /// alone (its savepoint), reported, and billed by a later run once it can be.
    @Test(arguments: StorageBackend.allCases)
    func aPeriodThatCannotBeBilledFailsAloneInItsBatch(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let start = LocalDate(year: 2026, month: 4, day: 1)!
            // The rate starts after the run date, so the taxed plan's period cannot be invoiced yet.
            try await fixture.addTaxRate("LATE", validFrom: LocalDate(year: 2026, month: 6, day: 1))
            let plain = try await fixture.billing.plans.create(
                NewPlan(code: "plain", name: "Plain", price: 10_000, interval: .monthly), by: fixture.staff)
            let taxed = try await fixture.billing.plans.create(
                NewPlan(code: "taxed", name: "Taxed", price: 20_000, interval: .monthly, taxCode: "LATE"), by: fixture.staff)
            var companies: [Company] = []
            for (index, plan) in [plain, taxed, plain].enumerated() {
                let company = try await fixture.createCompany("Company \(index)")
                companies.append(company)
                _ = try await fixture.billing.subscriptions.create(
                    NewSubscription(companyId: company.id, planId: plan.id, startDate: start), by: fixture.staff)
            }
            let runs = fixture.billing.runs
            let first = try await runs.run(through: start, batchSize: 50, by: fixture.staff)
            #expect(first.invoicesCreated == 2)
            #expect(first.invoiceNumbers == ["INV-2026-04-00001", "INV-2026-04-00002"])
            #expect(first.failed.count == 1)
            #expect(first.failed.first?.reason.contains("LATE") == true)
            // Nothing of the failed period stays: no invoice, no ledger entry, and it is due again.
            let taxedInvoices = try await fixture.billing.invoices.list(
                InvoiceListOptions(companyId: companies[1].id), page: .first, by: fixture.staff)
            #expect(taxedInvoices.items.isEmpty)
            #expect(try await fixture.identity.count("billing_run_entries") == 2)
            let again = try await runs.run(through: start, dryRun: true, by: fixture.staff)
            #expect(again.invoicesCreated == 1)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func theDailyJobFansOutOneBillingJobPerTenant(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let plan = try await fixture.billing.plans.create(
                NewPlan(code: "care", name: "Care", price: 10_000, interval: .monthly), by: fixture.staff)
            _ = try await fixture.billing.subscriptions.create(
                NewSubscription(companyId: company.id, planId: plan.id, startDate: fixture.today), by: fixture.staff)
            _ = try await fixture.identity.createTenant(slug: "other")

            try await BillingDailyJob.schedule(jobs: fixture.identity.jobs, at: fixture.clock.now())
            try await BillingDailyJob.schedule(jobs: fixture.identity.jobs, at: fixture.clock.now())  // once a day
            let daily = try await fixture.identity.jobs.claim(
                kinds: [BillingDailyJob.jobKind], workerID: "test", limit: 10, lease: .seconds(60))
            #expect(daily.count == 1)
            try await BillingDailyJob(context: fixture.context).run(daily[0], context: JobContext(workerID: "test"))
            try await BillingDailyJob(context: fixture.context).run(daily[0], context: JobContext(workerID: "test"))
            let perTenant = try await fixture.identity.jobs.claim(
                kinds: [TenantBillingJob.jobKind], workerID: "test", limit: 10, lease: .seconds(60))
            #expect(Set(perTenant.compactMap(\.tenantID)).count == 2)
            #expect(perTenant.count == 2)
            for job in perTenant + perTenant {
                try await TenantBillingJob(context: fixture.context).run(job, context: JobContext(workerID: "test"))
            }
            let invoices = try await fixture.billing.invoices.list(InvoiceListOptions(), page: .first, by: fixture.staff)
            #expect(invoices.items.count == 1)
            // Tomorrow's daily job is queued.
            #expect(try await fixture.identity.jobs(kind: BillingDailyJob.jobKind).count == 2)
        }
    }
}
