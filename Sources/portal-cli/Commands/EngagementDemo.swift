import PortalKernel

/// The engagement part of `portal-cli demo`: for Karoo Coffee Roasters and its head roaster, a
/// proposal with three phases, six milestones and four scheduled payments, sent and approved
/// (so its deliverables exist and the deposit, due today, is invoiced), with work under way: two
/// deliverables completed, one in progress, one blocked with notes, and one added by hand.
///
/// The engagement is governed by a contract the company's owner signed: written and sent by the
/// operator, then signed by the owner through a real sign-in, as in the portal.
///
/// Dates are relative to the day the demo is seeded, so the portal view always looks current.
/// Like the rest of the demo it goes through the kernel's use cases as the operator.
enum EngagementDemo {
    /// What was seeded, for the demo's report.
    struct Seeded: Encodable {
        let contract: Contract
        let proposal: Proposal
        let deliverables: [Deliverable]
        let status: EngagementPortalView.StatusSummary
    }

    /// Seeds the engagement for `companies[0]` (Karoo) and its first contact. Needs the `VAT` tax
    /// rate and billing settings of ``BillingDemo``: an item is invoiced its payment terms (14 days)
    /// before it is due, up to the lead days (7) ahead, so only the deposit (due today) is invoiced
    /// on approval and the next item is due four weeks out.
    static func seed(
        _ portal: Portal, tenant: Tenant, principal: Principal, companies: [Company],
        signer: (person: DemoData.Person, password: String)
    ) async throws -> Seeded {
        let engagements = portal.engagements
        let karoo = companies[0]
        let contacts = try await portal.identity.contacts.list(
            ContactListOptions(), company: karoo.id, page: try PageRequest(limit: 10), by: principal)
        guard let contact = contacts.items.first else {
            throw PortalError.internal(debugDetail: "the demo company \(karoo.name) has no contact")
        }
        let today = tenant.timeZone.localDate(of: engagements.context.clock.now())
        func day(_ offset: Int) -> LocalDate { today.adding(days: offset) }
        func amount(_ text: String) throws -> Int64 { try Money(decimal: text, currency: tenant.defaultCurrency).minorUnits }

        let contract = try await signedContract(portal, for: karoo, tenant: tenant, principal: principal, signer: signer)
        let draft = try await engagements.proposals.create(
            NewProposal(
                companyId: karoo.id, contactId: contact.id, contractId: contract.id, title: "Online shop and wholesale portal",
                purpose: """
                    Sell Karoo's single-origin roasts online to consumers, and let cafés reorder wholesale stock \
                    themselves, so the roastery spends its mornings roasting instead of taking orders by phone.
                    """,
                phases: [
                    ProposalPhaseInput(name: "Discovery", description: "Workshops, brief and design"),
                    ProposalPhaseInput(name: "Build", description: "Shop, wholesale portal and integrations"),
                    ProposalPhaseInput(name: "Launch", description: "Go-live, training and handover"),
                ],
                milestones: [
                    ProposalMilestoneInput(title: "Discovery workshop and brief", phase: "Discovery", dueDate: day(-28)),
                    ProposalMilestoneInput(title: "Brand and site design", phase: "Discovery", dueDate: day(-14)),
                    ProposalMilestoneInput(title: "Online shop build", phase: "Build", dueDate: day(7)),
                    ProposalMilestoneInput(title: "Wholesale ordering portal", phase: "Build", dueDate: day(21)),
                    ProposalMilestoneInput(title: "Payment gateway and courier integration", phase: "Build", dueDate: day(35)),
                    ProposalMilestoneInput(title: "Launch and handover training", phase: "Launch", dueDate: day(49)),
                ],
                payments: [
                    ProposalPaymentInput(description: "Deposit (30%)", amount: try amount("18000.00"), dueDate: today, taxCode: "VAT"),
                    ProposalPaymentInput(description: "Online shop live (20%)", amount: try amount("12000.00"), dueDate: day(28), taxCode: "VAT"),
                    ProposalPaymentInput(
                        description: "Wholesale portal and integrations (30%)", amount: try amount("18000.00"), dueDate: day(42),
                        taxCode: "VAT"),
                    ProposalPaymentInput(description: "Launch (20%)", amount: try amount("12000.00"), dueDate: day(56), taxCode: "VAT"),
                ]),
            by: principal)
        _ = try await engagements.proposals.send(draft.id, by: principal)
        let proposal = try await engagements.proposals.approve(draft.id, by: principal)

        let created = try await engagements.deliverables.list(
            DeliverableListOptions(proposalId: proposal.id), page: try PageRequest(limit: 50), by: principal
        ).items
        let byMilestone = Dictionary(uniqueKeysWithValues: created.compactMap { item in item.milestoneId.map { ($0, item) } })
        let deliverable = { (index: Int) in byMilestone[proposal.milestones[index].id] }
        let steps: [(Int, [DeliverableUpdate])] = [
            (0, [DeliverableUpdate(status: .inProgress), DeliverableUpdate(status: .completed)]),
            (1, [DeliverableUpdate(status: .inProgress), DeliverableUpdate(status: .completed)]),
            (2, [DeliverableUpdate(status: .inProgress, notes: "Product pages done; checkout in progress.")]),
            (3, [DeliverableUpdate(
                status: .blocked, notes: "Waiting for the wholesale price list and café discount tiers from Karoo's finance team.")]),
        ]
        for (index, updates) in steps {
            guard let item = deliverable(index) else { continue }
            for update in updates { _ = try await engagements.deliverables.update(item.id, update, by: principal) }
        }
        _ = try await engagements.deliverables.create(
            NewDeliverable(
                contactId: contact.id, proposalId: proposal.id, title: "Coffee product photography",
                description: "Studio photos of the twelve roasts for the shop.", category: "Content", status: .inProgress,
                dueDate: day(10)),
            by: principal)

        let view = try await engagements.portal.view(proposal.id, by: principal)
        let deliverables = try await engagements.deliverables.list(
            DeliverableListOptions(proposalId: proposal.id), page: try PageRequest(limit: 50), by: principal
        ).items
        return Seeded(
            contract: contract, proposal: try await engagements.proposals.get(proposal.id, by: principal), deliverables: deliverables,
            status: view.status)
    }

