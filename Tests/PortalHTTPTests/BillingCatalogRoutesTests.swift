import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
import PortalHTTP
import PortalKernel
import Testing

/// Plans, subscriptions, credit packages, usage credits, contracts and settings over HTTP: the
/// routes reach the kernel with the bodies the document describes.
@Suite("Billing routes: catalog, subscriptions, credits, contracts and settings")
struct BillingCatalogRoutesTests {
    typealias Shop = BillingRoutesTests.Shop

    /// The first day of next month (UTC) as `YYYY-MM-DD`: a start every billing period of which
    /// is still ahead, whenever the test runs.
    static var nextMonth: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month], from: Date())
        let year = parts.year ?? 2026
        let month = parts.month ?? 1
        return month == 12 ? String(format: "%04d-01-01", year + 1) : String(format: "%04d-%02d-01", year, month + 1)
    }

    @Test("staff write plans and subscribe a company; its owner sees active plans, changes plan and cancels at period end")
    func plansAndSubscriptions() async throws {
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let basic = try await shop.staff.post("plans", ["code": "basic", "name": "Basic", "price": 10_000, "interval": 1])
            #expect(basic.status == .created, "\(basic.text)")
            let basicPlan = try basic.decode(Plan.self)
            let pro = try await shop.staff.post(
                "plans", ["code": "pro", "name": "Pro", "price": 20_000, "interval": 1, "included_credits": 50]
            ).decode(Plan.self)
            let old = try await shop.staff.post("plans", ["code": "old", "name": "Old", "price": 5_000, "interval": 1]).decode(Plan.self)
            let retired = try await shop.staff.patch("plans/\(old.id)", ["active": false])
            #expect(try retired.decode(Plan.self).active == false, "\(retired.text)")

            let visible = try await shop.owner.get("plans").object()["items"] as? [[String: Any]] ?? []
            #expect(visible.compactMap { $0["name"] as? String } == ["Basic", "Pro"])
            let all = try await shop.staff.get("plans?include_inactive=true").object()["items"] as? [Any]
            #expect(all?.count == 3)
            #expect(try await shop.owner.get("plans/\(old.id)").status == .notFound)
            #expect(try await shop.owner.post("plans", ["code": "mine", "name": "Mine", "price": 1, "interval": 1]).status == .forbidden)

            let created = try await shop.staff.post(
                "subscriptions", ["company_id": shop.company.id.uuidString, "plan_id": basicPlan.id.uuidString])
            #expect(created.status == .created, "\(created.text)")
            let subscription = try created.decode(Subscription.self)
            #expect(subscription.status == .active)
            let listed = try await shop.owner.get("subscriptions?status=active").decode(ListPage<Subscription>.self)
            #expect(listed.items.map(\.id) == [subscription.id])

            let change = try await shop.owner.post("subscriptions/\(subscription.id)/change-plan", ["plan_id": pro.id.uuidString])
            #expect(change.status == .ok, "\(change.text)")
            let changed = try change.decode(SubscriptionOutcome.self).subscription
            #expect(changed.plan.id == pro.id || changed.pendingPlan?.id == pro.id)

            #expect(try await shop.owner.post("subscriptions/\(subscription.id)/pause").status == .forbidden)
            let canceled = try await shop.owner.send(.post, "subscriptions/\(subscription.id)/cancel")
            #expect(canceled.status == .ok, "\(canceled.text)")
            #expect(try canceled.decode(SubscriptionOutcome.self).subscription.cancelAtPeriodEnd)
            let resumed = try await shop.staff.post("subscriptions/\(subscription.id)/reactivate")
            #expect(try resumed.decode(Subscription.self).cancelAtPeriodEnd == false, "\(resumed.text)")
            let paused = try await shop.staff.post("subscriptions/\(subscription.id)/pause")
            #expect(try paused.decode(Subscription.self).status == .paused, "\(paused.text)")
        }
    }

    @Test("buying a credit package invoices it; staff adjust credits and usage spends them once per key")
    func packagesAndCredits() async throws {
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let company = shop.company.id.uuidString
            let created = try await shop.staff.post("credit-packages", ["name": "Starter", "credits": 100, "price": 5_000])
            #expect(created.status == .created, "\(created.text)")
            let package = try created.decode(CreditPackage.self)
            #expect(try await shop.owner.get("credit-packages/\(package.id)").decode(CreditPackage.self).name == "Starter")
            let renamed = try await shop.staff.patch("credit-packages/\(package.id)", ["name": "Starter Pack"])
            #expect(try renamed.decode(CreditPackage.self).name == "Starter Pack")
            let shop1 = try await shop.owner.get("credit-packages").object()["items"] as? [Any]
            #expect(shop1?.count == 1)

            let bought = try await shop.owner.post("credit-packages/\(package.id)/purchase", ["company_id": company])
            #expect(bought.status == .created, "\(bought.text)")
            let invoice = try bought.decode(Invoice.self)
            #expect(invoice.kind == .creditPurchase)
            #expect(invoice.creditsOnPayment == 100)
            #expect(try await shop.viewer.post("credit-packages/\(package.id)/purchase", ["company_id": company]).status == .forbidden)
            let missing = try await shop.owner.post("credit-packages/\(UUID())/purchase", ["company_id": company])
            #expect(missing.status == .notFound, "\(missing.text)")

            let adjusted = try await shop.staff.post("companies/\(company)/credits/adjustments", ["credits": 10, "reason": "Welcome"])
            #expect(adjusted.status == .created, "\(adjusted.text)")
            #expect(try await shop.owner.post("companies/\(company)/credits/adjustments", ["credits": 10, "reason": "Me"]).status == .forbidden)
            let usage = ["credits": 3, "description": "Build minutes", "idempotency_key": "build-1"] as [String: Any]
            let used = try await shop.owner.post("companies/\(company)/credits/usage", usage)
            #expect(used.status == .created, "\(used.text)")
            #expect(try used.decode(CreditUsage.self).balance == 7)
            let replayed = try await shop.owner.post("companies/\(company)/credits/usage", usage)
            #expect(replayed.status == .ok)
            #expect(try replayed.decode(CreditUsage.self).replayed)
            let overdrawn = try await shop.owner.post(
                "companies/\(company)/credits/usage", ["credits": 100, "description": "Too much", "idempotency_key": "build-2"])
            #expect(overdrawn.status == .conflict, "\(overdrawn.text)")
            #expect(try overdrawn.error().field == "credits")

            let balance = try await shop.viewer.get("companies/\(company)/credits?limit=1").object()
            #expect(balance["balance"] as? Int == 7)
            #expect((balance["items"] as? [Any])?.count == 1)
            #expect(balance["next_cursor"] is String)
        }
    }

    @Test("staff write a contract with a line item, sign it, preview and enable billing; the owner reads its periods")
    func contracts() async throws {
        try await withAPI { client, installation in
            let shop = try await Shop.make(client, installation)
            let created = try await shop.staff.post(
                "contracts", ["company_id": shop.company.id.uuidString, "title": "Onboarding 2026", "type": "onboarding"])
            #expect(created.status == .created, "\(created.text)")
            let contract = try created.decode(Contract.self)
            #expect(contract.status == .draft)
            #expect(try await shop.owner.get("contracts/\(contract.id)").status == .notFound, "clients never see drafts")

            let item = ["description": "Training", "amount": 500_000, "billing_period_months": 3, "start_date": Self.nextMonth] as [String: Any]
            let added = try await shop.staff.post("contracts/\(contract.id)/line-items", item)
            #expect(added.status == .created, "\(added.text)")
            let lineItem = try added.decode(ContractLineItem.self)
            var cheaper = item
            cheaper["amount"] = 300_000
            let replaced = try await shop.staff.patch("contracts/\(contract.id)/line-items/\(lineItem.id)", cheaper)
            #expect(try replaced.decode(ContractLineItem.self).amount.minorUnits == 300_000, "\(replaced.text)")
            let renamed = try await shop.staff.patch("contracts/\(contract.id)", ["title": "Onboarding"])
            #expect(try renamed.decode(Contract.self).title == "Onboarding")
            let written = try await shop.staff.send(
                .put, "contracts/\(contract.id)/document", body: APIClient.text(["body": "Onboarding terms."]))
            #expect(written.status == .ok, "\(written.text)")
            let sent = try await shop.staff.post("contracts/\(contract.id)/send").decode(Contract.self)
            let signed = try await shop.owner.post(
                "contracts/\(contract.id)/signatures",
                ["full_name": "Olive Owner", "accept": true, "document_sha256": sent.documentSha256 ?? ""])
            #expect(signed.status == .created, "\(signed.text)")
            let skipped = try await shop.staff.post("contracts/\(contract.id)/status", ["status": "completed"])
            #expect(skipped.status == .conflict)
            let configured = try await shop.staff.send(
                .put, "contracts/\(contract.id)/billing", body: APIClient.text(["frequency": "monthly"]))
            #expect(configured.status == .ok, "\(configured.text)")

            let preview = try await shop.staff.get("contracts/\(contract.id)/billing-preview").decode(
                BillingItemsPage<ContractBillingPlan.Period>.self)
            #expect(preview.items.map(\.total.minorUnits).reduce(0, +) == 300_000)
            #expect(try await shop.owner.get("contracts/\(contract.id)/billing-preview").status == .forbidden)
            let enabled = try await shop.staff.post("contracts/\(contract.id)/billing/enable")
            #expect(try enabled.decode(Contract.self).billingEnabled, "\(enabled.text)")

            let periods = try await shop.owner.get("contracts/\(contract.id)/billing-periods").decode(
                BillingItemsPage<ContractBillingPeriod>.self)
            #expect(periods.items.map(\.total.minorUnits).reduce(0, +) == 300_000)
            let items = try await shop.owner.get("contracts/\(contract.id)/line-items").decode(BillingItemsPage<ContractLineItem>.self)
            #expect(items.items.map(\.id) == [lineItem.id])
            #expect(try await shop.owner.get("contracts").decode(ListPage<Contract>.self).items.map(\.id) == [contract.id])
            #expect(try await shop.staff.post("contracts/\(contract.id)/line-items", item).status == .conflict)
            let disabled = try await shop.staff.post("contracts/\(contract.id)/billing/disable")
            #expect(try disabled.decode(Contract.self).billingEnabled == false, "\(disabled.text)")
            #expect(try await shop.staff.delete("contracts/\(contract.id)/line-items/\(lineItem.id)").status == .noContent)
        }
    }

    @Test("staff read and replace the billing settings and configure payment methods; clients may not")
    func settings() async throws {
        try await withAPI(environment: BillingRoutesTests.environment) { client, installation in
            let shop = try await Shop.make(client, installation)
            let settings = try await shop.staff.get("billing/settings").decode(BillingSettings.self)
            #expect(settings.paymentTermsDays == 14)
            var changed = settings
            changed.paymentTermsDays = 30
            changed.sellerAddress = ["1 Main Road", "Cape Town"]
            let body = try JSONCoding.encodeToString(changed)
            let replaced = try await shop.staff.send(.put, "billing/settings", body: body)
            #expect(try replaced.decode(BillingSettings.self) == changed, "\(replaced.text)")
            #expect(try await shop.owner.send(.put, "billing/settings", body: body).status == .forbidden)
            let incomplete = try await shop.staff.send(.put, "billing/settings", body: #"{"payment_terms_days":30}"#)
            #expect(incomplete.status == .unprocessableContent)

            let method = ["country": "ZA", "display_name": "EFT", "details": [["label": "Bank", "value": "Karoo Bank"]]] as [String: Any]
            #expect(try await shop.owner.post("payment-methods", method).status == .forbidden)
            let configured = try await shop.staff.post("payment-methods", method)
            #expect(configured.status == .ok, "\(configured.text)")
            var renamed = method
            renamed["display_name"] = "Bank transfer"
            let replacedMethod = try await shop.staff.post("payment-methods", renamed).decode(PaymentMethod.self)
            #expect(replacedMethod.id == (try configured.decode(PaymentMethod.self)).id, "an upsert, not a second method")
            let methods = try await shop.owner.get("payment-methods?country=za").decode(BillingItemsPage<PaymentMethod>.self)
            #expect(methods.items.map(\.displayName) == ["Bank transfer"])
        }
    }
}

/// An unpaged `{"items": […]}` list.
struct BillingItemsPage<Item: Decodable>: Decodable {
    let items: [Item]
}
