import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli deliverable …`: what the business delivers to client contacts, with live status.
struct DeliverableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliverable", abstract: "Add, update and list deliverables.",
        discussion: """
            Approving a proposal creates one deliverable per milestone; add others by hand. A deliverable moves \
            pending → in_progress → completed, may be blocked (with --notes saying why) from pending or in_progress \
            and resume to in_progress, and a completed one may be reopened to in_progress.
            """,
        subcommands: [Add.self, Update.self, List.self])

    struct Add: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a pending deliverable for a contact, optionally within a proposal and milestone.",
            discussion: """
                Example:
                  portal-cli deliverable add --tenant demo --title "Product photos" \\
                    --contact johan@karoo-coffee.example --proposal 0193… \\
                    --category content --due 2026-12-15
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The client contact it is delivered to: id or email.", valueName: "contact"))
        var contact: String

        @Option(help: "The deliverable's title.")
        var title: String

        @Option(help: ArgumentHelp("The proposal it belongs to (its id), of the contact's company.", valueName: "id"))
        var proposal: String?

        @Option(help: ArgumentHelp("A milestone of that proposal: its id or its # in proposal show.", valueName: "milestone"))
        var milestone: String?

        @Option(help: "A free label such as foundation or integration.")
        var category: String?

        @Option(help: ArgumentHelp("When it is due.", valueName: "YYYY-MM-DD"))
        var due: String?

        @Option(help: "What it is.")
        var description: String?

        func validate() throws {
            if milestone != nil, proposal == nil { throw ValidationError("--milestone needs --proposal.") }
        }

        func run() async throws {
            try await withTenant { tenant in
                let contact = try await tenant.contact(self.contact)
                var proposal: Proposal?
                if let reference = self.proposal { proposal = try await tenant.proposal(reference, field: "proposal_id") }
                let milestone = try proposal.flatMap { proposal in
                    try self.milestone.map {
                        try PlanItemReference.resolve(
                            $0, in: proposal.milestones, id: \.id, parse: { MilestoneID($0) }, what: "milestone",
                            field: "milestone_id")
                    }
                }
                let deliverable = try await tenant.engagements.deliverables.create(
                    NewDeliverable(
                        contactId: contact.id, proposalId: proposal?.id, milestoneId: milestone?.id, title: title,
                        description: description, category: category,
                        dueDate: try due.map { try BillingInput.date($0, field: "due_date") }),
                    by: tenant.principal)
                tenant.output.message(
                    "Added deliverable \"\(deliverable.title)\" for \(contact.name), id \(deliverable.id).", json: deliverable)
            }
        }
    }

    struct Update: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a deliverable's status, notes, title, due date or category.",
            discussion: """
                Blocking needs notes saying why (given now or already stored). An empty --notes, --category or \
                --description clears it. Example:
                  portal-cli deliverable update --tenant demo 0193… --status blocked \\
                    --notes "Waiting for the price list"
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The deliverable's id.")
        var id: String

        @Option(help: "pending, in_progress, completed or blocked.")
        var status: String?

        @Option(help: "Notes; required while it is blocked.")
        var notes: String?

        @Option(help: "A new title.")
        var title: String?

        @Option(help: ArgumentHelp("A new due date.", valueName: "YYYY-MM-DD"))
        var due: String?

        @Option(help: "A free label such as foundation or integration.")
        var category: String?

        @Option(help: "What it is.")
        var description: String?

        func validate() throws {
            if [status, notes, title, due, category, description].allSatisfy({ $0 == nil }) {
                throw ValidationError("Give at least one of --status, --notes, --title, --due, --category and --description.")
            }
        }

        func run() async throws {
            try await perform { tenant in
                try await tenant.engagements.deliverables.update(
                    try DeliverableID(parsing: id, field: "id"),
                    DeliverableUpdate(
                        title: title, description: description, category: category,
                        status: try InputValidation.choice(status, as: DeliverableStatus.self, field: "status"), notes: notes,
                        dueDate: try due.map { try BillingInput.date($0, field: "due_date") }),
                    by: tenant.principal)
            } message: { deliverable in
                "Deliverable \"\(deliverable.title)\" is \(deliverable.status.rawValue)"
                    + (deliverable.dueDate.map { ", due \($0)" } ?? "") + (deliverable.overdue ? " (overdue)." : ".")
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List deliverables, oldest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only this company's (id or account number).", valueName: "company"))
        var company: String?

        @Option(help: ArgumentHelp("Only this contact's (id or email).", valueName: "contact"))
        var contact: String?

        @Option(help: ArgumentHelp("Only this proposal's (its id).", valueName: "id"))
        var proposal: String?

        @Option(help: "Only deliverables in this state: pending, in_progress, completed or blocked.")
        var status: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            try await withTenant { tenant in
                let companyId = try await tenant.companyFilter(company)
                var contactId: ContactID?
                if let contact { contactId = try await tenant.contact(contact, company: companyId).id }
                let filter = DeliverableListOptions(
                    companyId: companyId, contactId: contactId,
                    proposalId: try proposal.map { try ProposalID(parsing: $0, field: "proposal") },
                    status: try InputValidation.choice(status, as: DeliverableStatus.self, field: "status"))
                let deliverables = try await tenant.engagements.deliverables.list(filter, page: try page.request, by: tenant.principal)
                tenant.output.emit(page: deliverables) {
                    Table(
                        headers: ["TITLE", "STATUS", "DUE", "OVERDUE", "CATEGORY", "ID"],
                        rows: deliverables.items.map { deliverable in
                            [deliverable.title, deliverable.status.rawValue, deliverable.dueDate?.iso8601 ?? "-",
                             deliverable.overdue ? "yes" : "no", deliverable.category.cell, deliverable.id.uuidString]
                        })
                }
            }
        }
    }
}
