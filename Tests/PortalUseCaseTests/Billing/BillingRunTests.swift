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
