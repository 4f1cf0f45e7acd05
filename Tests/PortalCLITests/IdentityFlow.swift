import Foundation
import PortalKernel
import Testing

/// The operator's main identity flow, run against whichever database `cli` points at: create a
/// tenant and its people, companies, contacts, invitations and tokens, then read the audit trail
/// and verify its chain.
struct IdentityFlow {
    let cli: CLIRunner

    func run() throws {
        let migrate = try cli.run("migrate")
        #expect(migrate.status == 0, "\(migrate.stderr)")

        // Tenant.
        let tenant = try decode(
            Tenant.self,
            try cli.run(
                "tenant", "create", "--name", "Acme Digital", "--slug", "acme", "--currency", "ZAR", "--time-zone",
                "Africa/Johannesburg", "--billing-days", "25,1", "--require-2fa-staff", "--json"))
        #expect(tenant.defaultCurrency.code == "ZAR")
        #expect(tenant.billingDays == [1, 25])
        #expect(tenant.requireTwoFactorForStaff && !tenant.requireTwoFactorForOwners)
        let tenants = try cli.run("tenant", "list")
        #expect(tenants.stdout.hasPrefix("SLUG"))
        #expect(tenants.stdout.contains("acme"))

        // Users: one with a password piped in, one without.
        let staff = try cli.run(
            ["user", "create", "--tenant", "acme", "--email", "sam@acme.example", "--name", "Sam Staff", "--password-stdin", "--json"],
            stdin: "correct horse battery staple\n")
        #expect(staff.status == 0, "\(staff.stderr)")
        #expect(try decode(CreatedUser.self, staff).hasPassword)
        #expect(!staff.stdout.contains("correct horse"))
        let client = try cli.run(
            "user", "create", "--tenant", "acme", "--email", "ana@client.example", "--name", "Ana Client", "--kind", "client")
        #expect(client.status == 0, "\(client.stderr)")
        #expect(client.stdout.contains("password reset"))
        let users = try decode(Listed<User>.self, try cli.run("user", "list", "--tenant", "acme", "--json")).items
        #expect(users.map(\.email) == ["sam@acme.example", "ana@client.example"])

        // Companies.
        let karoo = try decode(
            Company.self,
            try cli.run(
                "company", "create", "--tenant", "acme", "--name", "Karoo Coffee", "--industry", "Coffee roasting",
                "--website", "https://karoo.example", "--billing-email", "accounts@karoo.example", "--tax-id", "4123456789",
                "--type", "partner", "--discount", "10", "--city", "Graaff-Reinet", "--country", "ZA", "--json"))
        #expect(karoo.accountNumber.hasPrefix("CT-"))
        #expect(karoo.discount == 10)
        #expect(karoo.type == .partner)
        #expect(karoo.billingAddress?.city == "Graaff-Reinet")
        let blueCrane = try decode(
            Company.self, try cli.run("company", "create", "--tenant", "acme", "--name", "Blue Crane Logistics", "--json"))
        let firstPage = try cli.run("company", "list", "--tenant", "acme", "--limit", "1")
        #expect(firstPage.stdout.contains("Karoo Coffee"))
        #expect(firstPage.stdout.contains("More: --cursor "))
        let page = try decode(Listed<Company>.self, try cli.run("company", "list", "--tenant", "acme", "--limit", "1", "--json"))
        let cursor = try #require(page.nextCursor)
        let secondPage = try decode(
            Listed<Company>.self, try cli.run("company", "list", "--tenant", "acme", "--limit", "1", "--cursor", cursor, "--json"))
        #expect(secondPage.items.map(\.id) == [blueCrane.id])
        #expect(secondPage.nextCursor == nil)
        let searched = try decode(Listed<Company>.self, try cli.run("company", "list", "--tenant", "acme", "--search", "crane", "--json"))
        #expect(searched.items.map(\.id) == [blueCrane.id])

        let byNumber = try cli.run("company", "show", "--tenant", "acme", karoo.accountNumber)
        #expect(byNumber.status == 0, "\(byNumber.stderr)")
        #expect(byNumber.stdout.contains("Name:"))
        #expect(byNumber.stdout.contains("Karoo Coffee"))
        #expect(byNumber.stdout.contains("Graaff-Reinet, ZA"))
        #expect(try decode(Company.self, try cli.run("company", "show", "--tenant", "acme", karoo.id.uuidString, "--json")) == karoo)

        let updated = try decode(
            Company.self,
            try cli.run(
                "company", "update", "--tenant", "acme", karoo.id.uuidString, "--name", "Karoo Coffee Roasters", "--status",
                "suspended", "--postal-code", "6280", "--website", "", "--json"))
        #expect(updated.name == "Karoo Coffee Roasters")
        #expect(updated.status == .suspended)
        #expect(updated.website == nil)
        #expect(updated.billingAddress == PostalAddress(city: "Graaff-Reinet", postalCode: "6280", country: "ZA"))

        // Contacts.
        let contact = try decode(
            Contact.self,
            try cli.run(
                "contact", "add", "--tenant", "acme", "--company", karoo.accountNumber, "--name", "Nomsa Khumalo", "--email",
                "nomsa@karoo.example", "--phone", "+27 82 555 0101", "--title", "Operations Manager", "--json"))
        #expect(contact.companyId == karoo.id)
        _ = try cli.run("contact", "add", "--tenant", "acme", "--company", blueCrane.id.uuidString, "--name", "Ruan Steyn")
        let karooContacts = try decode(
            Listed<Contact>.self, try cli.run("contact", "list", "--tenant", "acme", "--company", karoo.id.uuidString, "--json"))
        #expect(karooContacts.items.map(\.id) == [contact.id])
        let allContacts = try cli.run("contact", "list", "--tenant", "acme")
        #expect(allContacts.stdout.contains("Nomsa Khumalo") && allContacts.stdout.contains("Ruan Steyn"))
        #expect(allContacts.stdout.contains(karoo.accountNumber))

        // Invitations.
        let invited = try cli.run(
            "invite", "create", "--tenant", "acme", "--company", karoo.id.uuidString, "--email", "lerato@karoo.example",
            "--role", "admin", "--name", "Lerato", "--json")
        #expect(invited.status == 0, "\(invited.stderr)")
        let issued = try decode(InvitationReport.self, invited)
        #expect(issued.acceptUrl.hasPrefix("http://127.0.0.1:8080/invitations/accept?token=pi_"))
        #expect(issued.invitation.role == .admin)
        let fromContact = try cli.run(
            "invite", "create", "--tenant", "acme", "--company", karoo.accountNumber, "--contact", contact.id.uuidString,
            "--role", "billing")
        #expect(fromContact.status == 0, "\(fromContact.stderr)")
        #expect(fromContact.stdout.contains("Invited nomsa@karoo.example"))
        #expect(fromContact.stdout.contains("/invitations/accept?token=pi_"))
        #expect(fromContact.stdout.contains("shown only once"))
        let pending = try decode(
            Listed<Invitation>.self,
            try cli.run("invite", "list", "--tenant", "acme", "--company", karoo.id.uuidString, "--status", "pending", "--json"))
        #expect(pending.items.count == 2)
        let revoked = try decode(
            Invitation.self, try cli.run("invite", "revoke", "--tenant", "acme", issued.invitation.id.uuidString, "--json"))
        #expect(revoked.status == .revoked)
        let revokedList = try cli.run("invite", "list", "--tenant", "acme", "--company", karoo.accountNumber, "--status", "revoked")
        #expect(revokedList.stdout.contains("lerato@karoo.example"))
        #expect(!revokedList.stdout.contains("nomsa@karoo.example"))
        let revokeAgain = try cli.run("invite", "revoke", "--tenant", "acme", issued.invitation.id.uuidString)
        #expect(revokeAgain.status == 4)

        // API tokens.
        let created = try cli.run(
            "token", "create", "--tenant", "acme", "--user", "SAM@acme.example", "--name", "CI deploys", "--expires-days", "30",
            "--json")
        #expect(created.status == 0, "\(created.stderr)")
        let token = try decode(TokenReport.self, created)
        #expect(token.secret.hasPrefix("pt_"))
        #expect(token.secret.hasPrefix(token.token.prefix))
        #expect(token.token.expiresAt != nil)
        let text = try cli.run("token", "create", "--tenant", "acme", "--user", "ana@client.example", "--name", "Script")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("\npt_"))
        #expect(text.stdout.contains("shown only once"))
        let tokens = try cli.run("token", "list", "--tenant", "acme")
        #expect(tokens.stdout.contains(token.token.prefix))
        #expect(!tokens.stdout.contains(token.secret))
        #expect(tokens.stdout.contains("sam@acme.example"))
        let revokedToken = try decode(
            APIToken.self, try cli.run("token", "revoke", "--tenant", "acme", token.token.id.uuidString, "--json"))
        #expect(revokedToken.revokedAt != nil)
        let samTokens = try cli.run("token", "list", "--tenant", "acme", "--user", "sam@acme.example")
        #expect(samTokens.stdout.contains("revoked"))
        #expect(!samTokens.stdout.contains("Script"))

