import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

/// Billing runs, reminder sweeps and reports over HTTP.
@Suite("Billing routes: runs and reports")
struct BillingReportRoutesTests {
    typealias Shop = BillingRoutesTests.Shop

    @Test("a dry run counts what a run invoices; a second run invoices nothing; reports show it; clients get 403")
    func runsAndReports() async throws {
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let catalog = try await installation.createCatalog(in: shop.tenant.id, name: "Karoo")
            _ = try await installation.billing.subscriptions.create(
                NewSubscription(companyId: shop.company.id, planId: catalog.plan.id), by: installation.operatorPrincipal(shop.tenant.id))

            let dry = try await shop.staff.post("billing/runs", ["dry_run": true])
            #expect(dry.status == .ok, "\(dry.text)")
            let planned = try dry.decode(BillingRunSummary.self)
            #expect(planned.dryRun)
            #expect(planned.invoicesCreated >= 1)
            #expect(try await installation.count("invoices") == 0)

            let run = try await shop.staff.send(.post, "billing/runs")
            #expect(run.status == .ok, "\(run.text)")
            let summary = try run.decode(BillingRunSummary.self)
            #expect(summary.invoicesCreated == planned.invoicesCreated)
            #expect(summary.invoiceNumbers.count == summary.invoicesCreated)
            let again = try await shop.staff.post("billing/runs", ["date": summary.date.iso8601]).decode(BillingRunSummary.self)
            #expect(again.invoicesCreated == 0)
            #expect(try await shop.owner.get("invoices").decode(ListPage<Invoice>.self).items.count == summary.invoicesCreated)

            let sweep = try await shop.staff.send(.post, "billing/reminders")
            #expect(sweep.status == .ok, "\(sweep.text)")

            let outstanding = try await shop.staff.get("reports/outstanding").object()["items"] as? [[String: Any]]
            #expect(outstanding?.count == 1)
            let recurring = try await shop.staff.get("reports/recurring-revenue").decode(BillingItemsPage<Money>.self)
            #expect(recurring.items.map(\.minorUnits) == [10_000])
            let balances = try await shop.staff.get("reports/company-balances").object()["items"] as? [[String: Any]]
            #expect(balances?.compactMap { $0["company_name"] as? String } == [shop.company.name])
            let revenue = try await shop.staff.get("reports/revenue?from=2020-01-01&through=2099-12-31")
            #expect(revenue.status == .ok, "\(revenue.text)")
            #expect((try revenue.object()["items"] as? [Any])?.isEmpty == false)

            let missing = try await shop.staff.get("reports/revenue?from=2026-01-01")
            #expect(missing.status == .unprocessableContent)
            #expect(try missing.error().field == "through")
            let malformed = try await shop.staff.get("reports/revenue?from=yesterday&through=2026-01-01")
            #expect(try malformed.error().field == "from")
            for path in ["reports/outstanding", "reports/recurring-revenue", "reports/company-balances"] {
                #expect(try await shop.owner.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await shop.owner.post("billing/runs").status == .forbidden)
        }
    }
}
