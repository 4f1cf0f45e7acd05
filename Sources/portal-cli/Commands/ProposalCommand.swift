import ArgumentParser
import PortalAssembly
import PortalKernel

/// `portal-cli proposal …`: engagement proposals, written, sent, approved and carried out by the
/// operator as staff. Showing one is in `ProposalCommand+Show.swift`, its shareable portal links
/// in `ProposalCommand+Links.swift`.
struct ProposalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proposal", abstract: "Write, send, approve and follow engagement proposals and share their portal view.",
        discussion: """
            A proposal is a draft until it is sent; approving a sent proposal creates one deliverable per milestone and \
            invoices the scheduled payments already due (draft → sent → approved → active → completed). Proposals are \
            named by id; companies by id or account number; contacts by id or email.
            """,
        subcommands: [
            Create.self, List.self, Show.self, Send.self, Approve.self, Status.self, InvoicePayment.self, Share.self,
            Links.self, RevokeLink.self,
        ])

    struct Create: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a draft proposal with its phases, milestones and payment schedule.",
            discussion: """
                Write the plan either with options, amounts as decimal text:
                  --phase "name|description"             (the description is optional)
                  --milestone "title|phase|YYYY-MM-DD"   (the phase may be empty)
                  --payment "description|amount|YYYY-MM-DD|TAX"   (TAX is optional)
                or as a JSON file (--plan FILE, - for standard input) in the API's shape, amounts in minor units:
                  {"phases": [{"name": "Build"}],
                   "milestones": [{"title": "Shop live", "phase": "Build",
                                   "due_date": "2027-01-15"}],
                   "payments": [{"description": "Deposit", "amount": 1800000,
                                 "due_date": "2026-12-01", "tax_code": "VAT"}]}
                Example:
                  portal-cli proposal create --tenant demo --company CT-2026-00001 \\
                    --contact johan@karoo-coffee.example --title "Online shop" \\
                    --purpose "Sell coffee online" --phase Discovery --phase Build \\
                    --milestone "Brief|Discovery|2026-12-01" \\
                    --milestone "Shop live|Build|2027-01-15" \\
                    --payment "Deposit|18000.00|2026-12-01|VAT" \\
                    --payment "Launch|12000.00|2027-01-15|VAT"
                """)

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("The client company: its id or account number.", valueName: "company"))
        var company: String

        @Option(help: ArgumentHelp("The company's contact the engagement is for: id or email.", valueName: "contact"))
        var contact: String

        @Option(help: "The proposal's title.")
        var title: String

        @Option(help: "Why the engagement exists: the outcome the client wants.")
        var purpose: String

        @Option(help: "The currency of the payment schedule (default: the tenant's).")
        var currency: String?

        @Option(help: ArgumentHelp("The contract that governs the engagement (its id).", valueName: "id"))
        var contract: String?

        @Option(help: ArgumentHelp("The plan as a JSON file (- for standard input).", valueName: "file"))
        var plan: String?

        @Option(name: .customLong("phase"), help: ArgumentHelp("A phase: \"name|description\" (repeatable).", valueName: "phase"))
        var phases: [String] = []

        @Option(
            name: .customLong("milestone"),
            help: ArgumentHelp("A milestone: \"title|phase|YYYY-MM-DD\" (repeatable).", valueName: "milestone"))
        var milestones: [String] = []

        @Option(
            name: .customLong("payment"),
            help: ArgumentHelp("A scheduled payment: \"description|amount|YYYY-MM-DD|TAX\" (repeatable).", valueName: "payment"))
        var payments: [String] = []

        func validate() throws {
            if plan != nil, !(phases.isEmpty && milestones.isEmpty && payments.isEmpty) {
                throw ValidationError("Give the plan either with --plan or with --phase, --milestone and --payment, not both.")
            }
        }

        func run() async throws {
            try await withTenant { tenant in
                let company = try await tenant.company(self.company)
                let contact = try await tenant.contact(self.contact, company: company.id)
                let currency = try tenant.currency(self.currency)
                let plan = try self.plan.map { try ProposalPlanInput.file($0) }
                    ?? ProposalPlanInput.options(phases: phases, milestones: milestones, payments: payments, currency: currency)
                let proposal = try await tenant.engagements.proposals.create(
                    NewProposal(
                        companyId: company.id, contactId: contact.id,
                        contractId: try contract.map { try ContractID(parsing: $0, field: "contract") }, title: title,
                        purpose: purpose, currency: currency, phases: plan.phases, milestones: plan.milestones,
                        payments: plan.payments),
                    by: tenant.principal)
                let total = Money(minorUnits: proposal.payments.reduce(0) { $0 + $1.amount.minorUnits }, currency: proposal.currency)
                tenant.output.message(
                    """
                    Created draft proposal "\(proposal.title)" for \(company.name) (\(contact.name)): \
                    \(proposal.phases.count) phase(s), \(proposal.milestones.count) milestone(s), \
                    \(proposal.payments.count) payment(s) totalling \(total.formatted()) before tax, id \(proposal.id).
                    """,
                    json: proposal)
            }
        }
    }

    struct List: TenantScopedCommand {
        static let configuration = CommandConfiguration(abstract: "List proposals, newest first.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Option(help: ArgumentHelp("Only this company's proposals (id or account number).", valueName: "company"))
        var company: String?

        @Option(help: "Only proposals in this state: draft, sent, approved, active or completed.")
        var status: String?

        @OptionGroup var page: PageOptions

        func run() async throws {
            try await withTenant { tenant in
                let proposals = try await tenant.engagements.proposals.list(
                    ProposalListOptions(
                        companyId: try await tenant.companyFilter(company),
                        status: try InputValidation.choice(status, as: ProposalStatus.self, field: "status")),
                    page: try page.request, by: tenant.principal)
                await tenant.emit(
                    page: proposals, companyOf: \.companyId, headers: ["TITLE", "COMPANY", "STATUS", "CURRENCY", "CREATED", "ID"]
                ) { proposal, company in
                    [proposal.title, company, proposal.status.rawValue, proposal.currency.code, proposal.createdAt.shortText,
                     proposal.id.uuidString]
                }
            }
        }
    }

    struct Send: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a draft proposal to the client (it needs at least one milestone).")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.engagements.proposals.send(try tenant.proposal(id).id, by: tenant.principal)
            } message: { "Sent proposal \"\($0.title)\" to the client; it waits for approval." }
        }
    }

    struct Approve: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve a sent proposal on the client's behalf: create its deliverables and invoice what is due.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        func run() async throws {
            try await perform { tenant in
                try await tenant.engagements.proposals.approve(try tenant.proposal(id).id, by: tenant.principal)
            } message: { proposal in
                let invoiced = proposal.payments.filter { $0.invoiceId != nil }.count
                return """
                    Approved proposal "\(proposal.title)": \(proposal.milestones.count) deliverable(s) created, \
                    \(invoiced) scheduled payment(s) invoiced.
                    """
            }
        }
    }

    struct Status: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark an approved proposal active, or an active one completed (every deliverable completed).")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        @Argument(help: ArgumentHelp("active or completed.", valueName: "status"))
        var status: String

        func run() async throws {
            try await perform { tenant in
                let next = try BillingInput.choice(status, as: ProposalStatus.self, field: "status")
                return try await tenant.engagements.proposals.setStatus(try tenant.proposal(id).id, to: next, by: tenant.principal)
            } message: { "Proposal \"\($0.title)\" is now \($0.status.rawValue)." }
        }
    }

    struct InvoicePayment: TenantScopedCommand {
        static let configuration = CommandConfiguration(
            commandName: "invoice-payment", abstract: "Invoice one scheduled payment now, before it comes due.",
            discussion: "Approval and billing runs invoice scheduled payments as they come due; this invoices one early.")

        @OptionGroup var options: GlobalOptions
        @ParentCommand var root: PortalCommand
        @OptionGroup var scope: TenantOption

        @Argument(help: "The proposal's id.")
        var id: String

        @Argument(help: ArgumentHelp("The scheduled payment: its id or its # in proposal show.", valueName: "payment"))
        var payment: String

        func run() async throws {
            try await withTenant { tenant in
                let proposal = try await tenant.proposal(id)
                let item = try PlanItemReference.resolve(
                    payment, in: proposal.payments, id: \.id, parse: ProposalPaymentID.init, what: "scheduled payment",
                    field: "payment_id")
                let invoice = try await tenant.engagements.proposals.invoicePayment(item.id, of: proposal.id, by: tenant.principal)
                tenant.output.message(
                    """
                    Invoiced "\(item.description)" of "\(proposal.title)": invoice \(invoice.number ?? invoice.id.uuidString), \
                    \(invoice.total.formatted()), due \(invoice.dueDate?.iso8601 ?? "-").
                    """,
                    json: invoice)
            }
        }
    }
}
