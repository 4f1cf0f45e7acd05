import ArgumentParser
import PortalAssembly
import PortalKernel

extension InvoiceCommand {
    /// `invoice deposit`: a deposit billed up front, deducted later with `invoice create --deposit-of`.
    struct Deposit: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a draft deposit invoice: a fixed amount, or a percent of an engagement's value.",
            discussion: """
                Give --amount, or --percent with --of. Deduct the issued deposit on the final invoice with \
                `invoice create … --deposit-of NUMBER`.
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company billed: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: ArgumentHelp("The deposit, as decimal text (5000.00).", valueName: "amount"))
        var amount: String?

        @Option(help: ArgumentHelp("The deposit as a percent of --of (50).", valueName: "percent"))
        var percent: String?

        @Option(name: .customLong("of"), help: ArgumentHelp("The engagement's value the percent is taken of.", valueName: "amount"))
        var ofAmount: String?

        @Option(help: "The invoice's currency (default: the tenant's).")
        var currency: String?

        @Option(help: "The line's description (default: Deposit).")
        var description: String?

        @Option(help: ArgumentHelp("A tax rate code for the line (VAT).", valueName: "code"))
        var tax: String?

        @Flag(help: "Finalize at once: take the number and open the invoice for payment.")
        var finalize = false

        func run() async throws {
            try await withTenant { tenant in
                let invoices = tenant.billing.invoices
                let company = try await tenant.company(self.company)
                let currency = try tenant.currency(self.currency)
                let input = NewDepositInvoice(
                    companyId: company.id, currency: currency, description: description,
                    amount: try amount.map { try BillingInput.amount($0, currency: currency, field: "amount") },
                    percent: try percent.map { try Percentage($0, field: "percent") },
                    ofAmount: try ofAmount.map { try BillingInput.amount($0, currency: currency, field: "of_amount") }, taxCode: tax)
                var invoice = try await invoices.createDeposit(input, by: tenant.principal)
                if finalize { invoice = try await invoices.finalize(invoice.id, by: tenant.principal) }
                tenant.output.message(
                    finalize
                        ? "Issued deposit invoice \(invoice.number ?? "") for \(company.name): \(invoice.total.formatted())."
                        : "Created draft deposit invoice \(invoice.id) for \(company.name): \(invoice.total.formatted()).",
                    json: invoice)
            }
        }
    }
}
