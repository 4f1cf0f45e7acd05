import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli credits balance|use|adjust`: a company's usage-credit ledger.
struct CreditsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credits", abstract: "Read, spend and correct a company's usage credits.",
        subcommands: [Balance.self, Use.self, Adjust.self])

    struct Balance: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "A company's credit balance and its latest entries.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company: its id or account number.", valueName: "company"))
        var company: String

        @OptionGroup var page: PageOptions

        struct Report: Encodable {
            let balance: Int64
            let entries: Page<CreditEntry>
        }

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let credits = tenant.billing.credits
                let report = Report(
                    balance: try await credits.balance(of: company.id, by: tenant.principal),
                    entries: try await credits.entries(of: company.id, page: try page.request, by: tenant.principal))
                tenant.output.emit(report) {
                    var text = "\(company.name): \(report.balance) credits\n\n"
                    text += Table(
                        headers: ["AT", "KIND", "CREDITS", "DESCRIPTION", "BY"],
                        rows: report.entries.items.map { entry in
                            [entry.createdAt.shortText, entry.kind.rawValue, String(entry.credits), entry.description, entry.createdBy]
                        }
                    ).rendered
                    if let next = report.entries.nextCursor { text += "More: --cursor \(next)\n" }
                    return text
                }
            }
        }
    }

    struct Use: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Spend credits of a company's balance, once per --key.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: ArgumentHelp("How many credits (above zero).", valueName: "credits"))
        var credits: String

        @Option(help: "What they were spent on.")
        var description: String

        @Option(help: ArgumentHelp("An idempotency key: the same key never spends twice.", valueName: "key"))
        var key: String

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let usage = try await tenant.billing.credits.use(
                    company.id, credits: try BillingInput.credits(credits), description: description, idempotencyKey: key,
                    by: tenant.principal)
                tenant.output.message(
                    "\(usage.replayed ? "Already spent" : "Spent") \(-usage.entry.credits) credits of \(company.name); balance \(usage.balance).",
                    json: usage)
            }
        }
    }

    struct Adjust: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add (positive) or remove (negative) credits to correct a balance.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: ArgumentHelp("Credits to add, or to remove with a leading - (write --credits=-5).", valueName: "credits"))
        var credits: String

        @Option(help: "Why (kept in the ledger and the audit trail).")
        var reason: String

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let credits = tenant.billing.credits
                let entry = try await credits.adjust(
                    company.id, credits: try BillingInput.credits(self.credits), reason: reason, by: tenant.principal)
                let balance = try await credits.balance(of: company.id, by: tenant.principal)
                tenant.output.message("Adjusted \(company.name) by \(entry.credits) credits; balance \(balance).", json: entry)
            }
        }
    }
}
