import Foundation
import PortalKernel
import Testing

/// `billing run` over subscriptions and contracts, and the catalog commands that feed it.
@Suite("portal-cli billing run")
struct BillingRunCLITests {
    let folder: String
    let cli: CLIRunner

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite"])
    }

    struct RunReport: Decodable {
        struct Failure: Decodable {
            let tenant: String
            let scheduleType: String
            let reason: String
        }

        let dryRun: Bool
        let invoicesCreated: Int
        let invoiceNumbers: [String]
        let totals: [Money]
        let skipped: Int
        let failed: [Failure]
    }

    @Test("a run bills each due subscription and contract period once; a second run for the same date creates nothing")
    func runTwice() async throws {
        let company = try BillingSetup(cli: cli).tenantWithVAT()
        let plan = try decode(
            Plan.self,
            try cli.run(
                "plan", "create", "--tenant", "acme", "--code", "basic", "--name", "Basic", "--price", "499.00", "--interval",
                "monthly", "--credits", "10", "--tax", "VAT", "--json"))
        #expect(plan.price == Money(minorUnits: 49_900, currency: .zar))
        let subscription = try decode(
            Subscription.self,
            try cli.run(
                "subscription", "create", "--tenant", "acme", "--company", company.accountNumber, "--plan", "basic", "--start",
                "2026-11-01", "--json"))
        #expect(subscription.billingDay == 1)

        let contract = try decode(
            Contract.self,
            try cli.run(
                "contract", "create", "--tenant", "acme", "--company", company.accountNumber, "--title", "Onboarding", "--type",
                "onboarding", "--json"))
        let item = try cli.run(
            "contract", "line-item", "add", "--tenant", "acme", contract.id.uuidString, "--description", "Developer training",
            "--amount", "5000.00", "--months", "3", "--start", "2026-11-01", "--tax", "VAT")
        #expect(item.status == 0, "\(item.stderr)")
        let early = try cli.run("contract", "billing", "enable", "--tenant", "acme", contract.id.uuidString)
        #expect(early.status == 4, "billing needs a signed contract")
        let body = try cli.run("contract", "document", "set", "--tenant", "acme", contract.id.uuidString, "--body", "Training terms.")
        #expect(body.status == 0, "\(body.stderr)")
        #expect(try cli.run("contract", "send", "--tenant", "acme", contract.id.uuidString).status == 0)
        let user = try cli.run(
            "user", "create", "--tenant", "acme", "--email", "ana@karoo.example", "--name", "Ana", "--kind", "client")
        #expect(user.status == 0, "\(user.stderr)")
        _ = try await ContractClientSigner(databasePath: "\(folder)/portal.sqlite").sign(
            contract.id, email: "ana@karoo.example", fullName: "Ana Dlamini")
        let preview = try cli.run("contract", "billing", "preview", "--tenant", "acme", contract.id.uuidString)
        #expect(preview.stdout.contains("ZAR 1,666.66"), "\(preview.stdout)")
        #expect(try cli.run("contract", "billing", "enable", "--tenant", "acme", contract.id.uuidString).status == 0)

        let dry = try decode(
            RunReport.self, try cli.run("billing", "run", "--tenant", "acme", "--date", "2026-11-01", "--dry-run", "--json"))
        #expect(dry.dryRun && dry.invoicesCreated == 2)
        #expect(try decode(Listed<Invoice>.self, try cli.run("invoice", "list", "--tenant", "acme", "--json")).items.isEmpty)

        let first = try cli.run("billing", "run", "--tenant", "acme", "--date", "2026-11-01", "--json")
        let report = try decode(RunReport.self, first)
        #expect(report.invoicesCreated == 2)
        #expect(report.invoiceNumbers.count == 2)
        // 499.00 + 15% and 1,666.67 + 15%.
        #expect(report.totals == [Money(minorUnits: 57_385 + 191_667, currency: .zar)])
        #expect(report.failed.isEmpty)
        #expect(!first.stderr.contains("\u{1B}"), "no progress bar when standard error is not a terminal")

        let second = try decode(RunReport.self, try cli.run("billing", "run", "--tenant", "acme", "--date", "2026-11-01", "--json"))
        #expect(second.invoicesCreated == 0)
        #expect(second.failed.isEmpty)
        let everyTenant = try cli.run("billing", "run", "--date", "2026-11-01")
        #expect(everyTenant.status == 0, "\(everyTenant.stderr)")
        #expect(everyTenant.stdout.contains("Invoices created: 0"), "\(everyTenant.stdout)")
        #expect(everyTenant.stdout.contains("acme"))

        let invoices = try decode(Listed<Invoice>.self, try cli.run("invoice", "list", "--tenant", "acme", "--json")).items
        #expect(Set(invoices.map(\.kind)) == [.subscription, .contract])
        let periods = try decode(
            [ContractBillingPeriod].self,
            try cli.run("contract", "billing", "periods", "--tenant", "acme", contract.id.uuidString, "--json"))
        // The first period is invoiced (overdue once its due date has passed); the others wait.
        #expect(periods.first?.invoiceId != nil)
        #expect(periods.dropFirst().map(\.status) == [.pending, .pending])

        // The next month bills the next periods, once.
        let december = try decode(RunReport.self, try cli.run("billing", "run", "--date", "2026-12-01", "--json"))
        #expect(december.invoicesCreated == 2)
        let revenue = try decode(RevenueReport.self, try cli.run("report", "revenue", "--tenant", "acme", "--json"))
        #expect(revenue.monthlyRecurringRevenue == [Money(minorUnits: 49_900, currency: .zar)])
    }

    @Test("periods that cannot be billed are listed with their reason and the run exits 8")
    func failedPeriods() throws {
        _ = try BillingSetup(cli: cli).tenantWithVAT()
        #expect(try cli.run("tenant", "create", "--name", "Bee", "--slug", "bee", "--currency", "ZAR").status == 0)
        #expect(try cli.run("company", "create", "--tenant", "bee", "--name", "Bee Co").status == 0)
        let rate = try cli.run(
            "tax-rate", "add", "--tenant", "bee", "--code", "FUT", "--name", "Future 10%", "--percent", "10", "--from", "2030-01-01")
        #expect(rate.status == 0)
        #expect(try cli.run("plan", "create", "--tenant", "bee", "--code", "p", "--name", "P", "--price", "100", "--tax", "FUT").status == 0)
        let subscribed = try cli.run(
            "subscription", "create", "--tenant", "bee", "--company", "CT-2026-00001", "--plan", "p", "--start", "2026-11-01")
        #expect(subscribed.status == 0, "\(subscribed.stderr)")

        let run = try cli.run("billing", "run", "--date", "2026-11-01", "--json")
        #expect(run.status == 8)
        #expect(run.stderr.contains("billing_periods_failed"))
        let report = try decode(RunReport.self, run, status: 8)
        #expect(report.failed.map(\.tenant) == ["bee"])
        #expect(report.failed.first?.scheduleType == "subscription")
        #expect(report.failed.first?.reason.contains("FUT") == true)
        let text = try cli.run("billing", "run", "--date", "2026-11-01")
        #expect(text.status == 8)
        #expect(text.stdout.contains("Failed: 1"))
        #expect(try cli.run("billing", "run", "--date", "2026-11-01", "--tenant", "acme").status == 0)
    }

    @Test("credit packages are sold, paid and spent; credits are adjusted")
    func credits() throws {
        let company = try BillingSetup(cli: cli).tenantWithVAT()
        let package = try decode(
            CreditPackage.self,
            try cli.run(
                "credit-package", "create", "--tenant", "acme", "--name", "Starter", "--credits", "20", "--price", "900.00",
                "--discount", "10", "--json"))
        let invoice = try decode(
            Invoice.self,
            try cli.run(
                "credit-package", "purchase", "--tenant", "acme", package.id.uuidString, "--company", company.accountNumber, "--json"))
        #expect(invoice.kind == .creditPurchase)
        #expect(invoice.total.minorUnits == 81_000)
        let paid = try cli.run(
            "payment", "record", "--tenant", "acme", "--company", company.accountNumber, "--amount", "810", "--invoice",
            invoice.number ?? "")
        #expect(paid.status == 0, "\(paid.stderr)")

        struct Balance: Decodable { let balance: Int64 }
        #expect(try decode(Balance.self, try cli.run("credits", "balance", "--tenant", "acme", "--company", company.accountNumber, "--json")).balance == 20)
        for _ in 0..<2 {
            let used = try cli.run(
                "credits", "use", "--tenant", "acme", "--company", company.accountNumber, "--credits", "3", "--description", "Support",
                "--key", "ticket-1")
            #expect(used.status == 0, "\(used.stderr)")
        }
        let adjusted = try cli.run(
            "credits", "adjust", "--tenant", "acme", "--company", company.accountNumber, "--credits=-2", "--reason", "Correction")
        #expect(adjusted.status == 0, "\(adjusted.stderr)")
        #expect(try decode(Balance.self, try cli.run("credits", "balance", "--tenant", "acme", "--company", company.accountNumber, "--json")).balance == 15)
        let overdraw = try cli.run(
            "credits", "use", "--tenant", "acme", "--company", company.accountNumber, "--credits", "100", "--description", "Big",
            "--key", "ticket-2")
        #expect(overdraw.status == 4)
    }
}
