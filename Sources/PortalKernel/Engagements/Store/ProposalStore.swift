/// Reading and writing proposals with their phases, milestones and payment schedule.
enum ProposalStore {
    /// The proposal with its plan, whoever asks. - Throws: `not_found` when the tenant has none.
    static func load(
        _ id: ProposalID, tenant: TenantID, on connection: any SQLConnection, forUpdate: Bool = false
    ) throws -> Proposal {
        let lock: SQLStatement = forUpdate ? connection.dialect.rowLockClause : ""
        guard let row = try connection.queryFirst("SELECT * FROM proposals WHERE tenant_id = \(tenant) AND id = \(id)\(lock)")
        else { throw PortalError.notFound("No such proposal.") }
        var proposal = try header(row)
        proposal.phases = try phases(of: id, tenant: tenant, on: connection)
        proposal.milestones = try milestones(of: id, tenant: tenant, on: connection)
        proposal.payments = try connection.query(
            "SELECT * FROM proposal_payments WHERE tenant_id = \(tenant) AND proposal_id = \(id) ORDER BY position"
        ).map { try payment($0, currency: proposal.currency) }
        return proposal
    }

    /// The proposal's phases, in order.
    static func phases(of id: ProposalID, tenant: TenantID, on connection: any SQLConnection) throws -> [ProposalPhase] {
        try connection.query(
            "SELECT * FROM proposal_phases WHERE tenant_id = \(tenant) AND proposal_id = \(id) ORDER BY position"
        ).map(phase)
    }

    /// The proposal's milestones, in order.
    static func milestones(of id: ProposalID, tenant: TenantID, on connection: any SQLConnection) throws -> [ProposalMilestone] {
        try connection.query(
            "SELECT * FROM proposal_milestones WHERE tenant_id = \(tenant) AND proposal_id = \(id) ORDER BY position"
        ).map(milestone)
    }

    /// The proposal, if the principal may see it (`not_found` otherwise, and for clients while it
    /// is a draft) and perform `action` on its company (`forbidden` otherwise). Its payment
    /// schedule is left out for a principal who may not read the company's billing.
    static func loadVisible(
        _ id: ProposalID, by principal: Principal, action: AccessAction = .readCompany, on connection: any SQLConnection,
        forUpdate: Bool = false
    ) throws -> Proposal {
        var proposal = try load(id, tenant: principal.tenantId, on: connection, forUpdate: forUpdate)
        try checkVisible(companyId: proposal.companyId, status: proposal.status, by: principal)
        try AccessPolicy.authorize(principal, action, on: .company(proposal.companyId))
        if !AccessPolicy.allows(principal, .readBilling, on: .company(proposal.companyId)) { proposal.payments = [] }
        return proposal
    }

    /// Throws `not_found` unless the principal may see a proposal of `companyId` in `status`: the
    /// tenant's staff, or the company's own users (a membership; an agency's reach is not enough),
    /// and those only once it has been sent.
    static func checkVisible(companyId: CompanyID, status: ProposalStatus, by principal: Principal) throws {
        guard principal.isStaff || (principal.memberships[companyId] != nil && status != .draft) else {
            throw PortalError.notFound("No such proposal.")
        }
    }

    /// The companies whose proposals the principal may list; nil means all of the tenant's.
    static func readableCompanies(by principal: Principal) -> Set<CompanyID>? {
        principal.isStaff ? nil : Set(principal.memberships.keys)
    }

