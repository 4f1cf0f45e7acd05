import Foundation
import PortalKernel
import PortalSQLite
import PortalTesting
import Testing

/// The operator's identity commands, run as the built binary against a fresh database.
@Suite("portal-cli identity commands")
struct IdentityCLITests {
    let folder: String
    let cli: CLIRunner

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite"])
    }

    var databasePath: String { "\(folder)/portal.sqlite" }

    @Test("tenant, users, companies, contacts, invitations and tokens are audited, and tampering is detected")
    func operatorFlow() async throws {
        try IdentityFlow(cli: cli).run()

        // Alter an audit event behind the kernel's back: the append-only trigger has to go first.
        let database = try await SQLiteDatabase.open(configuration: SQLiteConfiguration(path: databasePath))
        try await database.write { connection in
            _ = try connection.execute("DROP TRIGGER audit_events_no_update")
            _ = try connection.execute("UPDATE audit_events SET action = 'x' WHERE sequence = 2")
        }
        await database.close()

        let verify = try cli.run("audit", "verify")
        #expect(verify.status == 7, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("acme  BROKEN at sequence 2"), "\(verify.stdout)")
        #expect(verify.stdout.contains("altered"))
        #expect(verify.stderr.contains("audit_chain_broken"))
        let json = try cli.run("audit", "verify", "--tenant", "acme", "--json")
        #expect(json.status == 7)
        let reports = try decode([VerifyReport].self, json, status: 7)
        #expect(reports.first?.firstBreak?.sequence == 2)
        #expect(reports.first?.intact == false)
    }

    @Test("demo --if-empty seeds once, through the audited use cases")
    func demo() throws {
        let seeding = CLIRunner(environment: cli.environment.merging(["PORTAL_DEMO_PASSWORD": "kudu-springbok-42"]) { _, new in new })
        #expect(try seeding.run("migrate").status == 0)
        let first = try seeding.run("demo", "--if-empty")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Password: kudu-springbok-42"))
        #expect(first.stdout.contains("admin@demo.example"))
        #expect(first.stdout.contains("curl -i -X POST http://127.0.0.1:8080/api/v1/auth/login"))
        #expect(first.stdout.contains(#""tenant":"demo""#))
        let second = try seeding.run("demo", "--if-empty")
        #expect(second.status == 0)
        #expect(second.stdout.contains("nothing to seed"))
        #expect(!second.stdout.contains("kudu-springbok-42"))
        let again = try seeding.run("demo")
        #expect(again.status == 4, "without --if-empty an existing demo tenant is a conflict")

        let tenants = try decode([Tenant].self, try cli.run("tenant", "list", "--json"))
        #expect(tenants.map(\.slug) == ["demo"])
        #expect(tenants.first?.defaultCurrency.code == "ZAR")
        #expect(tenants.first?.billingDays == [1, 25])
        let companies = try decode(Listed<Company>.self, try cli.run("company", "list", "--tenant", "demo", "--json")).items
        #expect(companies.count == 3)
        #expect(companies.filter { $0.discount == 10 }.count == 1)
        #expect(companies.allSatisfy { $0.billingAddress?.country == "ZA" })
        let contacts = try decode(Listed<Contact>.self, try cli.run("contact", "list", "--tenant", "demo", "--json")).items
        #expect(contacts.count == 6)
        let users = try decode(Listed<User>.self, try cli.run("user", "list", "--tenant", "demo", "--json")).items
        #expect(Set(users.map(\.kind)) == [.staff, .agencyAdmin, .developer, .client])
        let events = try decode(
            Listed<AuditEvent>.self, try cli.run("audit", "list", "--tenant", "demo", "--limit", "200", "--json")).items
        #expect(events.contains { $0.action == "membership.created" })
        // The operator seeds everything, except the contract its client owner signs after signing in.
        #expect(events.filter { $0.actorType != "operator" }.map(\.action).sorted()
            == ["company.current_contract_changed", "contract.signed", "session.created", "session.ended"])
        let verify = try cli.run("audit", "verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("demo  intact (\(events.count) events)"))
    }

    @Test("without PORTAL_DEMO_PASSWORD the demo password is random")
    func demoRandomPassword() throws {
        #expect(try cli.run("migrate").status == 0)
        let result = try cli.run("demo", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try decode(DemoReport.self, result)
        #expect(report.seeded)
        #expect((report.password ?? "").count >= 20)
        #expect(report.accounts.count == 6)
    }

    @Test("bad input exits with the documented codes and names the field")
    func badInput() throws {
        #expect(try cli.run("migrate").status == 0)
        #expect(try cli.run("tenant", "create", "--name", "Acme", "--slug", "acme").status == 0)

        let email = try cli.run("user", "create", "--tenant", "acme", "--email", "not-an-email", "--name", "X")
        #expect(email.status == 2)
        #expect(email.stderr.contains("(email)"), "\(email.stderr)")

        let company = try decode(
            Company.self, try cli.run("company", "create", "--tenant", "acme", "--name", "Karoo", "--json"))
        let role = try cli.run(
            "invite", "create", "--tenant", "acme", "--company", company.id.uuidString, "--email", "a@b.example", "--role", "boss",
            "--json")
        #expect(role.status == 2)
        #expect(role.stderr.contains(#""field":"role""#), "\(role.stderr)")

        let tenant = try cli.run("company", "list", "--tenant", "nowhere")
        #expect(tenant.status == 3)
        #expect(tenant.stderr.contains("(tenant)"), "\(tenant.stderr)")

        let slug = try cli.run("tenant", "create", "--name", "Acme again", "--slug", "acme")
        #expect(slug.status == 4)
        #expect(slug.stderr.contains("(slug)"))

        let days = try cli.run("tenant", "create", "--name", "B", "--slug", "bee", "--billing-days", "1,32")
        #expect(days.status == 2)
        #expect(days.stderr.contains("(billing_days)"))

        let discount = try cli.run("company", "update", "--tenant", "acme", company.accountNumber, "--discount", "120")
        #expect(discount.status == 2)
        #expect(discount.stderr.contains("(discount)"))

        let missing = try cli.run("company", "show", "--tenant", "acme", "CT-1999-99999")
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("(company)"))

        let token = try cli.run("token", "create", "--tenant", "acme", "--user", "nobody@acme.example", "--name", "CI")
        #expect(token.status == 3)
        #expect(token.stderr.contains("(user)"))

        let since = try cli.run("audit", "list", "--tenant", "acme", "--since", "yesterday")
        #expect(since.status == 2)
        #expect(since.stderr.contains("(since)"))
    }

    @Test("a password given as an argument is refused, and never echoed")
    func passwordArgumentRefused() throws {
        #expect(try cli.run("migrate").status == 0)
        #expect(try cli.run("tenant", "create", "--name", "Acme", "--slug", "acme").status == 0)
        let result = try cli.run(
            "user", "create", "--tenant", "acme", "--email", "ana@acme.example", "--name", "Ana", "--password", "hunter2-hunter2")
        #expect(result.status == 64)
        #expect(result.stderr.contains("--password-stdin"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2") && !result.stdout.contains("hunter2"))
        let users = try decode(Listed<User>.self, try cli.run("user", "list", "--tenant", "acme", "--json")).items
        #expect(users.isEmpty)

        let short = try cli.run(
            ["user", "create", "--tenant", "acme", "--email", "ana@acme.example", "--name", "Ana", "--password-stdin"],
            stdin: "short\n")
        #expect(short.status == 2)
        #expect(short.stderr.contains("(password)"))
        let empty = try cli.run(
            ["user", "create", "--tenant", "acme", "--email", "ana@acme.example", "--name", "Ana", "--password-stdin"], stdin: "")
        #expect(empty.status == 2)
    }

    @Test("the main flow works against PostgreSQL")
    func postgres() async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        let keys = "k1:" + Data(repeating: 1, count: 32).base64EncodedString()
        let pg = CLIRunner(environment: ["PORTAL_DATABASE_URL": url, "PORTAL_SECRETS_KEYS": keys])
        try IdentityFlow(cli: pg).run()
    }
}
