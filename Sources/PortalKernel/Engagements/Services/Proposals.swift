/// Proposals: the engagement plan staff write for a company and its contact, sent to the client,
/// approved, and then carried out (deliverables) and paid for (the payment schedule).
///
/// Staff create, edit (while `draft`), send and close proposals. The client approves a sent
/// proposal: a company user allowed to sign contracts (or staff on their behalf). Approval, in
/// one transaction, creates one deliverable per milestone and invoices every schedule item that is
/// already due; billing runs invoice the rest as they come due (``ProposalSchedule``).
///
/// Company users read their companies' proposals once sent; a draft, and another company's
/// proposal, answer `not_found`.
public struct Proposals: Sendable {
    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates a `draft` proposal with its plan. Staff only.
    public func create(_ input: NewProposal, by principal: Principal) async throws -> Proposal {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let title = try InputValidation.required(input.title, field: "title")
        let purpose = try InputValidation.required(input.purpose, field: "purpose", maximumLength: 10_000)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            _ = try Companies.loadVisible(input.companyId, by: principal, action: .readCompany, on: connection)
            try Self.checkContact(input.contactId, of: input.companyId, by: principal, on: connection)
            let currency = input.currency ?? tenant.defaultCurrency
            try Self.checkContract(input.contractId, of: input.companyId, currency: currency, by: principal, on: connection)
            let plan = try ProposalPlan(
                phases: input.phases ?? [], milestones: input.milestones ?? [], payments: input.payments ?? []
            ).build(currency: currency, tenant: tenant.id, at: now, on: connection)
            let proposal = Proposal(
                id: ProposalID.generate(at: now), tenantId: tenant.id, companyId: input.companyId, contactId: input.contactId,
                contractId: input.contractId, title: title, purpose: purpose, currency: currency, status: .draft,
                phases: plan.phases, milestones: plan.milestones, payments: plan.payments, sentAt: nil, approvedAt: nil,
                approvedBy: nil, completedAt: nil, createdAt: now, updatedAt: now)
            try ProposalStore.insert(proposal, on: connection)
            try Self.audit("proposal.created", before: nil, after: proposal, by: principal, at: now, on: connection)
            return proposal
        }
    }

    /// One proposal with its plan.
    public func get(_ id: ProposalID, by principal: Principal) async throws -> Proposal {
        try await context.database.read(principal.scope) { connection in
            try ProposalStore.loadVisible(id, by: principal, on: connection)
        }
    }

    /// Proposals the principal may read (headers only: phases, milestones and payments are
    /// empty), newest first by default.
    public func list(_ options: ProposalListOptions, page: PageRequest, by principal: Principal) async throws -> Page<Proposal> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        let reachable = ProposalStore.readableCompanies(by: principal)
        if let reachable, reachable.isEmpty { return Page(items: [], nextCursor: nil) }
        return try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM proposals WHERE tenant_id = \(principal.tenantId)"
            if let reachable { statement.append(" AND company_id IN (\(list: Array(reachable))) AND status <> 'draft'") }
            if let company = options.companyId { statement.append(" AND company_id = \(company)") }
            if let contact = options.contactId { statement.append(" AND contact_id = \(contact)") }
            if let status = options.status { statement.append(" AND status = \(status.rawValue)") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), ProposalStore.header)
        }
    }

    /// Changes a draft: its contact, contract, title, purpose, or any of its lists (a list that is
    /// given replaces the old one). Staff only.
    /// - Throws: `conflict` with field `status` once the proposal has been sent.
    public func update(_ id: ProposalID, _ input: ProposalUpdate, by principal: Principal) async throws -> Proposal {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let title = try input.title.map { try InputValidation.required($0, field: "title") }
        let purpose = try input.purpose.map { try InputValidation.required($0, field: "purpose", maximumLength: 10_000) }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try ProposalStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            guard before.status == .draft else {
                throw PortalError.conflict("Only a draft proposal can be changed.", field: "status")
            }
            var after = before
            if let contact = input.contactId {
                try Self.checkContact(contact, of: before.companyId, by: principal, on: connection)
                after.contactId = contact
            }
            if let contract = input.contractId {
                try Self.checkContract(contract, of: before.companyId, currency: before.currency, by: principal, on: connection)
                after.contractId = contract
            }
            if let title { after.title = title }
            if let purpose { after.purpose = purpose }
            let replacesPlan = input.phases != nil || input.milestones != nil || input.payments != nil
            if replacesPlan {
                var plan = ProposalPlan(before)
                if let phases = input.phases { plan.phases = phases }
                if let milestones = input.milestones { plan.milestones = milestones }
                if let payments = input.payments { plan.payments = payments }
                let built = try plan.build(currency: before.currency, tenant: before.tenantId, at: now, on: connection)
                (after.phases, after.milestones, after.payments) = (built.phases, built.milestones, built.payments)
            }
            guard after != before || replacesPlan else { return before }
            after.updatedAt = now
            try ProposalStore.update(after, on: connection)
            if replacesPlan { try ProposalStore.replacePlan(of: after, on: connection) }
            try Self.audit("proposal.updated", before: before, after: after, by: principal, at: now, on: connection)
            return after
        }
    }

    /// Sends a draft to the client (`draft` → `sent`), recording a `proposal_sent` notification
    /// event. Staff only.
    /// - Throws: `invalid` (field `milestones`) when it has no milestone, or (field
    ///   `payments[i].tax_code`) when an item's tax code has no rate in force when it can be invoiced.
    public func send(_ id: ProposalID, by principal: Principal) async throws -> Proposal {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try ProposalStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            try Self.requireStep(before, to: .sent)
            guard !before.milestones.isEmpty else {
                throw PortalError.invalid("A proposal needs at least one milestone before it is sent.", field: "milestones")
            }
            try Self.checkTaxRates(of: before, at: now, on: connection)
            var after = before
            after.status = .sent
            after.sentAt = now
            after.updatedAt = now
            try ProposalStore.update(after, on: connection)
            try Self.audit("proposal.sent", before: before, after: after, by: principal, at: now, on: connection)
            try Self.notify("proposal_sent", after, at: now, on: connection)
            return after
        }
    }

    /// Approves a sent proposal (`sent` → `approved`): creates one `pending` deliverable per
    /// milestone (for the proposal's contact, due on the milestone's date, categorised by its
    /// phase) and invoices the schedule items already due, all in one transaction. A company user
    /// allowed to sign contracts, or staff.
    public func approve(_ id: ProposalID, by principal: Principal) async throws -> Proposal {
        let context = self.context
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try ProposalStore.loadVisible(id, by: principal, action: .signContracts, on: connection, forUpdate: true)
            try Self.requireStep(before, to: .approved)
            var after = before
            after.status = .approved
            after.approvedAt = now
            after.approvedBy = principal.label
            after.updatedAt = now
            try ProposalStore.update(after, on: connection)
            try Self.audit("proposal.approved", before: before, after: after, by: principal, at: now, on: connection)
            try Self.createDeliverables(for: after, by: principal, at: now, on: connection)
            try Self.notify("proposal_approved", after, at: now, on: connection)

            let tenant = try Tenants.load(after.tenantId, on: connection)
            let settings = try BillingSettingsService.load(tenant.id, on: connection)
            let today = tenant.timeZone.localDate(of: now)
            let due = try ProposalSchedule.due(
                tenant: tenant, through: today.adding(days: settings.invoiceLeadDays),
                paymentTermsDays: settings.paymentTermsDays, proposal: id, on: connection)
            for item in due {
                guard let paymentId = ProposalPaymentID(item.periodKey) else { continue }
                _ = try ProposalSchedule.bill(paymentId, runDate: today, context: context, by: principal, at: now, on: connection)
            }
            return try ProposalStore.load(id, tenant: principal.tenantId, on: connection)
        }
    }

    /// Moves an approved proposal to `active`, or an active one to `completed` (which needs every
    /// deliverable completed). Staff only.
    public func setStatus(_ id: ProposalID, to status: ProposalStatus, by principal: Principal) async throws -> Proposal {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        guard status == .active || status == .completed else {
            throw PortalError.conflict(
                "Proposals are sent with send and approved with approve; only active and completed are set here.",
                field: "status")
        }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try ProposalStore.load(id, tenant: principal.tenantId, on: connection, forUpdate: true)
            try Self.requireStep(before, to: status)
            if status == .completed {
                let open = try connection.queryScalar(
                    """
                    SELECT COUNT(*) FROM deliverables
                    WHERE tenant_id = \(before.tenantId) AND proposal_id = \(id) AND status <> 'completed'
                    """, as: Int.self) ?? 0
                guard open == 0 else {
                    throw PortalError.conflict("\(open) deliverable(s) of this proposal are not completed.", field: "status")
                }
            }
            var after = before
            after.status = status
            if status == .completed { after.completedAt = now }
            after.updatedAt = now
            try ProposalStore.update(after, on: connection)
            try Self.audit("proposal.status_changed", before: before, after: after, by: principal, at: now, on: connection)
            return after
        }
    }

    /// Invoices one schedule item now, before it comes due (staff), and returns its invoice.
    /// - Throws: `conflict` when the item is already invoiced or the proposal is not approved.
    public func invoicePayment(
        _ paymentId: ProposalPaymentID, of id: ProposalID, by principal: Principal
    ) async throws -> Invoice {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let context = self.context
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let proposal = try ProposalStore.loadVisible(id, by: principal, on: connection)
            guard let item = proposal.payments.first(where: { $0.id == paymentId }) else {
                throw PortalError.notFound("No such scheduled payment.", field: "payment_id")
            }
            guard item.status == .pending else {
                throw PortalError.conflict("This scheduled payment is already invoiced.", field: "payment_id")
            }
            return try ProposalSchedule.billToday(paymentId, context: context, by: principal, at: now, on: connection)
        }
    }

    // MARK: Shared

    private static func createDeliverables(
        for proposal: Proposal, by principal: Principal, at now: Instant, on connection: any SQLConnection
    ) throws {
        let phases = Dictionary(uniqueKeysWithValues: proposal.phases.map { ($0.id, $0.name) })
        for milestone in proposal.milestones {
            // One microsecond apart, so lists in creation order show them in milestone order.
            let created = Instant(microsecondsSinceEpoch: now.microsecondsSinceEpoch + Int64(milestone.position))
            let deliverable = Deliverable(
                id: DeliverableID.generate(at: now), tenantId: proposal.tenantId, companyId: proposal.companyId,
                contactId: proposal.contactId, proposalId: proposal.id, milestoneId: milestone.id, title: milestone.title,
                description: nil, category: milestone.phaseId.flatMap { phases[$0] }, status: .pending, notes: nil,
                dueDate: milestone.dueDate, completedAt: nil, overdue: false, createdAt: created, updatedAt: created)
            try DeliverableStore.insert(deliverable, position: milestone.position, on: connection)
            try Deliverables.audit("deliverable.created", before: nil, after: deliverable, by: principal, at: now, on: connection)
        }
    }

    /// Checks that each schedule item's tax code has a rate in force on the earliest day it can be
    /// invoiced, so approval (which invoices) never fails on something the client cannot fix.
    private static func checkTaxRates(of proposal: Proposal, at now: Instant, on connection: any SQLConnection) throws {
        let tenant = try Tenants.load(proposal.tenantId, on: connection)
        let settings = try BillingSettingsService.load(tenant.id, on: connection)
        let today = tenant.timeZone.localDate(of: now)
        for (index, payment) in proposal.payments.enumerated() {
            guard let code = payment.taxCode else { continue }
            let earliest = max(today, payment.dueDate.adding(days: -(settings.paymentTermsDays + settings.invoiceLeadDays)))
            _ = try TaxRates.resolve(code, on: earliest, tenant: tenant.id, field: "payments[\(index)].tax_code", connection: connection)
        }
    }

    private static func requireStep(_ proposal: Proposal, to status: ProposalStatus) throws {
        guard proposal.status.canMove(to: status) else {
            throw PortalError.conflict(
                "A \(proposal.status.rawValue) proposal cannot become \(status.rawValue).", field: "status")
        }
    }

    private static func checkContact(
        _ id: ContactID, of company: CompanyID, by principal: Principal, on connection: any SQLConnection
    ) throws {
        let contact = try Contacts.loadReferenced(id, by: principal, on: connection)
        guard contact.companyId == company else {
            throw PortalError.invalid("The contact must belong to the proposal's company.", field: "contact_id")
        }
    }

    private static func checkContract(
        _ id: ContractID?, of company: CompanyID, currency: Currency, by principal: Principal, on connection: any SQLConnection
    ) throws {
        guard let id else { return }
        let contract: Contract
        do {
            contract = try Contracts.load(id, tenant: principal.tenantId, on: connection)
        } catch let error as PortalError where error.code == .notFound {
            throw PortalError.invalid("No such contract.", field: "contract_id")
        }
        guard contract.companyId == company else {
            throw PortalError.invalid("The contract must belong to the proposal's company.", field: "contract_id")
        }
        guard contract.currency == currency else {
            throw PortalError.invalid("The contract is in \(contract.currency), the proposal in \(currency).", field: "contract_id")
        }
    }

    static func audit(
        _ action: String, before: Proposal?, after: Proposal, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws {
        try AuditTrail.record(
            try AuditEntry(
                action: action, resourceType: "proposal", resourceId: after.id.uuidString, companyId: after.companyId,
                before: before, after: after),
            by: principal, at: now, on: connection)
    }

    private static func notify(_ kind: String, _ proposal: Proposal, at now: Instant, on connection: any SQLConnection) throws {
        struct Payload: Encodable {
            let proposalId: ProposalID
            let title: String
            let contactId: ContactID
            let status: ProposalStatus
        }
        try NotificationEvents.record(
            kind: kind, tenant: proposal.tenantId, companyId: proposal.companyId, subjectType: "proposal",
            subjectId: proposal.id.uuidString,
            payload: Payload(proposalId: proposal.id, title: proposal.title, contactId: proposal.contactId, status: proposal.status),
            dedupeKey: "\(kind):\(proposal.id.uuidString)", at: now, on: connection)
    }
}