        // The audit trail holds every change, by the operator.
        let events = try decode(
            Listed<AuditEvent>.self, try cli.run("audit", "list", "--tenant", "acme", "--limit", "200", "--json")).items
        let actions = Set(events.map(\.action))
        for action in [
            "tenant.created", "user.created", "company.created", "company.updated", "contact.created", "invitation.created",
            "invitation.revoked", "api_token.created", "api_token.revoked",
        ] {
            #expect(actions.contains(action), "missing \(action)")
        }
        #expect(events.allSatisfy { $0.actorLabel.hasPrefix("operator:") })
        #expect(events.map(\.sequence) == Array((1...Int64(events.count)).reversed()))
        let companyEvents = try decode(
            Listed<AuditEvent>.self,
            try cli.run("audit", "list", "--tenant", "acme", "--resource-type", "company", "--resource-id", karoo.id.uuidString, "--json"))
        #expect(companyEvents.items.map(\.action) == ["company.updated", "company.created"])
        let table = try cli.run("audit", "list", "--tenant", "acme", "--limit", "3")
        #expect(table.stdout.hasPrefix("SEQ"))
        #expect(table.stdout.contains("More: --cursor"))
        let future = try decode(
            Listed<AuditEvent>.self, try cli.run("audit", "list", "--tenant", "acme", "--since", "2999-01-01", "--json"))
        #expect(future.items.isEmpty)