    /// The engagement agreement: written and sent by the operator, signed by `signer` (an owner of
    /// the company) after signing in with the demo password.
    private static func signedContract(
        _ portal: Portal, for company: Company, tenant: Tenant, principal: Principal,
        signer: (person: DemoData.Person, password: String)
    ) async throws -> Contract {
        let engagements = portal.engagements
        let contract = try await portal.billing.contracts.create(
            NewContract(companyId: company.id, title: "Online shop and wholesale portal agreement", type: .engagement),
            by: principal)
        _ = try await engagements.contractDocuments.setBody(
            contract.id,
            ContractDocumentInput(body: """
                Online shop and wholesale portal agreement

                1. Scope. Demo Agency builds an online shop and a wholesale ordering portal for \(company.name), \
                as set out in the proposal of the same name.

                2. Fees. The fees and their schedule are those of the proposal; invoices are payable by the due date \
                shown on each.

                3. Ownership. On payment in full, the client owns the shop, the portal and their content.
                """),
            by: principal)
        let sent = try await engagements.contractSigning.send(contract.id, by: principal)
        let origin = RequestOrigin(address: "local", userAgent: "portal-cli demo")
        let authenticator = portal.identity.authenticator
        let login = try await authenticator.login(
            LoginRequest(tenantSlug: tenant.slug, email: signer.person.email, password: signer.password, origin: origin))
        let session = try await authenticator.authenticate(sessionToken: login.sessionToken, origin: origin)
        _ = try await engagements.contractSigning.sign(
            contract.id,
            ContractSignatureInput(fullName: signer.person.name, accept: true, documentSha256: sent.documentSha256),
            by: session.principal)
        try await authenticator.logout(sessionToken: login.sessionToken, origin: origin)
        return try await portal.billing.contracts.get(contract.id, by: principal)
    }

    /// The demo's engagement, for people.
    static func text(_ seeded: Seeded, companies: [Company]) -> String {
        let proposal = seeded.proposal
        let company = companies.first { $0.id == proposal.companyId }?.name ?? proposal.companyId.uuidString
        let status = seeded.status
        let invoiced = proposal.payments.filter { $0.invoiceId != nil }.count
        return """
            Engagement:
              "\(proposal.title)" for \(company), \(proposal.status.rawValue): \(proposal.phases.count) phases, \
            \(proposal.milestones.count) milestones, \(proposal.payments.count) scheduled payments (\(invoiced) invoiced)
              contract "\(seeded.contract.title)" \(seeded.contract.status.rawValue), document SHA-256 \
            \(seeded.contract.documentSha256?.prefix(12) ?? "")…
              \(status.completedDeliverables) of \(status.totalDeliverables) deliverables completed (\(status.progressPercent)%), \
            \(status.blockedDeliverables) blocked
              portal-cli proposal show --tenant demo \(proposal.id)
            """
    }
}