    static func insert(_ proposal: Proposal, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO proposals (id, tenant_id, company_id, contact_id, contract_id, title, purpose, currency, status,
                sent_at, approved_at, approved_by, completed_at, created_at, updated_at)
            VALUES (\(proposal.id), \(proposal.tenantId), \(proposal.companyId), \(proposal.contactId), \(proposal.contractId),
                \(proposal.title), \(proposal.purpose), \(proposal.currency), \(proposal.status.rawValue), \(proposal.sentAt),
                \(proposal.approvedAt), \(proposal.approvedBy), \(proposal.completedAt), \(proposal.createdAt),
                \(proposal.updatedAt))
            """)
        try insertPlan(of: proposal, on: connection)
    }

    /// Stores the header fields of `proposal` (not its plan).
    static func update(_ proposal: Proposal, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE proposals SET contact_id = \(proposal.contactId), contract_id = \(proposal.contractId),
                title = \(proposal.title), purpose = \(proposal.purpose), status = \(proposal.status.rawValue),
                sent_at = \(proposal.sentAt), approved_at = \(proposal.approvedAt), approved_by = \(proposal.approvedBy),
                completed_at = \(proposal.completedAt), updated_at = \(proposal.updatedAt)
            WHERE tenant_id = \(proposal.tenantId) AND id = \(proposal.id)
            """)
    }

    /// Replaces the stored plan of a draft with `proposal`'s.
    static func replacePlan(of proposal: Proposal, on connection: any SQLConnection) throws {
        let tenant = proposal.tenantId
        try connection.execute("DELETE FROM proposal_payments WHERE tenant_id = \(tenant) AND proposal_id = \(proposal.id)")
        try connection.execute("DELETE FROM proposal_milestones WHERE tenant_id = \(tenant) AND proposal_id = \(proposal.id)")
        try connection.execute("DELETE FROM proposal_phases WHERE tenant_id = \(tenant) AND proposal_id = \(proposal.id)")
        try insertPlan(of: proposal, on: connection)
    }

    private static func insertPlan(of proposal: Proposal, on connection: any SQLConnection) throws {
        let tenant = proposal.tenantId
        for phase in proposal.phases {
            try connection.execute(
                """
                INSERT INTO proposal_phases (id, tenant_id, proposal_id, position, name, description)
                VALUES (\(phase.id), \(tenant), \(proposal.id), \(phase.position), \(phase.name), \(phase.description))
                """)
        }
        for milestone in proposal.milestones {
            try connection.execute(
                """
                INSERT INTO proposal_milestones (id, tenant_id, proposal_id, phase_id, position, title, due_date)
                VALUES (\(milestone.id), \(tenant), \(proposal.id), \(milestone.phaseId), \(milestone.position),
                    \(milestone.title), \(milestone.dueDate))
                """)
        }
        for payment in proposal.payments {
            try connection.execute(
                """
                INSERT INTO proposal_payments (id, tenant_id, proposal_id, position, description, amount, due_date, tax_code,
                    status, invoice_id, updated_at)
                VALUES (\(payment.id), \(tenant), \(proposal.id), \(payment.position), \(payment.description),
                    \(payment.amount.minorUnits), \(payment.dueDate), \(payment.taxCode), \(payment.status.rawValue),
                    \(payment.invoiceId), \(proposal.updatedAt))
                """)
        }
    }

    // MARK: Rows

    static func header(_ row: SQLRow) throws -> Proposal {
        Proposal(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), companyId: try row.get("company_id"),
            contactId: try row.get("contact_id"), contractId: try row.get("contract_id"), title: try row.get("title"),
            purpose: try row.get("purpose"), currency: try row.get("currency"), status: try row.enumeration("status"),
            phases: [], milestones: [], payments: [], sentAt: try row.get("sent_at"), approvedAt: try row.get("approved_at"),
            approvedBy: try row.get("approved_by"), completedAt: try row.get("completed_at"),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }

    static func phase(_ row: SQLRow) throws -> ProposalPhase {
        ProposalPhase(
            id: try row.get("id"), position: try row.get("position"), name: try row.get("name"),
            description: try row.get("description"))
    }

    static func milestone(_ row: SQLRow) throws -> ProposalMilestone {
        ProposalMilestone(
            id: try row.get("id"), phaseId: try row.get("phase_id"), position: try row.get("position"),
            title: try row.get("title"), dueDate: try row.get("due_date"))
    }

    static func payment(_ row: SQLRow, currency: Currency) throws -> ProposalPayment {
        ProposalPayment(
            id: try row.get("id"), position: try row.get("position"), description: try row.get("description"),
            amount: try row.money("amount", currency), dueDate: try row.get("due_date"), taxCode: try row.get("tax_code"),
            status: try row.enumeration("status"), invoiceId: try row.get("invoice_id"))
    }
}
