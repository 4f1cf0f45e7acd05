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

    struct Create: AsyncParsableCommand {
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
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let portal = assembled.portal
                let invoices = portal.billing.invoices
                let company = try await CompanyReference.resolve(
                    self.company, field: "company", in: portal.identity.companies, by: scope.principal)
                let currency = try BillingInput.currency(self.currency) ?? scope.tenant.defaultCurrency
                let lineInputs = try lines.enumerated().map { try BillingInput.line($1, index: $0, currency: currency) }
                var depositIds: [InvoiceID] = []
                for reference in deposits {
                    depositIds.append(
                        try await InvoiceReference.resolve(reference, field: "deposit_of", in: invoices, by: scope.principal).id)
                }
                var invoice = try await invoices.create(
                    NewInvoice(
                        companyId: company.id, currency: currency,
                        issueDate: try issueDate.map { try BillingInput.date($0, field: "issue_date") },
                        paymentTermsDays: paymentTerms, memo: memo, applyCompanyDiscount: !noCompanyDiscount, lines: lineInputs,
                        deductDeposits: depositIds.isEmpty ? nil : depositIds),
                    by: scope.principal)
                if finalize { invoice = try await invoices.finalize(invoice.id, by: scope.principal) }
                let details = InvoiceDetails(invoice: invoice, company: "\(company.accountNumber) \(company.name)")
                let headline =
                    finalize
                    ? "Issued invoice \(invoice.number ?? "") for \(company.name): \(invoice.total.formatted()), due \(invoice.dueDate?.iso8601 ?? "-")."
                    : "Created draft invoice \(invoice.id) for \(company.name): \(invoice.total.formatted())."
                session.output.emit(invoice) { headline + "\n\n" + details.rendered }
            }
        }
    }

    struct AddLine: AsyncParsableCommand {
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
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let invoices = assembled.portal.billing.invoices
                var invoice = try await InvoiceReference.resolve(id, field: "id", in: invoices, by: scope.principal)
                for (index, text) in lines.enumerated() {
                    let line = try BillingInput.line(text, index: index, currency: invoice.currency)
                    invoice = try await invoices.addLine(invoice.id, line, by: scope.principal)
                }
                let company = await InvoiceDetails.companyLabel(
                    invoice.companyId, in: assembled.portal.identity.companies, by: scope.principal)
                session.output.emit(invoice) {
                    "Added \(lines.count) line(s); the draft's total is \(invoice.total.formatted()).\n\n"
                        + InvoiceDetails(invoice: invoice, company: company).rendered
                }
            }
        }
    }

    struct Finalize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a draft: fix its date, take the next number and open it for payment.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The draft invoice's id.")
        var id: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let invoices = assembled.portal.billing.invoices
                let draft = try await InvoiceReference.resolve(id, field: "id", in: invoices, by: scope.principal)
                let invoice = try await invoices.finalize(draft.id, by: scope.principal)
                session.output.message(
                    "Issued invoice \(invoice.number ?? "") (\(invoice.id)): \(invoice.total.formatted()), due \(invoice.dueDate?.iso8601 ?? "-").",
                    json: invoice)
            }
        }
    }

    struct VoidInvoice: AsyncParsableCommand {
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
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let invoices = assembled.portal.billing.invoices
                let found = try await InvoiceReference.resolve(id, field: "id", in: invoices, by: scope.principal)
                let invoice = try await invoices.void(found.id, reason: reason, by: scope.principal)
                session.output.message("Voided invoice \(invoice.number ?? invoice.id.uuidString).", json: invoice)
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one invoice with its lines.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The invoice's id or number.")
        var id: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let invoice = try await InvoiceReference.resolve(
                    id, field: "id", in: assembled.portal.billing.invoices, by: scope.principal)
                let company = await InvoiceDetails.companyLabel(
                    invoice.companyId, in: assembled.portal.identity.companies, by: scope.principal)
                session.output.emit(invoice) { InvoiceDetails(invoice: invoice, company: company).rendered }
            }
        }
    }

    struct List: AsyncParsableCommand {
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
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let companies = assembled.portal.identity.companies
                var companyId: CompanyID?
                if let company {
                    companyId = try await CompanyReference.resolve(company, field: "company", in: companies, by: scope.principal).id
                }
                let filter = InvoiceListOptions(
                    sort: ListSort(.createdAt, descending: true), companyId: companyId,
                    status: try InputValidation.choice(status, as: InvoiceStatus.self, field: "status"),
                    kind: try InputValidation.choice(kind, as: InvoiceKind.self, field: "kind"), search: search)
                let invoices = try await assembled.portal.billing.invoices.list(filter, page: try page.request, by: scope.principal)
                var labels: [CompanyID: String] = [:]
                for id in Set(invoices.items.map(\.companyId)) {
                    labels[id] = try? await companies.get(id, by: scope.principal).accountNumber
                }
                session.output.emit(page: invoices) {
                    Table(
                        headers: ["NUMBER", "STATUS", "KIND", "COMPANY", "ISSUED", "DUE", "TOTAL", "AMOUNT DUE", "ID"],
                        rows: invoices.items.map { invoice in
                            [
                                invoice.number ?? "(draft)", invoice.status.rawValue, invoice.kind.rawValue,
                                labels[invoice.companyId] ?? invoice.companyId.uuidString, invoice.issueDate?.iso8601 ?? "-",
                                invoice.dueDate?.iso8601 ?? "-", invoice.total.formatted(), invoice.amountDue.formatted(),
                                invoice.id.uuidString,
                            ]
                        })
                }
            }
        }
    }
}
