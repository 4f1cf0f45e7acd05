import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli invoice …`: a tenant's invoices, written and issued by the operator as staff.
struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Write, issue, void, list and print a tenant's invoices.",
        discussion: """
            Invoices and companies are named by id or by number (INV-2026-11-00042, CT-2026-00017). Amounts are \
            decimal text in the invoice's currency (1500.00), read exactly.
            """,
        subcommands: [
            Create.self, AddLine.self, Finalize.self, VoidInvoice.self, Show.self, List.self, PDF.self, Deposit.self,
        ])

    struct Create: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a draft invoice for a company.",
            discussion: """
                Each --line is "description|quantity|unit amount|tax code"; the quantity may be empty (1) and the tax \
                code left out. Example:
                  portal-cli invoice create --tenant demo --company CT-2026-00001 --line "Website build|1|1500.00|VAT"
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company billed: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: "The invoice's currency (default: the tenant's).")
        var currency: String?

        @Option(name: .customLong("line"), help: ArgumentHelp("A line: \"description|quantity|unit|TAX\" (repeatable).", valueName: "line"))
        var lines: [String] = []

        @Option(
            name: .customLong("deposit-of"),
            help: ArgumentHelp("Deduct this issued deposit invoice (id or number; repeatable).", valueName: "invoice"))
        var deposits: [String] = []

        @Option(help: ArgumentHelp("The invoice date (default: the day it is finalized).", valueName: "YYYY-MM-DD"))
        var issueDate: String?

        @Option(help: ArgumentHelp("Days from the issue date to the due date (default: billing settings).", valueName: "days"))
        var paymentTerms: Int?

        @Option(help: "A note printed on the invoice.")
        var memo: String?

        @Flag(help: "Leave out the company's standing discount.")
        var noCompanyDiscount = false

        @Flag(help: "Finalize at once: take the number and open the invoice for payment.")
        var finalize = false

        func run() async throws {
            try await withTenant { tenant in
                let invoices = tenant.billing.invoices
                let company = try await tenant.company(self.company)
                let currency = try tenant.currency(self.currency)
                let lineInputs = try lines.enumerated().map { try BillingInput.line($1, index: $0, currency: currency) }
                var depositIds: [InvoiceID] = []
                for reference in deposits {
                    depositIds.append(try await tenant.invoice(reference, field: "deposit_of").id)
                }
                var invoice = try await invoices.create(
                    NewInvoice(
                        companyId: company.id, currency: currency,
                        issueDate: try issueDate.map { try BillingInput.date($0, field: "issue_date") },
                        paymentTermsDays: paymentTerms, memo: memo, applyCompanyDiscount: !noCompanyDiscount, lines: lineInputs,
                        deductDeposits: depositIds.isEmpty ? nil : depositIds),
                    by: tenant.principal)
                if finalize { invoice = try await invoices.finalize(invoice.id, by: tenant.principal) }
                let details = InvoiceDetails(invoice: invoice, company: "\(company.accountNumber) \(company.name)")
                let headline =
                    finalize
                    ? "Issued invoice \(invoice.number ?? "") for \(company.name): \(invoice.total.formatted()), due \(invoice.dueDate?.iso8601 ?? "-")."
                    : "Created draft invoice \(invoice.id) for \(company.name): \(invoice.total.formatted())."
                tenant.output.emit(invoice) { headline + "\n\n" + details.rendered }
            }
        }
    }

    struct AddLine: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-line", abstract: "Add lines to a draft invoice.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The draft invoice's id.")
        var id: String

        @Option(name: .customLong("line"), help: ArgumentHelp("A line: \"description|quantity|unit|TAX\" (repeatable).", valueName: "line"))
        var lines: [String] = []

        func validate() throws {
            if lines.isEmpty { throw ValidationError("Give at least one --line.") }
        }

        func run() async throws {
            try await withTenant { tenant in
                var invoice = try await tenant.invoice(id, field: "id")
                for (index, text) in lines.enumerated() {
                    let line = try BillingInput.line(text, index: index, currency: invoice.currency)
                    invoice = try await tenant.billing.invoices.addLine(invoice.id, line, by: tenant.principal)
                }
                let company = await tenant.companyLabel(invoice.companyId)
                tenant.output.emit(invoice) {
                    "Added \(lines.count) line(s); the draft's total is \(invoice.total.formatted()).\n\n"
                        + InvoiceDetails(invoice: invoice, company: company).rendered
                }
            }
        }
    }

    struct Finalize: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a draft: fix its date, take the next number and open it for payment.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The draft invoice's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                let draft = try await tenant.invoice(id, field: "id")
                return try await tenant.billing.invoices.finalize(draft.id, by: tenant.principal)
            } message: { invoice in
                "Issued invoice \(invoice.number ?? "") (\(invoice.id)): \(invoice.total.formatted()), due \(invoice.dueDate?.iso8601 ?? "-")."
            }
        }
    }

    struct VoidInvoice: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: "Void an issued invoice on which nothing was paid or credited; its number stays used.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The invoice's id or number.")
        var id: String

        @Option(help: "Why it is voided (kept with the invoice and in the audit trail).")
        var reason: String

        func run() async throws {
            try await perform { tenant in
                let found = try await tenant.invoice(id, field: "id")
                return try await tenant.billing.invoices.void(found.id, reason: reason, by: tenant.principal)
            } message: { "Voided invoice \($0.number ?? $0.id.uuidString)." }
        }
    }

    struct Show: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "Show one invoice with its lines.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The invoice's id or number.")
        var id: String

        func run() async throws {
            try await withTenant { tenant in
                let invoice = try await tenant.invoice(id, field: "id")
                let company = await tenant.companyLabel(invoice.companyId)
                tenant.output.emit(invoice) { InvoiceDetails(invoice: invoice, company: company).rendered }
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's invoices, newest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only this company's invoices (id or account number).", valueName: "company"))
        var company: String?

        @Option(help: "Only invoices in this state: draft, open, paid, partially_paid, overdue, void or uncollectible.")
        var status: String?

        @Option(help: "Only invoices of this kind: standard, deposit, subscription, contract or credit_purchase.")
        var kind: String?

        @Option(help: ArgumentHelp("Only invoices whose number contains this text.", valueName: "text"))
        var search: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            try await withTenant { tenant in
                let filter = InvoiceListOptions(
                    sort: ListSort(.createdAt, descending: true), companyId: try await tenant.companyFilter(company),
                    status: try InputValidation.choice(status, as: InvoiceStatus.self, field: "status"),
                    kind: try InputValidation.choice(kind, as: InvoiceKind.self, field: "kind"), search: search)
                let invoices = try await tenant.billing.invoices.list(filter, page: try page.request, by: tenant.principal)
                await tenant.emit(
                    page: invoices, companyOf: \.companyId,
                    headers: ["NUMBER", "STATUS", "KIND", "COMPANY", "ISSUED", "DUE", "TOTAL", "AMOUNT DUE", "ID"]
                ) { invoice, company in
                    [
                        invoice.number ?? "(draft)", invoice.status.rawValue, invoice.kind.rawValue, company,
                        invoice.issueDate?.iso8601 ?? "-", invoice.dueDate?.iso8601 ?? "-", invoice.total.formatted(),
                        invoice.amountDue.formatted(), invoice.id.uuidString,
                    ]
                }
            }
        }
    }
}
