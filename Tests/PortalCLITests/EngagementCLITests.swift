import Foundation
import PortalKernel
import Testing

/// The operator's proposal and deliverable commands, run as the built binary against a fresh
/// SQLite database.
@Suite("portal-cli proposal and deliverable commands")
struct EngagementCLITests {
    let folder: String
    let cli: CLIRunner
    /// Today (UTC); every date is far enough from it that the tenant's time zone does not matter.
    let today = TenantTimeZone.utc.localDate(of: Instant(Date()))

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        cli = CLIRunner(environment: ["PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite"])
    }

    @Test("create, send, approve, work on a deliverable, and show the progress; invoice a payment early")
    func proposalFlow() throws {
        let (company, _) = try setUp()
        let draft = try createProposal(company: company)
        #expect(draft.status == .draft)
        #expect(draft.phases.map(\.name) == ["Discovery", "Build"])
        #expect(draft.milestones.map(\.title) == ["Brief", "Shop live"])
        #expect(draft.payments.map(\.amount.minorUnits) == [100_000, 200_000])
        #expect(draft.payments.map(\.taxCode) == ["VAT", nil])

        let sent = try decode(Proposal.self, try cli.run("proposal", "send", "--tenant", "acme", draft.id.uuidString, "--json"))
        #expect(sent.status == .sent)
        let approve = try cli.run("proposal", "approve", "--tenant", "acme", draft.id.uuidString)
        #expect(approve.status == 0, "\(approve.stderr)")
        #expect(approve.stdout.contains("2 deliverable(s) created, 1 scheduled payment(s) invoiced"), "\(approve.stdout)")

        let deliverables = try decode(
            Listed<Deliverable>.self,
            try cli.run("deliverable", "list", "--tenant", "acme", "--proposal", draft.id.uuidString, "--json")
        ).items
        #expect(deliverables.count == 2)
        #expect(deliverables.allSatisfy { $0.status == .pending })
        let brief = try #require(deliverables.first { $0.title == "Brief" })
        #expect(try cli.run("deliverable", "update", "--tenant", "acme", brief.id.uuidString, "--status", "in_progress").status == 0)
        let done = try decode(
            Deliverable.self,
            try cli.run("deliverable", "update", "--tenant", "acme", brief.id.uuidString, "--status", "completed", "--json"))
        #expect(done.status == .completed)
        #expect(done.completedAt != nil)

        let shown = try cli.run("proposal", "show", "--tenant", "acme", draft.id.uuidString)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Status:    active"), "starting work made it active: \(shown.stdout)")
        #expect(shown.stdout.contains("1 of 2 deliverables completed (50%), 0 blocked, 0 overdue"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Next milestone:  Shop live, due \(today.adding(days: 40))"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Next payment:    Deposit, ZAR 1,150.00 due \(today) (invoiced, INV-"), "\(shown.stdout)")
        let report = try decode(ShownProposal.self, try cli.run("proposal", "show", "--tenant", "acme", draft.id.uuidString, "--json"))
        #expect(report.portal.status.progressPercent == 50)
        #expect(report.portal.payments.map(\.status) == [.invoiced, .pending])
        let number = try #require(report.portal.payments.first?.invoice?.number)
        #expect(shown.stdout.contains(number))

        let active = try decode(
            Listed<Proposal>.self, try cli.run("proposal", "list", "--tenant", "acme", "--status", "active", "--json"))
        #expect(active.items.map(\.id) == [draft.id])
        let table = try cli.run("deliverable", "list", "--tenant", "acme", "--contact", "johan@karoo.example", "--status", "completed")
        #expect(table.stdout.contains("Brief"), "\(table.stdout)")
        #expect(!table.stdout.contains("Shop live"))

        // The second item, named by its # in proposal show, is invoiced now; a second time is a conflict.
        let early = try decode(
            Invoice.self, try cli.run("proposal", "invoice-payment", "--tenant", "acme", draft.id.uuidString, "2", "--json"))
        #expect(early.total.minorUnits == 200_000)
        #expect(early.number != nil)
        let again = try cli.run("proposal", "invoice-payment", "--tenant", "acme", draft.id.uuidString, "2")
        #expect(again.status == 4, "\(again.stderr)")
        #expect(try cli.run("audit", "verify").status == 0)
    }

    @Test("a plan file in the API's shape; a bad field in it is named")
    func planFile() throws {
        let (company, _) = try setUp()
        let path = "\(folder)/plan.json"
        try """
            {"phases": [{"name": "Discovery", "description": "Workshops"}],
             "milestones": [{"title": "Brief", "phase": "Discovery", "due_date": "\(today.adding(days: 10))"}],
             "payments": [{"description": "Deposit", "amount": 50000, "due_date": "\(today.adding(days: 30))", "tax_code": "VAT"}]}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let proposal = try decode(
            Proposal.self,
            try cli.run(
                "proposal", "create", "--tenant", "acme", "--company", company.accountNumber, "--contact", "johan@karoo.example",
                "--title", "Audit", "--purpose", "Find what to fix", "--plan", path, "--json"))
        #expect(proposal.phases.first?.description == "Workshops")
        #expect(proposal.milestones.map(\.dueDate) == [today.adding(days: 10)])
        #expect(proposal.payments.map(\.amount.minorUnits) == [50_000])

        try #"{"milestones": [{"title": "Brief", "due_date": "soon"}]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try cli.run(
            "proposal", "create", "--tenant", "acme", "--company", company.accountNumber, "--contact", "johan@karoo.example",
            "--title", "Audit", "--purpose", "Find what to fix", "--plan", path)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("(plan.milestones[0].due_date)"), "\(bad.stderr)")
        let both = try cli.run(
            "proposal", "create", "--tenant", "acme", "--company", company.accountNumber, "--contact", "johan@karoo.example",
            "--title", "Audit", "--purpose", "P", "--plan", path, "--phase", "Build")
        #expect(both.status == 64, "usage error: \(both.stderr)")
    }

    @Test("bad transitions exit 4; blocking without notes and bad input exit 2 naming the field")
    func badTransitionsAndInput() throws {
        let (company, contact) = try setUp()
        let draft = try createProposal(company: company)
        let id = draft.id.uuidString

        let notSent = try cli.run("proposal", "approve", "--tenant", "acme", id)
        #expect(notSent.status == 4, "\(notSent.stderr)")
        #expect(notSent.stderr.contains("(status)"))
        let completed = try cli.run("proposal", "status", "--tenant", "acme", id, "completed")
        #expect(completed.status == 4, "\(completed.stderr)")
        let unknown = try cli.run("proposal", "status", "--tenant", "acme", id, "finished")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("(status)"))
        let early = try cli.run(
            "deliverable", "add", "--tenant", "acme", "--contact", contact.id.uuidString, "--title", "Early", "--proposal", id)
        #expect(early.status == 4 && early.stderr.contains("(proposal_id)"), "\(early.stderr)")
        #expect(try cli.run("proposal", "send", "--tenant", "acme", id).status == 0)
        #expect(try cli.run("proposal", "approve", "--tenant", "acme", id).status == 0)

        let added = try decode(
            Deliverable.self,
            try cli.run(
                "deliverable", "add", "--tenant", "acme", "--contact", contact.id.uuidString, "--title", "Logo", "--proposal", id,
                "--milestone", "1", "--category", "design", "--due", today.adding(days: 5).iso8601, "--json"))
        #expect(added.milestoneId == draft.milestones.first?.id)
        #expect(added.status == .pending)
        let blocked = try cli.run("deliverable", "update", "--tenant", "acme", added.id.uuidString, "--status", "blocked")
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("(notes)"), "\(blocked.stderr)")
        let skipped = try cli.run("deliverable", "update", "--tenant", "acme", added.id.uuidString, "--status", "completed")
        #expect(skipped.status == 4)
        let withNotes = try decode(
            Deliverable.self,
            try cli.run(
                "deliverable", "update", "--tenant", "acme", added.id.uuidString, "--status", "blocked", "--notes",
                "Waiting for the brand guide", "--json"))
        #expect(withNotes.status == .blocked)
        #expect(withNotes.notes == "Waiting for the brand guide")

        let amount = try cli.run(
            "proposal", "create", "--tenant", "acme", "--company", company.accountNumber, "--contact", "johan@karoo.example",
            "--title", "T", "--purpose", "P", "--payment", "Deposit|lots|2026-12-01")
        #expect(amount.status == 2)
        #expect(amount.stderr.contains("(payments[0].amount)"), "\(amount.stderr)")
        let phase = try cli.run(
            "proposal", "create", "--tenant", "acme", "--company", company.accountNumber, "--contact", "johan@karoo.example",
            "--title", "T", "--purpose", "P", "--milestone", "Brief|Nowhere|2026-12-01")
        #expect(phase.status == 2)
        #expect(phase.stderr.contains("(milestones[0].phase)"), "\(phase.stderr)")
        let nobody = try cli.run(
            "proposal", "create", "--tenant", "acme", "--company", company.accountNumber, "--contact", "nobody@karoo.example",
            "--title", "T", "--purpose", "P")
        #expect(nobody.status == 3)
        #expect(nobody.stderr.contains("(contact)"))
        let missing = try cli.run("proposal", "show", "--tenant", "acme", UUID().uuidString.lowercased())
        #expect(missing.status == 3)
    }

    @Test("share prints a URL and token once; links lists it; revoke-link revokes it")
    func shareLinks() throws {
        let (company, _) = try setUp()
        let id = try createProposal(company: company).id.uuidString
        let draft = try cli.run("proposal", "share", "--tenant", "acme", id)
        #expect(draft.status == 4 && draft.stderr.contains("drafts"), "\(draft.stderr)")
        #expect(try cli.run("proposal", "send", "--tenant", "acme", id).status == 0)
        let shared = try cli.run("proposal", "share", "--tenant", "acme", id, "--days", "7")
        #expect(shared.status == 0, "\(shared.stderr)")
        let token = try #require(shared.stdout.split(separator: "\n").first { $0.hasPrefix("Token: ") }?.dropFirst(7))
        #expect(token.hasPrefix("pl_"))
        #expect(shared.stdout.contains("/api/v1/shared/portal/\(token)"), "\(shared.stdout)")

        let links = try decode([PortalLink].self, try cli.run("proposal", "links", "--tenant", "acme", id, "--json"))
        #expect(links.count == 1)
        let listed = try cli.run("proposal", "links", "--tenant", "acme", id)
        #expect(listed.stdout.contains("active"))
        #expect(!listed.stdout.contains(String(token)), "the token is shown only once")
        let link = try #require(links.first)
        let revoked = try cli.run("proposal", "revoke-link", "--tenant", "acme", id, link.id.uuidString)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        let after = try decode([PortalLink].self, try cli.run("proposal", "links", "--tenant", "acme", id, "--json"))
        #expect(after.first?.revokedAt != nil)
        let tooLong = try cli.run("proposal", "share", "--tenant", "acme", id, "--days", "400")
        #expect(tooLong.status == 2)
    }

    @Test("demo seeds an approved engagement with work under way")
    func demoEngagement() throws {
        #expect(try cli.run("migrate").status == 0)
        let seeded = try cli.run("demo")
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(seeded.stdout.contains("Engagement:"))
        let proposals = try decode(Listed<Proposal>.self, try cli.run("proposal", "list", "--tenant", "demo", "--json")).items
        let proposal = try #require(proposals.first)
        #expect(proposals.count == 1)
        #expect(proposal.status == .active)
        let report = try decode(
            ShownProposal.self, try cli.run("proposal", "show", "--tenant", "demo", proposal.id.uuidString, "--json"))
        #expect(report.proposal.phases.count == 3)
        #expect(report.proposal.milestones.count == 6)
        #expect(report.portal.payments.map(\.status) == [.invoiced, .pending, .pending, .pending])
        #expect(report.portal.status.blockedDeliverables == 1)
        #expect(report.portal.status.completedDeliverables == 2)
        #expect(report.portal.deliverables.contains { $0.status == .blocked && $0.notes != nil })
        #expect(try cli.run("audit", "verify").status == 0)
    }

    // MARK: Helpers

    /// The tenant `acme` with VAT, its company and the contact Johan.
    private func setUp() throws -> (Company, Contact) {
        let company = try BillingSetup(cli: cli).tenantWithVAT()
        let contact = try decode(
            Contact.self,
            try cli.run(
                "contact", "add", "--tenant", "acme", "--company", company.accountNumber, "--name", "Johan Pretorius", "--email",
                "johan@karoo.example", "--json"))
        return (company, contact)
    }

    /// A draft with two phases, two milestones and two payments, the first due today.
    private func createProposal(company: Company) throws -> Proposal {
        try decode(
            Proposal.self,
            try cli.run(
                "proposal", "create", "--tenant", "acme", "--company", company.accountNumber, "--contact", "JOHAN@karoo.example",
                "--title", "Online shop", "--purpose", "Sell coffee online", "--phase", "Discovery|Workshops", "--phase", "Build",
                "--milestone", "Brief|Discovery|\(today.adding(days: 10))", "--milestone", "Shop live|Build|\(today.adding(days: 40))",
                "--payment", "Deposit|1000.00|\(today)|VAT", "--payment", "Final|2000.00|\(today.adding(days: 60))", "--json"))
    }
}

/// What `proposal show --json` prints.
struct ShownProposal: Decodable {
    let proposal: Proposal
    let portal: EngagementPortalView
}
