import Foundation
import PortalKernel
import Testing

/// The operator's billing commands, run as the built binary against a fresh SQLite database
/// with the PDF renderer enabled.
@Suite("portal-cli billing commands")
struct BillingCLITests {
    let folder: String
    let cli: CLIRunner

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite", "PORTAL_PLUGINS_ENABLED": "pdf"])
    }

    @Test("invoice create, add-line, finalize and pdf; payment record settles it; credit note; reports")
    func invoiceFlow() throws {
        let company = try BillingSetup(cli: cli).tenantWithVAT()

        let settings = try decode(
            BillingSettings.self,
            try cli.run(
                "billing", "settings", "--tenant", "acme", "--seller-address", "1 Main Road", "--seller-address", "Cape Town",
                "--payment-terms", "30", "--json"))
        #expect(settings.paymentTermsDays == 30)
        #expect(settings.sellerAddress == ["1 Main Road", "Cape Town"])
        let method = try cli.run(
            "payment-method", "set", "--tenant", "acme", "--country", "ZA", "--name", "Bank transfer (EFT)", "--detail",
            "Bank=First Kudu Bank", "--detail", "Account number=62000000001")
        #expect(method.status == 0, "\(method.stderr)")
        let methods = try decode([PaymentMethod].self, try cli.run("payment-method", "list", "--tenant", "acme", "--json"))
        #expect(methods.first?.details.map(\.label) == ["Bank", "Account number"])

        // A draft with two lines, one taxed; then a third line; then issued.
        let draft = try decode(
            Invoice.self,
            try cli.run(
                "invoice", "create", "--tenant", "acme", "--company", company.accountNumber, "--line", "Website build|1|1500.00|VAT",
                "--line", "Hosting|2|100.50", "--json"))
        #expect(draft.status == .draft)
        #expect(draft.taxTotal.minorUnits == 22_500)
        #expect(draft.total.minorUnits == 192_600)
        let longer = try decode(
            Invoice.self,
            try cli.run("invoice", "add-line", "--tenant", "acme", draft.id.uuidString, "--line", "Support|1.5|200|VAT", "--json"))
        #expect(longer.lines.count == 3)
        #expect(longer.total.minorUnits == 227_100)
        let issued = try decode(Invoice.self, try cli.run("invoice", "finalize", "--tenant", "acme", draft.id.uuidString, "--json"))
        let number = try #require(issued.number)
        #expect(number.hasPrefix("INV-"))
        #expect(issued.status == .open)
        #expect(issued.dueDate == issued.issueDate?.adding(days: 30))

        // The PDF carries the number and the amount due.
        let pdfPath = "\(folder)/invoice.pdf"
        let written = try decode(
            DocumentReport.self, try cli.run("invoice", "pdf", "--tenant", "acme", number, "--out", pdfPath, "--json"))
        #expect(written.number == number)
        #expect(written.bytes > 1_000)
        #expect(try Self.header(of: pdfPath) == "%PDF")
        if let text = try Self.pdfText(pdfPath) {
            #expect(text.contains(number), "\(text)")
            #expect(text.contains("2,271.00"), "\(text)")
            #expect(text.contains("First Kudu Bank"), "payment details from the ZA method")
        }

        // A second invoice, issued at once, stays open.
        let open = try decode(
            Invoice.self,
            try cli.run(
                "invoice", "create", "--tenant", "acme", "--company", company.id.uuidString, "--line", "Consulting|3|450|VAT",
                "--finalize", "--json"))
        #expect(open.status == .open)
        #expect(open.total.minorUnits == 155_250)

        // A payment settles the first; repeating it with the same key records nothing new.
        let payment = try decode(
            Payment.self,
            try cli.run(
                "payment", "record", "--tenant", "acme", "--company", company.accountNumber, "--amount", "2271.00", "--invoice", number,
                "--reference", number, "--key", "pay-1", "--json"))
        #expect(payment.status == .succeeded)
        #expect(payment.allocations == [PaymentAllocation(invoiceId: issued.id, amount: 227_100)])
        let again = try decode(
            Payment.self,
            try cli.run(
                "payment", "record", "--tenant", "acme", "--company", company.accountNumber, "--amount", "2271.00", "--invoice", number,
                "--reference", number, "--key", "pay-1", "--json"))
        #expect(again.id == payment.id)
        #expect(try decode(Listed<Payment>.self, try cli.run("payment", "list", "--tenant", "acme", "--json")).items.count == 1)
        let paid = try decode(Invoice.self, try cli.run("invoice", "show", "--tenant", "acme", number, "--json"))
        #expect(paid.status == .paid)
        #expect(paid.amountPaid.minorUnits == 227_100)
        #expect(paid.amountDue.isZero)
        let shown = try cli.run("invoice", "show", "--tenant", "acme", number)
        #expect(shown.stdout.contains("Status:      paid"), "\(shown.stdout)")
        #expect(shown.stdout.contains("ZAR 2,271.00"))
        let paidList = try decode(
            Listed<Invoice>.self, try cli.run("invoice", "list", "--tenant", "acme", "--status", "paid", "--json"))
        #expect(paidList.items.map(\.id) == [issued.id])

        // Outstanding: only the open invoice.
        var outstanding = try decode(OutstandingReport.self, try cli.run("report", "outstanding", "--tenant", "acme", "--json"))
        #expect(outstanding.totals.map(\.outstanding) == [Money(minorUnits: 155_250, currency: .zar)])
        #expect(outstanding.totals.first?.invoices == 1)
        #expect(outstanding.companies.map(\.outstanding) == [155_250])
        #expect(outstanding.companies.first?.companyId == company.id)

        // A credit note of 100.00 on its first line, and its PDF.
        let note = try decode(
            CreditNote.self,
            try cli.run(
                "credit-note", "issue", "--tenant", "acme", "--invoice", open.number ?? "", "--reason", "Goodwill", "--line", "1=100.00",
                "--json"))
        #expect(note.total.minorUnits == 10_000)
        #expect(note.appliedToInvoice.minorUnits == 10_000)
        let notePath = "\(folder)/note.pdf"
        #expect(try cli.run("credit-note", "pdf", "--tenant", "acme", note.id.uuidString, "--out", notePath).status == 0)
        #expect(try Self.header(of: notePath) == "%PDF")
        if let text = try Self.pdfText(notePath) { #expect(text.contains(note.number)) }
        outstanding = try decode(OutstandingReport.self, try cli.run("report", "outstanding", "--tenant", "acme", "--json"))
        #expect(outstanding.totals.map(\.outstanding.minorUnits) == [145_250])

        let revenue = try decode(RevenueReport.self, try cli.run("report", "revenue", "--tenant", "acme", "--json"))
        #expect(revenue.months.map(\.invoiced) == [382_350])
        #expect(revenue.months.map(\.credited) == [10_000])
        #expect(revenue.months.map(\.collected) == [227_100])
        #expect(revenue.monthlyRecurringRevenue.isEmpty)
        let table = try cli.run("report", "outstanding", "--tenant", "acme")
        #expect(table.stdout.contains("ZAR 1,452.50"), "\(table.stdout)")

        // Voiding needs an invoice with nothing paid or credited.
        let conflict = try cli.run("invoice", "void", "--tenant", "acme", number, "--reason", "Wrong client")
        #expect(conflict.status == 4)
    }

    @Test("bad input exits with the documented codes and names the field")
    func badInput() throws {
        let company = try BillingSetup(cli: cli).tenantWithVAT()
        let account = company.accountNumber

        let quantity = try cli.run("invoice", "create", "--tenant", "acme", "--company", account, "--line", "Build|lots|100")
        #expect(quantity.status == 2)
        #expect(quantity.stderr.contains("(lines[0].quantity)"), "\(quantity.stderr)")
        let shape = try cli.run("invoice", "create", "--tenant", "acme", "--company", account, "--line", "Build|100")
        #expect(shape.status == 2)
        #expect(shape.stderr.contains("(lines[0])"))
        let unit = try cli.run("invoice", "create", "--tenant", "acme", "--company", account, "--line", "Build|1|1,500.00")
        #expect(unit.status == 2)
        #expect(unit.stderr.contains("(lines[0].unit_amount)"))
        let tax = try cli.run("invoice", "create", "--tenant", "acme", "--company", account, "--line", "Build|1|100|GST", "--finalize")
        #expect(tax.status == 2, "\(tax.stderr)")

        let amount = try cli.run("payment", "record", "--tenant", "acme", "--company", account, "--amount", "12.345", "--json")
        #expect(amount.status == 2)
        #expect(amount.stderr.contains(#""field":"amount""#), "\(amount.stderr)")
        let percent = try cli.run(
            "tax-rate", "add", "--tenant", "acme", "--code", "LUX", "--name", "Luxury", "--percent", "abc", "--from", "2026-01-01")
        #expect(percent.status == 2)
        #expect(percent.stderr.contains("(percent)"))
        let from = try cli.run(
            "tax-rate", "add", "--tenant", "acme", "--code", "LUX", "--name", "Luxury", "--percent", "25", "--from", "2026-13-01")
        #expect(from.status == 2)
        #expect(from.stderr.contains("(from)"))
        let date = try cli.run("billing", "run", "--date", "yesterday")
        #expect(date.status == 2)
        #expect(date.stderr.contains("(date)"))
        let status = try cli.run("invoice", "list", "--tenant", "acme", "--status", "unpaid")
        #expect(status.status == 2)
        #expect(status.stderr.contains("(status)"))

        let missingInvoice = try cli.run("invoice", "show", "--tenant", "acme", "INV-1999-01-00001")
        #expect(missingInvoice.status == 3)
        #expect(missingInvoice.stderr.contains("(id)"))
        let missingCompany = try cli.run("invoice", "create", "--tenant", "acme", "--company", "CT-1999-99999", "--line", "X|1|1")
        #expect(missingCompany.status == 3)
        #expect(missingCompany.stderr.contains("(company)"))
        let missingPlan = try cli.run("subscription", "create", "--tenant", "acme", "--company", account, "--plan", "gold")
        #expect(missingPlan.status == 3)
        #expect(missingPlan.stderr.contains("(plan)"))

        // Without the pdf plugin, `invoice pdf` says how to enable it.
        let issued = try decode(
            Invoice.self,
            try cli.run("invoice", "create", "--tenant", "acme", "--company", account, "--line", "X|1|10", "--finalize", "--json"))
        let plain = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite"])
        let noRenderer = try plain.run("invoice", "pdf", "--tenant", "acme", issued.number ?? "", "--out", "\(folder)/x.pdf")
        #expect(noRenderer.status == 6)
        #expect(noRenderer.stderr.contains("plugins.enabled"), "\(noRenderer.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/x.pdf"))
    }

    @Test("demo seeds VAT, settings, payment methods, a paid and an open invoice, a plan and a subscription")
    func demoBilling() throws {
        #expect(try cli.run("migrate").status == 0)
        let seeded = try cli.run("demo", "--if-empty")
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(seeded.stdout.contains("Billing:"))
        #expect(seeded.stdout.contains("Website Care"))

        let rates = try decode([TaxRate].self, try cli.run("tax-rate", "list", "--tenant", "demo", "--json"))
        #expect(rates.map(\.code) == ["VAT"])
        #expect(rates.first?.percent == 15)
        let methods = try decode([PaymentMethod].self, try cli.run("payment-method", "list", "--tenant", "demo", "--json"))
        #expect(Set(methods.map(\.country)) == ["ZA", "*"])
        #expect(methods.allSatisfy { $0.gateway == "manual" })
        let settings = try decode(BillingSettings.self, try cli.run("billing", "settings", "--tenant", "demo", "--json"))
        #expect(!settings.sellerAddress.isEmpty)

        let invoices = try decode(Listed<Invoice>.self, try cli.run("invoice", "list", "--tenant", "demo", "--json")).items
        #expect(Set(invoices.map(\.status)) == [.paid, .open])
        let payments = try decode(Listed<Payment>.self, try cli.run("payment", "list", "--tenant", "demo", "--json")).items
        #expect(payments.count == 1)
        let open = try #require(invoices.first { $0.status == .open })
        let outstanding = try decode(OutstandingReport.self, try cli.run("report", "outstanding", "--tenant", "demo", "--json"))
        // Every open invoice: BillingDemo's and the engagement's deposit (EngagementDemo).
        let openDue = invoices.filter { $0.status == .open }.reduce(0) { $0 + $1.amountDue.minorUnits }
        #expect(outstanding.totals.map(\.outstanding.minorUnits) == [openDue])

        let plans = try decode([Plan].self, try cli.run("plan", "list", "--tenant", "demo", "--json"))
        #expect(plans.map(\.code) == ["care-monthly"])
        let subscriptions = try decode(
            Listed<Subscription>.self, try cli.run("subscription", "list", "--tenant", "demo", "--json")).items
        #expect(subscriptions.map(\.plan.id) == plans.map(\.id))
        let revenue = try decode(RevenueReport.self, try cli.run("report", "revenue", "--tenant", "demo", "--json"))
        #expect(revenue.monthlyRecurringRevenue == [Money(minorUnits: 150_000, currency: .zar)])

        let pdfPath = "\(folder)/demo.pdf"
        #expect(try cli.run("invoice", "pdf", "--tenant", "demo", open.id.uuidString, "--out", pdfPath).status == 0)
        if let text = try Self.pdfText(pdfPath) { #expect(text.contains("First National Bank"), "\(text)") }
        #expect(try cli.run("audit", "verify").status == 0)
    }

    // MARK: Helpers

    /// The first four bytes of a file.
    static func header(of path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4), as: UTF8.self)
    }

    /// The text of a PDF from `pdftotext`, or nil when the machine has no `pdftotext`.
    static func pdfText(_ path: String) throws -> String? {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map {
            "\($0)/pdftotext"
        }
        guard let tool = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", path, "-"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// A tenant `acme` (ZAR, billing day 1) with a 15% VAT rate and one South African company.
struct BillingSetup {
    let cli: CLIRunner

    func tenantWithVAT(slug: String = "acme") throws -> Company {
        #expect(try cli.run("migrate").status == 0)
        let tenant = try cli.run("tenant", "create", "--name", "Acme Digital", "--slug", slug, "--currency", "ZAR")
        #expect(tenant.status == 0, "\(tenant.stderr)")
        let company = try decode(
            Company.self,
            try cli.run(
                "company", "create", "--tenant", slug, "--name", "Karoo Coffee", "--city", "Graaff-Reinet", "--country", "ZA",
                "--json"))
        let rate = try cli.run(
            "tax-rate", "add", "--tenant", slug, "--code", "VAT", "--name", "VAT 15%", "--percent", "15", "--from", "2020-01-01")
        #expect(rate.status == 0, "\(rate.stderr)")
        return company
    }
}

// MARK: What the billing commands print with --json

struct DocumentReport: Decodable {
    let number: String?
    let file: String
    let contentType: String
    let bytes: Int
}

struct OutstandingReport: Decodable {
    let totals: [OutstandingAmount]
    let companies: [CompanyBalance]
}

struct RevenueReport: Decodable {
    let from: LocalDate
    let to: LocalDate
    let monthlyRecurringRevenue: [Money]
    let months: [MonthlyRevenue]
}
