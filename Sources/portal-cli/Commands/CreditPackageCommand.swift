import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli credit-package create|list|purchase`: bundles of usage credits companies buy.
struct CreditPackageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credit-package", abstract: "Create, list and sell packages of usage credits.",
        subcommands: [Create.self, List.self, Purchase.self])

    struct Create: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "Create a credit package.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: "The package's name.")
        var name: String

        @Option(help: ArgumentHelp("The credits granted once its invoice is paid.", valueName: "credits"))
        var credits: String

        @Option(help: ArgumentHelp("The list price, as decimal text (900.00).", valueName: "amount"))
        var price: String

        @Option(help: "The package's currency (default: the tenant's).")
        var currency: String?

        @Option(help: ArgumentHelp("A discount off the price, in percent.", valueName: "percent"))
        var discount: String?

        @Option(help: ArgumentHelp("The tax rate code of its invoice line (VAT).", valueName: "code"))
        var tax: String?

        @Option(help: "Order in the shop (lowest first).")
        var sortOrder: Int?

        @Flag(help: "Highlight it in the shop.")
        var featured = false

        func run() async throws {
            try await perform { tenant in
                let currency = try tenant.currency(self.currency)
                return try await tenant.billing.creditPackages.create(
                    NewCreditPackage(
                        name: name, credits: try BillingInput.credits(credits), currency: currency,
                        price: try BillingInput.amount(price, currency: currency, field: "price"),
                        discountPercent: try discount.map { try Percentage($0, field: "discount") }, featured: featured,
                        sortOrder: sortOrder, taxCode: tax),
                    by: tenant.principal)
            } message: { package in
                "Created credit package \"\(package.name)\": \(package.credits) credits for \(package.price.formatted()), id \(package.id)."
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List the packages in shop order.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Flag(help: "Include packages no longer on sale.")
        var all = false

        func run() async throws {
            try await withTenant { tenant in
                let packages = try await tenant.billing.creditPackages.list(includeInactive: all, by: tenant.principal)
                tenant.output.emit(packages) {
                    Table(
                        headers: ["NAME", "CREDITS", "PRICE", "DISCOUNT", "TAX", "FEATURED", "ACTIVE", "ID"],
                        rows: packages.map { package in
                            [package.name, String(package.credits), package.price.formatted(),
                             package.discountPercent == .zero ? "-" : package.discountPercent.description, package.taxCode.cell,
                             package.featured ? "yes" : "no", package.active ? "yes" : "no", package.id.uuidString]
                        })
                }
            }
        }
    }

    struct Purchase: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sell a package to a company: an issued invoice whose credits are granted once it is paid.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The package's id.")
        var id: String

        @Option(help: ArgumentHelp("The buying company: its id or account number.", valueName: "company"))
        var company: String

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let invoice = try await tenant.billing.creditPackages.purchase(
                    try CreditPackageID(parsing: id, field: "id"), for: company.id, by: tenant.principal)
                tenant.output.message(
                    "Issued invoice \(invoice.number ?? "") to \(company.name) for \(invoice.total.formatted()); "
                        + "\(invoice.creditsOnPayment) credits are granted once it is paid.",
                    json: invoice)
            }
        }
    }
}
