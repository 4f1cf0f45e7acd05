import Foundation
import PortalKernel
import Testing

@testable import PortalKernel

/// Credit packages and their purchase.
@Suite struct CreditPackageTests {
    private typealias Bench = SubscriptionBench

    @Test(arguments: StorageBackend.allCases)
    func aPaidPurchaseGrantsItsCreditsOnce(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let bench = Bench(fixture)
            let company = try await fixture.createCompany("Karoo Coffee", discount: "5")
            let buyer = try await fixture.identity.clientPrincipal("billing@karoo.test", role: .billing, of: [company.id])
            let tenPercent = try Percentage("10")
            let package = try await fixture.billing.creditPackages.create(
                NewCreditPackage(name: "Starter", credits: 100, price: 10_000, discountPercent: tenPercent, featured: true),
                by: fixture.staff)

            let invoice = try await fixture.billing.creditPackages.purchase(package.id, for: company.id, by: buyer)
            #expect(invoice.kind == .creditPurchase && invoice.status == .open && invoice.creditsOnPayment == 100)
            #expect(invoice.lines.map(\.description) == ["Starter (100 credits)"])
            #expect(invoice.lines.first?.discountPercent == tenPercent)
            // The package discount only: the company's 5% does not apply on top.
            #expect(invoice.total.minorUnits == 9_000)
            #expect(try await fixture.billing.credits.balance(of: company.id, by: buyer) == 0)

            let paid = try await bench.pay(invoice)
            #expect(paid.status == .paid)
            _ = try await bench.refresh(paid, by: fixture.staff)
            #expect(try await fixture.billing.credits.balance(of: company.id, by: buyer) == 100)
            let entries = try await fixture.billing.credits.entries(of: company.id, page: .first, by: buyer)
            #expect(entries.items.map(\.kind) == [.grant] && entries.items.first?.invoiceId == invoice.id)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func onlyBillingManagersOfTheCompanyMayPurchase(_ backend: StorageBackend) async throws {
        try await BillingFixture.with(backend) { fixture in
            let mine = try await fixture.createCompany("Karoo Coffee")
            let theirs = try await fixture.createCompany("Fynbos Tea")
            let viewer = try await fixture.identity.clientPrincipal("viewer@karoo.test", role: .viewer, of: [mine.id])
            let outsider = try await fixture.identity.clientPrincipal("owner@fynbos.test", role: .owner, of: [theirs.id])
            let packages = fixture.billing.creditPackages
            let package = try await packages.create(NewCreditPackage(name: "Starter", credits: 100, price: 10_000), by: fixture.staff)
            let hidden = try await packages.create(NewCreditPackage(name: "Old", credits: 5, price: 100), by: fixture.staff)
            _ = try await packages.update(hidden.id, CreditPackageUpdate(active: false), by: fixture.staff)

            await Bench.expectError(.forbidden) { try await packages.purchase(package.id, for: mine.id, by: viewer) }
            await Bench.expectError(.notFound) { try await packages.purchase(package.id, for: mine.id, by: outsider) }
            await Bench.expectError(.invalid, field: "package_id") {
                try await packages.purchase(hidden.id, for: theirs.id, by: outsider)
            }
            await Bench.expectError(.forbidden) {
                try await packages.create(NewCreditPackage(name: "Mine", credits: 1, price: 1), by: viewer)
            }
            await Bench.expectError(.invalid, field: "credits") {
                try await packages.create(NewCreditPackage(name: "Empty", credits: 0, price: 1), by: fixture.staff)
            }
            #expect(try await packages.list(by: viewer).map(\.name) == ["Starter"])
            #expect(try await packages.list(includeInactive: true, by: fixture.staff).map(\.name) == ["Old", "Starter"])
            await Bench.expectError(.notFound) { try await packages.get(hidden.id, by: viewer) }
            #expect(try await fixture.identity.count("invoices") == 0)
        }
    }
}
