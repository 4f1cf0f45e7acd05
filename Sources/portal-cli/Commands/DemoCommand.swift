import ArgumentParser
import Foundation
import PortalAssembly
import PortalKernel

/// `portal-cli demo [--if-empty]`: seeds a demo tenant to explore Portal with.
///
/// Everything is created through the kernel's use cases, as the operator, so the demo data is
/// validated, numbered and audited exactly like data entered by people.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Seed a demo tenant (slug demo) with companies, contacts, users, memberships, billing and an engagement.",
        discussion: """
            Every demo user gets the same password, printed at the end: a random one for each run, or the \
            value of the PORTAL_DEMO_PASSWORD environment variable (never an argument). Without --if-empty an \
            existing demo tenant is a conflict (exit 4).
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: PortalCommand

    @Flag(help: "Do nothing (and say so) when a tenant with the slug demo exists; `make run` uses this.")
    var ifEmpty = false

    /// One demo account and what it may reach.
    struct Account: Encodable {
        let email: String
        let name: String
        let kind: UserKind
        let memberships: [String]
    }

    struct Report: Encodable {
        let seeded: Bool
        let tenant: String
        let message: String
        let password: String?
        let accounts: [Account]
        let companies: [Company]
        let loginUrl: String?
        let billing: BillingDemo.Seeded?
        var engagement: EngagementDemo.Seeded? = nil
    }

    func run() async throws {
        let session = CommandSession(options.merged(over: root.globals))
        try await session.withPortal { assembled, _ in
            let slug = DemoData.tenant.slug ?? "demo"
            let tenants = assembled.portal.identity.tenants
            if ifEmpty, try await tenants.find(slug: slug) != nil {
                let message = "A tenant with the slug \(slug) exists; nothing to seed."
                session.output.message(
                    message,
                    json: Report(
                        seeded: false, tenant: slug, message: message, password: nil, accounts: [], companies: [], loginUrl: nil,
                        billing: nil))
                return
            }
            let password = try Self.password()
            let seeded: Seeded
            do {
                seeded = try await Self.seed(assembled.portal, password: password)
            } catch let error as PortalError where ifEmpty && error.code == .conflict && error.field == "slug" {
                // Another process seeded it meanwhile.
                let message = "A tenant with the slug \(slug) exists; nothing to seed."
                session.output.message(
                    message,
                    json: Report(
                        seeded: false, tenant: slug, message: message, password: nil, accounts: [], companies: [], loginUrl: nil,
                        billing: nil))
                return
            }
            let loginURL = Self.apiBase(assembled.configuration) + "/api/v1/auth/login"
            let report = Report(
                seeded: true, tenant: seeded.tenant.slug,
                message: "Seeded the demo tenant \(seeded.tenant.name) (slug \(seeded.tenant.slug)).", password: password,
                accounts: seeded.accounts, companies: seeded.companies, loginUrl: loginURL, billing: seeded.billing,
                engagement: seeded.engagement)
            session.output.message(Self.text(report, loginURL: loginURL, password: password), json: report)
        }
    }

    /// The demo password: `PORTAL_DEMO_PASSWORD`, or 100 random bits as `xxxxx-xxxxx-xxxxx-xxxxx`.
    static func password() throws -> String {
        if let chosen = ProcessInfo.processInfo.environment["PORTAL_DEMO_PASSWORD"], !chosen.isEmpty {
            try PasswordRules.validate(chosen, field: "PORTAL_DEMO_PASSWORD")
            return chosen
        }
        return RecoveryCodes.generate(count: 2).joined(separator: "-")
    }

    struct Seeded {
        let tenant: Tenant
        let accounts: [Account]
        let companies: [Company]
        let billing: BillingDemo.Seeded
        let engagement: EngagementDemo.Seeded
    }

    /// Creates the demo tenant and everything in it, one use case at a time.
    static func seed(_ portal: Portal, password: String) async throws -> Seeded {
        let identity = portal.identity
        let tenant = try await identity.tenants.create(DemoData.tenant, operatorName: OperatorScope.operatorName)
        let principal = OperatorScope(tenant: tenant).principal
        let memberships = identity.memberships

        func user(_ person: DemoData.Person, agency: AgencyID? = nil) async throws -> User {
            try await identity.users.create(
                NewUser(
                    email: person.email, name: person.name, kind: person.kind.rawValue, agencyId: agency?.uuidString,
                    password: password),
                by: principal)
        }

        let staff = try await user(DemoData.staff)
        let agency = try await identity.agencies.create(name: DemoData.agencyName, by: principal)
        let agencyAdmin = try await user(DemoData.agencyAdmin, agency: agency.id)
        let developer = try await user(DemoData.developer, agency: agency.id)
        let owner = try await user(DemoData.owner)
        let billing = try await user(DemoData.billing)
        let viewer = try await user(DemoData.viewer)

        var companies: [Company] = []
        for seed in [DemoData.karoo, DemoData.blueCrane, DemoData.umhlanga] {
            let company = try await identity.companies.create(seed.input, by: principal)
            for contact in seed.contacts {
                _ = try await identity.contacts.add(contact, to: company.id, by: principal)
            }
            companies.append(company)
        }
        let (karoo, blueCrane, umhlanga) = (companies[0], companies[1], companies[2])

        var reach: [UserID: [String]] = [:]
        for (member, company, role) in [
            (owner, karoo, CompanyRole.owner), (owner, blueCrane, .owner), (billing, blueCrane, .billing),
            (viewer, umhlanga, .viewer), (developer, karoo, .developer), (developer, umhlanga, .developer),
        ] {
            _ = try await memberships.add(company: company.id, userId: member.id, role: role.rawValue, by: principal)
            reach[member.id, default: []].append("\(role.rawValue) of \(company.name)")
        }
        let billingSeed = try await BillingDemo.seed(portal, tenant: tenant, principal: principal, companies: companies)
        let engagementSeed = try await EngagementDemo.seed(
            portal, tenant: tenant, principal: principal, companies: companies, signer: (DemoData.owner, password))
        reach[staff.id] = ["all of the tenant"]
        reach[agencyAdmin.id] = ["\(agency.name): its developers and the companies they serve"]

        let accounts = [staff, agencyAdmin, developer, owner, billing, viewer].map { user in
            Account(email: user.email, name: user.name, kind: user.kind, memberships: reach[user.id] ?? [])
        }
        return Seeded(tenant: tenant, accounts: accounts, companies: companies, billing: billingSeed, engagement: engagementSeed)
    }

    /// Where the HTTP server answers: `http.public_url` when set, else the configured address.
    static func apiBase(_ configuration: PortalConfiguration) -> String {
        if let url = configuration.source.values["http.public_url"], !url.isEmpty {
            return configuration.identity.publicURL
        }
        let host = ["0.0.0.0", "::", ""].contains(configuration.http.host) ? "127.0.0.1" : configuration.http.host
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return "http://\(bracketed):\(configuration.http.port == 0 ? 8080 : configuration.http.port)"
    }

    static func text(_ report: Report, loginURL: String, password: String) -> String {
        let chosenPassword = ProcessInfo.processInfo.environment["PORTAL_DEMO_PASSWORD"] == password
        let width = report.accounts.map(\.email.count).max() ?? 0
        let kindWidth = report.accounts.map(\.kind.rawValue.count).max() ?? 0
        let accounts = report.accounts.map { account in
            let email = account.email + String(repeating: " ", count: width - account.email.count)
            let kind = account.kind.rawValue + String(repeating: " ", count: kindWidth - account.kind.rawValue.count)
            let reach = account.memberships.isEmpty ? "" : " (\(account.memberships.joined(separator: "; ")))"
            return "  \(email)  \(kind)  \(account.name)\(reach)"
        }.joined(separator: "\n")
        let companies = report.companies.map { "  \($0.accountNumber)  \($0.name)" }.joined(separator: "\n")
        let body = (try? JSONCoding.encodeToString(
            ["tenant": report.tenant, "email": report.accounts.first?.email ?? "", "password": password])) ?? "{}"
        return """
            \(report.message)

            Companies:
            \(companies)

            \(report.billing.map { BillingDemo.text($0, companies: report.companies) } ?? "")

            \(report.engagement.map { EngagementDemo.text($0, companies: report.companies) } ?? "")

            Accounts (all with the same password):
            \(accounts)

            Password: \(password)
            (\(chosenPassword ? "from PORTAL_DEMO_PASSWORD" : "random for each run; set PORTAL_DEMO_PASSWORD to choose it"))

            Sign in with the tenant slug \(report.tenant), an email above and the password, for example:
              curl -i -X POST \(loginURL) \\
                -H 'Content-Type: application/json' \\
                -d \(shellQuoted(body))
            """
    }

    /// `text` in single quotes for a POSIX shell.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
