import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// Plans: staff write them, everyone in the tenant reads the active ones.
@Suite struct PlanTests {
    private typealias Bench = SubscriptionBench

    @Test(arguments: StorageBackend.allCases)
    func plansAreValidatedAndCodesAreUnique(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let plans = fixture.billing.plans
            try await fixture.addTaxRate("VAT", percent: "15")
            let plan = try await plans.create(
                NewPlan(
                    code: "pro-monthly", name: " Pro ", description: "Everything", price: 49_900, interval: .monthly,
                    includedCredits: 100, taxCode: "VAT"),
                by: fixture.staff)
            #expect(plan.name == "Pro" && plan.price == Money(minorUnits: 49_900, currency: fixture.tenant.defaultCurrency))
            #expect(plan.active && plan.includedCredits == 100 && plan.taxCode == "VAT" && plan.interval == .monthly)
            #expect(try await plans.get(plan.id, by: fixture.staff) == plan)

            await Bench.expectError(.conflict, field: "code") {
                try await plans.create(NewPlan(code: "pro-monthly", name: "Again", price: 1, interval: .monthly), by: fixture.staff)
            }
            await Bench.expectError(.invalid, field: "price") {
                try await plans.create(NewPlan(code: "neg", name: "Negative", price: -1, interval: .monthly), by: fixture.staff)
            }
            await Bench.expectError(.invalid, field: "included_credits") {
                try await plans.create(
                    NewPlan(code: "neg", name: "Negative", price: 1, interval: .monthly, includedCredits: -1), by: fixture.staff)
            }
            await Bench.expectError(.invalid, field: "tax_code") {
                try await plans.create(NewPlan(code: "x", name: "X", price: 1, interval: .monthly, taxCode: "GST"), by: fixture.staff)
            }
            await Bench.expectError(.invalid, field: "code") {
                try await plans.create(NewPlan(code: "no spaces", name: "X", price: 1, interval: .monthly), by: fixture.staff)
            }
            await Bench.expectError(.invalid, field: "name") {
                try await plans.create(NewPlan(code: "blank", name: "  ", price: 1, interval: .monthly), by: fixture.staff)
            }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func clientsReadActivePlansOnlyAndCannotWrite(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let plans = fixture.billing.plans
            let company = try await fixture.createCompany("Karoo Coffee")
            let owner = try await fixture.identity.clientPrincipal("owner@karoo.test", role: .owner, of: [company.id])
            let basic = try await bench.plan("basic", price: 3_000)
            let retired = try await bench.plan("legacy", price: 1_000)
            _ = try await plans.update(retired.id, PlanUpdate(active: false), by: fixture.staff)

            #expect(try await plans.list(by: owner).map(\.code) == ["basic"])
            #expect(try await plans.list(includeInactive: true, by: owner).map(\.code) == ["basic"])
            #expect(try await plans.list(includeInactive: true, by: fixture.staff).map(\.code) == ["basic", "legacy"])
            #expect(try await plans.get(basic.id, by: owner).id == basic.id)
            await Bench.expectError(.notFound) { try await plans.get(retired.id, by: owner) }
            await Bench.expectError(.forbidden) {
                try await plans.create(NewPlan(code: "mine", name: "Mine", price: 0, interval: .monthly), by: owner)
            }
            await Bench.expectError(.forbidden) { try await plans.update(basic.id, PlanUpdate(price: 1), by: owner) }
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aPriceChangeAppliesToPeriodsBilledAfterIt(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let company = try await fixture.createCompany("Karoo Coffee")
            let plan = try await bench.plan("basic", price: 3_000)
            let subscription = try await bench.subscribe(company, to: plan, start: "2026-04-01")
            try await bench.runBilling(through: "2026-04-01")
            let updated = try await fixture.billing.plans.update(
                plan.id, PlanUpdate(description: "Now dearer", price: 3_500), by: fixture.staff)
            #expect(updated.price.minorUnits == 3_500 && updated.description == "Now dearer")
            try await bench.runBilling(through: "2026-05-01")
            let totals = try await bench.invoices(of: subscription).map(\.total.minorUnits)
            #expect(totals == [3_000, 3_500])
            let actions = try await fixture.identity.auditActions()
            #expect(actions.contains("plan.created") && actions.contains("plan.updated"))
        }
    }
}
