import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// Plan changes, cancellations, pausing and reactivation.
@Suite struct SubscriptionChangeTests {
    private typealias Bench = SubscriptionBench

    /// A company on Basic (30.00 a month) from 1 April 2026, with April invoiced, and Pro
    /// (60.00 a month); the clock on 16 April, so 15 of April's 30 days are left.
    private func aprilSubscription(_ bench: Bench) async throws -> (Company, Subscription, basic: Plan, pro: Plan) {
        let company = try await bench.fixture.createCompany("Karoo Coffee")
        let basic = try await bench.plan("basic", price: 3_000)
        let pro = try await bench.plan("pro", price: 6_000)
        let subscription = try await bench.subscribe(company, to: basic, start: "2026-04-01")
        let april = try #require(try await bench.due(through: "2026-04-08").first)
        _ = try #require(try await bench.bill(april, runDate: "2026-03-25"))
        bench.setToday("2026-04-16")
        return (company, subscription, basic, pro)
    }

    private static let april = ServicePeriod(start: Bench.day("2026-04-01"), end: Bench.day("2026-05-01"))

    @Test(arguments: StorageBackend.allCases)
    func upgradeBillsTheProratedDifferenceAndDowngradeWaitsForRenewal(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let (_, subscription, basic, pro) = try await aprilSubscription(bench)
            let subscriptions = fixture.billing.subscriptions

            let upgrade = try await subscriptions.changePlan(subscription.id, to: pro.id, by: fixture.staff)
            let expected = try Proration.planChange(
                from: basic.price, to: pro.price, period: Self.april, effective: Bench.day("2026-04-16"))
            #expect(expected.unusedCredit.minorUnits == 1_500 && expected.newCharge.minorUnits == 3_000)
            let invoice = try #require(upgrade.invoice)
            #expect(invoice.lines.map(\.description) == ["Unused time on Basic", "Remaining time on Pro"])
            #expect(invoice.lines.map(\.unitAmount.minorUnits) == [-1_500, 3_000])
            #expect(invoice.total.minorUnits == expected.net.minorUnits && invoice.total.minorUnits == 1_500)
            #expect(invoice.status == .open && invoice.number != nil && invoice.subscriptionId == subscription.id)
            #expect(invoice.periodStart == Bench.day("2026-04-16") && invoice.periodEnd == Bench.day("2026-05-01"))
            #expect(upgrade.customerCredit == nil)
            #expect(upgrade.subscription.plan.id == pro.id && upgrade.subscription.pendingPlan == nil)

            // Back to Basic: a downgrade, at the next renewal by default.
            let downgrade = try await subscriptions.changePlan(subscription.id, to: basic.id, by: fixture.staff)
            #expect(downgrade.invoice == nil && downgrade.customerCredit == nil)
            #expect(downgrade.subscription.plan.id == pro.id && downgrade.subscription.pendingPlan?.id == basic.id)
            let may = try await bench.runBilling(through: "2026-05-01")
            #expect(may.count == 1)
            #expect(may.first?.lines.map(\.description) == ["Basic (2026-05-01 – 2026-05-31)"])
            #expect(may.first?.total.minorUnits == 3_000)
            let after = try await subscriptions.get(subscription.id, by: fixture.staff)
            #expect(after.plan.id == basic.id && after.pendingPlan == nil)
            try await fixture.identity.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func immediateDowngradeCreditsTheDifference(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            try await bench.setSettings(BillingSettings(downgradeTiming: .immediately))
            let company = try await fixture.createCompany("Karoo Coffee")
            let basic = try await bench.plan("basic", price: 3_000)
            let pro = try await bench.plan("pro", price: 6_000)
            let other = try await bench.plan("yearly", price: 30_000, interval: .yearly)
            let subscription = try await bench.subscribe(company, to: pro, start: "2026-04-01")
            try await bench.runBilling(through: "2026-04-01")
            bench.setToday("2026-04-16")
            let subscriptions = fixture.billing.subscriptions
            await Bench.expectError(.invalid, field: "plan_id") {
                try await subscriptions.changePlan(subscription.id, to: other.id, by: fixture.staff)
            }
            let outcome = try await subscriptions.changePlan(subscription.id, to: basic.id, by: fixture.staff)
            #expect(outcome.invoice == nil)
            #expect(outcome.customerCredit?.minorUnits == 1_500)
            #expect(outcome.subscription.plan.id == basic.id)
            let entries = try await bench.customerCreditEntries(company)
            #expect(entries.map(\.amount) == [1_500] && entries.map(\.kind) == ["credit_note"])
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func cancelAtPeriodEndBillsNoFurtherPeriods(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let (_, subscription, _, _) = try await aprilSubscription(bench)
            let subscriptions = fixture.billing.subscriptions
            let outcome = try await subscriptions.cancel(subscription.id, by: fixture.staff)
            #expect(outcome.subscription.status == .active && outcome.subscription.cancelAtPeriodEnd)
            #expect(outcome.subscription.endsOn == Bench.day("2026-05-01"))
            #expect(outcome.customerCredit == nil)
            await Bench.expectError(.conflict, field: "status") { try await subscriptions.cancel(subscription.id, by: fixture.staff) }
            #expect(try await bench.due(through: "2026-07-01").isEmpty)

            bench.setToday("2026-05-01")
            let ended = try await subscriptions.get(subscription.id, by: fixture.staff)
            #expect(ended.status == .canceled && ended.currentPeriod == nil)
            let canceled = try await subscriptions.list(SubscriptionListOptions(status: .canceled), page: .first, by: fixture.staff)
            #expect(canceled.items.map(\.id) == [subscription.id])
            let active = try await subscriptions.list(SubscriptionListOptions(status: .active), page: .first, by: fixture.staff)
            #expect(active.items.isEmpty)
            #expect(try await bench.invoices(of: subscription).count == 1)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func immediateCancellationCreditsTheUnusedDays(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let (company, subscription, basic, _) = try await aprilSubscription(bench)
            let outcome = try await fixture.billing.subscriptions.cancel(subscription.id, atPeriodEnd: false, by: fixture.staff)
            let expected = try Proration.remaining(of: basic.price, in: Self.april, from: Bench.day("2026-04-16"))
            #expect(expected.minorUnits == 1_500)
            #expect(outcome.customerCredit == expected)
            #expect(outcome.subscription.status == .canceled && outcome.subscription.endsOn == Bench.day("2026-04-16"))
            let entries = try await bench.customerCreditEntries(company)
            #expect(entries.count == 1)
            #expect(entries.first?.kind == "credit_note" && entries.first?.amount == 1_500 && entries.first?.invoice == nil)
            #expect(try await bench.due(through: "2026-07-01").isEmpty)
            let actions = try await fixture.identity.auditActions()
            #expect(actions.contains("customer_credit.added") && actions.contains("subscription.canceled"))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func pausedPeriodsAreSkippedForGood(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let (_, subscription, _, _) = try await aprilSubscription(bench)
            let subscriptions = fixture.billing.subscriptions
            let paused = try await subscriptions.pause(subscription.id, by: fixture.staff)
            #expect(paused.status == .paused && paused.pausedOn == Bench.day("2026-04-16"))
            #expect(try await bench.due(through: "2026-06-15").isEmpty)

            bench.setToday("2026-06-10")
            let resumed = try await subscriptions.reactivate(subscription.id, by: fixture.staff)
            #expect(resumed.status == .active && resumed.pausedOn == nil)
            #expect(resumed.nextPeriodStart == Bench.day("2026-07-01"))
            let due = try await bench.due(through: "2026-07-01")
            #expect(due.map(\.periodKey) == ["3"])
            let invoices = try await bench.runBilling(through: "2026-07-01")
            #expect(invoices.map(\.periodStart) == [Bench.day("2026-07-01")])
            #expect(try await bench.invoices(of: subscription).count == 2)
            await Bench.expectError(.conflict, field: "status") { try await subscriptions.reactivate(subscription.id, by: fixture.staff) }
        }
    }
}
