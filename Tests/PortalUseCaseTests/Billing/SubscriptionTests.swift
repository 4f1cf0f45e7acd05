import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// Creating subscriptions, their schedules and the billing-run hook.
@Suite struct SubscriptionTests {
    private typealias Bench = SubscriptionBench

    @Test(arguments: StorageBackend.allCases)
    func stubPeriodIsProratedToTheFirstAllowedBillingDay(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            try await bench.setBillingDays([1, 15])
            let company = try await fixture.createCompany("Karoo Coffee")
            let plan = try await bench.plan("basic", price: 3_100)
            // Today is 2026-03-02: the anchor is the 15th, and 2–14 March is a stub.
            let subscription = try await bench.subscribe(company, to: plan)
            #expect(subscription.startDate == Bench.day("2026-03-02"))
            #expect(subscription.anchorDate == Bench.day("2026-03-15"))
            #expect(subscription.currentPeriod == ServicePeriod(start: Bench.day("2026-03-02"), end: Bench.day("2026-03-15")))
            #expect(subscription.nextPeriodStart == Bench.day("2026-03-02"))
            #expect(subscription.status == .active)

            let due = try await bench.due(through: "2026-03-09")
            #expect(due.map(\.periodKey) == ["stub"])
            let stub = try #require(try await bench.bill(due[0], runDate: "2026-03-02"))
            // 13 of the 28 days of [15 Feb, 15 Mar): 3,100 × 13 ÷ 28 = 1,439.29 → 1,439.
            #expect(stub.lines.map(\.unitAmount.minorUnits) == [1_439])
            #expect(stub.lines.first?.description == "Basic (2026-03-02 – 2026-03-14)")
            #expect(stub.kind == .subscription && stub.status == .open && stub.subscriptionId == subscription.id)
            #expect(stub.periodStart == Bench.day("2026-03-02") && stub.periodEnd == Bench.day("2026-03-15"))
            #expect(stub.issueDate == Bench.day("2026-03-02"))

            let next = try await bench.due(through: "2026-03-15")
            #expect(next.map(\.periodKey) == ["0"])
            let first = try #require(try await bench.bill(next[0]))
            #expect(first.total.minorUnits == 3_100)
            #expect(first.periodStart == Bench.day("2026-03-15") && first.periodEnd == Bench.day("2026-04-15"))
            let after = try await fixture.billing.subscriptions.get(subscription.id, by: fixture.staff)
            #expect(after.nextPeriodStart == Bench.day("2026-04-15"))
            try await fixture.identity.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func requestedBillingDayMustBeAllowed(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            try await bench.setBillingDays([1, 15])
            let company = try await fixture.createCompany("Karoo Coffee")
            let plan = try await bench.plan("basic", price: 3_000)
            let onFifteenth = try await bench.subscribe(company, to: plan, start: "2026-03-20", billingDay: 15)
            #expect(onFifteenth.anchorDate == Bench.day("2026-04-15"))
            #expect(onFifteenth.billingDay == 15)
            let onAnchor = try await bench.subscribe(company, to: plan, start: "2026-04-01")
            #expect(onAnchor.anchorDate == Bench.day("2026-04-01") && onAnchor.nextPeriodStart == Bench.day("2026-04-01"))
            await Bench.expectError(.invalid, field: "billing_day") {
                try await bench.subscribe(company, to: plan, billingDay: 10)
            }
            _ = try await fixture.billing.plans.update(plan.id, PlanUpdate(active: false), by: fixture.staff)
            await Bench.expectError(.invalid, field: "plan_id") { try await bench.subscribe(company, to: plan) }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func monthEndAnchorBillsEveryPeriodFromTheAnchorWithoutDrift(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            try await bench.setBillingDays([31])
            let company = try await fixture.createCompany("Karoo Coffee")
            let plan = try await bench.plan("basic", price: 3_000)
            let subscription = try await bench.subscribe(company, to: plan, start: "2028-01-31")
            let anchor = Bench.day("2028-01-31")
            #expect(subscription.anchorDate == anchor)
            // Month by month across the leap year 2028 and into 2030, one run per period start.
            for k in 0..<26 {
                let start = anchor.adding(months: k)
                let due = try await bench.due(through: start.iso8601)
                #expect(due.map(\.periodKey) == [String(k)], "period \(k)")
                #expect(due.map(\.periodStart) == [start])
                let invoice = try #require(try await bench.bill(due[0]))
                #expect(invoice.periodStart == start && invoice.periodEnd == anchor.adding(months: k + 1))
                #expect(invoice.total.minorUnits == 3_000)
            }
            let starts = try await bench.invoices(of: subscription).compactMap(\.periodStart).map(\.iso8601)
            #expect(starts.count == 26)
            #expect(Array(starts.prefix(4)) == ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"])
            #expect(Array(starts[12...14]) == ["2029-01-31", "2029-02-28", "2029-03-31"])
            #expect(starts.last == "2030-02-28")
            #expect(try await bench.due(through: "2030-03-30").isEmpty)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func billingTheSameDuePeriodTwiceMakesOneInvoice(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let company = try await fixture.createCompany("Karoo Coffee")
            let plan = try await bench.plan("basic", price: 3_000, credits: 50)
            let subscription = try await bench.subscribe(company, to: plan, start: "2026-04-01")
            let due = try await bench.due(through: "2026-04-08")
            #expect(due.count == 1)
            let first = try await bench.bill(due[0], runDate: "2026-03-25")
            let second = try await bench.bill(due[0], runDate: "2026-03-25")
            #expect(first != nil && second == nil)
            #expect(first?.creditsOnPayment == 50)
            #expect(try await bench.invoices(of: subscription).count == 1)
            #expect(try await bench.due(through: "2026-04-08").isEmpty)
            // A later period cannot be billed before an earlier one.
            let later = try await bench.due(through: "2026-06-01")
            #expect(later.map(\.periodKey) == ["1", "2"])
            await Bench.expectError(.conflict, field: "period_key") { try await bench.bill(later[1]) }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func clientsSeeOnlyTheirOwnCompanysSubscriptions(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let mine = try await fixture.createCompany("Karoo Coffee")
            let theirs = try await fixture.createCompany("Fynbos Tea")
            let plan = try await bench.plan("basic", price: 3_000)
            let subscription = try await bench.subscribe(mine, to: plan, start: "2026-04-01")
            _ = try await bench.subscribe(theirs, to: plan, start: "2026-04-01")
            let viewer = try await fixture.identity.clientPrincipal("viewer@karoo.test", role: .viewer, of: [mine.id])
            let outsider = try await fixture.identity.clientPrincipal("owner@fynbos.test", role: .owner, of: [theirs.id])
            let subscriptions = fixture.billing.subscriptions

            #expect(try await subscriptions.get(subscription.id, by: viewer).plan.code == "basic")
            let listed = try await subscriptions.list(SubscriptionListOptions(), page: .first, by: viewer)
            #expect(listed.items.map(\.id) == [subscription.id])
            await Bench.expectError(.notFound) { try await subscriptions.get(subscription.id, by: outsider) }
            await Bench.expectError(.notFound) { try await subscriptions.cancel(subscription.id, by: outsider) }
            await Bench.expectError(.forbidden) { try await subscriptions.cancel(subscription.id, by: viewer) }
            await Bench.expectError(.forbidden) { try await subscriptions.pause(subscription.id, by: viewer) }
            await Bench.expectError(.forbidden) {
                try await subscriptions.create(NewSubscription(companyId: mine.id, planId: plan.id), by: viewer)
            }
            let billingUser = try await fixture.identity.clientPrincipal("billing@karoo.test", role: .billing, of: [mine.id])
            await Bench.expectError(.forbidden) {
                try await subscriptions.cancel(subscription.id, atPeriodEnd: false, by: billingUser)
            }
            let canceled = try await subscriptions.cancel(subscription.id, by: billingUser)
            #expect(canceled.subscription.cancelAtPeriodEnd)
        }
    }
}
