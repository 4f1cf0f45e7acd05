import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Payment reminders and reports")
struct ReminderTests {
    static let day: Duration = .seconds(24 * 3600)

    @Test(arguments: StorageBackend.allCases)
    func eachStageIsSentOnceAndOverdueMarksTheInvoice(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee", billingEmail: "accounts@karoo.test")
            let invoice = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 10_000)])
            #expect(invoice.dueDate == LocalDate(year: 2026, month: 3, day: 16))
            let reminders = fixture.billing.reminders
            // Nothing before three days ahead.
            #expect(try await reminders.sweep(on: LocalDate(year: 2026, month: 3, day: 12), by: fixture.staff).remindersSent == 0)
            for day in [13, 13, 14, 15] {
                _ = try await reminders.sweep(on: LocalDate(year: 2026, month: 3, day: day), by: fixture.staff)
            }
            #expect(try await reminders.sweep(on: LocalDate(year: 2026, month: 3, day: 16), by: fixture.staff).remindersSent == 1)
            #expect(try await reminders.sweep(on: LocalDate(year: 2026, month: 3, day: 16), by: fixture.staff).remindersSent == 0)
            fixture.clock.advance(by: Self.day * 15)
            let overdue = try await reminders.sweep(by: fixture.staff)
            #expect(overdue.remindersSent == 1)
            #expect(overdue.markedOverdue == 1)
            #expect(try await reminders.sweep(by: fixture.staff).remindersSent == 0)
            #expect(try await fixture.billing.invoices.get(invoice.id, by: fixture.staff).status == .overdue)

            let stages = try await fixture.database.read(fixture.staff.scope) { connection in
                try NotificationEvents.list(tenant: fixture.tenant.id, kind: "invoice_reminder", on: connection)
            }.map { $0.payload }
            #expect(stages.count == 3)
            #expect(try await fixture.identity.jobs(kind: OutgoingEmail.jobKind).count == 4)  // issued + 3 reminders

            // Paying the overdue invoice settles it.
            _ = try await fixture.billing.payments.record(NewPayment(companyId: company.id, amount: 10_000), by: fixture.staff)
            #expect(try await fixture.billing.invoices.get(invoice.id, by: fixture.staff).status == .paid)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func reportsKeepCurrenciesApart(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let company = try await fixture.createCompany("Karoo Coffee")
            let zar = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 10_000)], currency: .zar)
            _ = try await fixture.issueInvoice(company, [try BillingFixture.line("Work", 2_500)], currency: .usd)
            _ = try await fixture.billing.payments.record(
                NewPayment(companyId: company.id, amount: 4_000, currency: .zar, allocations: [PaymentAllocation(invoiceId: zar.id, amount: 4_000)]),
                by: fixture.staff)
            let outstanding = try await fixture.billing.reports.outstanding(by: fixture.staff)
            #expect(outstanding.map(\.outstanding) == [Money(minorUnits: 2_500, currency: .usd), Money(minorUnits: 6_000, currency: .zar)])
            #expect(outstanding.allSatisfy { $0.overdue.isZero })
            fixture.clock.advance(by: Self.day * 20)
            #expect(try await fixture.billing.reports.outstanding(by: fixture.staff).map(\.overdue.minorUnits) == [2_500, 6_000])
            let revenue = try await fixture.billing.reports.revenueByMonth(
                from: LocalDate(year: 2026, month: 1, day: 1)!, through: LocalDate(year: 2026, month: 12, day: 31)!, by: fixture.staff)
            #expect(revenue.map { [$0.month, $0.currency.code, "\($0.invoiced)", "\($0.collected)"] }
                == [["2026-03", "USD", "2500", "0"], ["2026-03", "ZAR", "10000", "4000"]])
            let balances = try await fixture.billing.reports.companyBalances(by: fixture.staff)
            #expect(balances.map(\.outstanding) == [2_500, 6_000])
            let client = try await fixture.identity.clientPrincipal("owner@karoo.test", role: .owner, of: [company.id])
            let denied = await #expect(throws: PortalError.self) { try await fixture.billing.reports.outstanding(by: client) }
            #expect(denied?.code == .forbidden)
        }
    }
}
