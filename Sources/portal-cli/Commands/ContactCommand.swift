import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli contact add|list`: the people on the client side of each company.
struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Add and list the contacts of a tenant's companies.",
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a contact to a company.",
            discussion: "Invite a contact to become a company user with `portal-cli invite create … --contact ID`.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The company's id or account number.", valueName: "id-or-account-number"))
        var company: String

        @Option(help: "The contact's full name.")
        var name: String

        @Option(help: "The contact's email address.")
        var email: String?

        @Option(help: "The contact's phone number.")
        var phone: String?

        @Option(help: "The contact's job title.")
        var title: String?

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let identity = assembled.portal.identity
                let target = try await CompanyReference.resolve(company, field: "company", in: identity.companies, by: scope.principal)
                let contact = try await identity.contacts.add(
                    ContactInput(name: name, email: email, phone: phone, title: title), to: target.id, by: scope.principal)
                session.output.message(
                    "Added contact \(contact.name) to \(target.accountNumber) \(target.name), id \(contact.id).", json: contact)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List contacts, of one company or of all, oldest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only this company's contacts (id or account number).", valueName: "id-or-account-number"))
        var company: String?

        @Option(help: ArgumentHelp("Only contacts whose name or email contains this text.", valueName: "text"))
        var search: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            let session = CommandSession(options.merged(over: root.globals))
            try await session.withTenant(scope.tenant) { assembled, scope in
                let identity = assembled.portal.identity
                var target: Company?
                if let company {
                    target = try await CompanyReference.resolve(company, field: "company", in: identity.companies, by: scope.principal)
                }
                let contacts = try await identity.contacts.list(
                    ContactListOptions(search: search), company: target?.id, page: try page.request, by: scope.principal)
                var accounts: [CompanyID: String] = [:]
                if let target { accounts[target.id] = target.accountNumber }
                for id in Set(contacts.items.map(\.companyId)) where accounts[id] == nil {
                    accounts[id] = try await identity.companies.get(id, by: scope.principal).accountNumber
                }
                session.output.emit(page: contacts) {
                    Table(
                        headers: ["NAME", "EMAIL", "PHONE", "TITLE", "COMPANY", "USER", "ID"],
                        rows: contacts.items.map { contact in
                            [contact.name, contact.email.cell, contact.phone.cell, contact.title.cell,
                             accounts[contact.companyId] ?? contact.companyId.uuidString, contact.userId == nil ? "-" : "yes",
                             contact.id.uuidString]
                        })
                }
            }
        }
    }
}
