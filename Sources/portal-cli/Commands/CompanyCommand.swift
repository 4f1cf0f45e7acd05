import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli company create|list|show|update`: a tenant's client companies.
struct CompanyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "company", abstract: "Create, list, show and update a tenant's client companies.",
        subcommands: [Create.self, List.self, Show.self, Update.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a company with the tenant's next account number.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: "The company's name.")
        var name: String

        @OptionGroup(title: "Company details") var fields: CompanyFieldOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let company = try await assembled.portal.identity.companies.create(fields.input(name: name), by: scope.principal)
                session.output.message(
                    "Created company \(company.accountNumber) \(company.name), id \(company.id).", json: company)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's companies, oldest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: "Only companies in this state: active, suspended or closed.")
        var status: String?

        @Option(help: "Only companies of this type: client, prospect, partner or reseller.")
        var type: String?

        @Option(help: ArgumentHelp("Only companies whose name or account number contains this text.", valueName: "text"))
        var search: String?

        @Option(help: "Order by created_at, updated_at, name or account_number; prefix '-' for descending.")
        var sort = "created_at"

        @OptionGroup var page: PageOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let filter = CompanyListOptions(
                    sort: try ListSort(parsing: sort, allowed: CompanyListOptions.sortFields),
                    status: try InputValidation.choice(status, as: CompanyStatus.self, field: "status"),
                    type: try InputValidation.choice(type, as: CompanyType.self, field: "type"), search: search)
                let companies = try await assembled.portal.identity.companies.list(filter, page: try page.request, by: scope.principal)
                session.output.emit(page: companies) {
                    Table(
                        headers: ["ACCOUNT", "NAME", "STATUS", "TYPE", "DISCOUNT", "INDUSTRY", "ID"],
                        rows: companies.items.map { company in
                            [company.accountNumber, company.name, company.status.rawValue, company.type.rawValue,
                             company.discount == 0 ? "-" : company.discount.description, company.industry.cell,
                             company.id.uuidString]
                        })
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one company.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: ArgumentHelp("The company's id or account number (CT-2026-00017).", valueName: "id-or-account-number"))
        var company: String

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let found = try await CompanyReference.resolve(
                    company, field: "company", in: assembled.portal.identity.companies, by: scope.principal)
                session.output.emit(found) { CompanyDetails(found).rendered }
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a company; options not given stay as they are.",
            discussion: "An empty value clears an optional field: --website ''.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: ArgumentHelp("The company's id or account number.", valueName: "id-or-account-number"))
        var company: String

        @Option(help: "A new name.")
        var name: String?

        @Option(help: "active, suspended or closed.")
        var status: String?

        @OptionGroup(title: "Company details") var fields: CompanyFieldOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let companies = assembled.portal.identity.companies
                let before = try await CompanyReference.resolve(company, field: "company", in: companies, by: scope.principal)
                let input = fields.input(name: name, status: status, over: before.billingAddress)
                let after = try await companies.update(before.id, input, by: scope.principal)
                session.output.emit(after) {
                    (after == before ? "Nothing changed.\n" : "Updated company \(after.accountNumber).\n")
                        + CompanyDetails(after).rendered
                }
            }
        }
    }
}