        let verify = try cli.run("audit", "verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("acme  intact (\(events.count) events)"), "\(verify.stdout)")
    }
}

// MARK: What the commands print with --json

/// A page of a list command.
struct Listed<Item: Decodable>: Decodable {
    let items: [Item]
    let nextCursor: String?
}

struct CreatedUser: Decodable {
    let user: User
    let hasPassword: Bool
}

struct InvitationReport: Decodable {
    let invitation: Invitation
    let acceptUrl: String
}

struct TokenReport: Decodable {
    let token: APIToken
    let secret: String
}

struct VerifyReport: Decodable {
    let tenant: String
    let intact: Bool
    let eventsChecked: Int64
    let firstBreak: AuditChainBreak?
}

struct DemoReport: Decodable {
    struct Account: Decodable {
        let email: String
        let kind: UserKind
    }

    let seeded: Bool
    let password: String?
    let accounts: [Account]
}

/// Decodes a command's standard output with the kernel's JSON conventions, recording its
/// standard error when it did not exit with `status`.
func decode<Value: Decodable>(
    _ type: Value.Type, _ result: CLIRunner.Result, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Value {
    #expect(result.status == status, "\(result.stderr)", sourceLocation: sourceLocation)
    return try JSONCoding.makeDecoder().decode(type, from: Data(result.stdout.utf8))
}
