/// Reading and writing deliverables.
enum DeliverableStore {
    static func load(
        _ id: DeliverableID, tenant: TenantID, today: LocalDate, on connection: any SQLConnection, forUpdate: Bool = false
    ) throws -> Deliverable {
        let lock: SQLStatement = forUpdate ? connection.dialect.rowLockClause : ""
        guard let row = try connection.queryFirst("SELECT * FROM deliverables WHERE tenant_id = \(tenant) AND id = \(id)\(lock)")
        else { throw PortalError.notFound("No such deliverable.") }
        return try deliverable(row, today: today)
    }

    /// The deliverable, if the principal may see its company (`not_found` otherwise) and perform
    /// `action` on it (`forbidden` otherwise).
    static func loadVisible(
        _ id: DeliverableID, by principal: Principal, action: AccessAction, today: LocalDate, on connection: any SQLConnection,
        forUpdate: Bool = false
    ) throws -> Deliverable {
        let deliverable = try load(id, tenant: principal.tenantId, today: today, on: connection, forUpdate: forUpdate)
        if case .hide = AccessPolicy.decide(principal, .readCompany, on: .company(deliverable.companyId)) {
            throw PortalError.notFound("No such deliverable.")
        }
        try AccessPolicy.authorize(principal, action, on: .company(deliverable.companyId))
        return deliverable
    }

    static func insert(_ deliverable: Deliverable, position: Int, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            INSERT INTO deliverables (id, tenant_id, company_id, contact_id, proposal_id, milestone_id, title, description,
                category, status, notes, due_date, completed_at, position, created_at, updated_at)
            VALUES (\(deliverable.id), \(deliverable.tenantId), \(deliverable.companyId), \(deliverable.contactId),
                \(deliverable.proposalId), \(deliverable.milestoneId), \(deliverable.title), \(deliverable.description),
                \(deliverable.category), \(deliverable.status.rawValue), \(deliverable.notes), \(deliverable.dueDate),
                \(deliverable.completedAt), \(position), \(deliverable.createdAt), \(deliverable.updatedAt))
            """)
    }

    static func update(_ deliverable: Deliverable, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE deliverables SET title = \(deliverable.title), description = \(deliverable.description),
                category = \(deliverable.category), status = \(deliverable.status.rawValue), notes = \(deliverable.notes),
                due_date = \(deliverable.dueDate), completed_at = \(deliverable.completedAt),
                updated_at = \(deliverable.updatedAt)
            WHERE tenant_id = \(deliverable.tenantId) AND id = \(deliverable.id)
            """)
    }

    /// A deliverable from its row; `overdue` as of `today`.
    static func deliverable(_ row: SQLRow, today: LocalDate) throws -> Deliverable {
        let status: DeliverableStatus = try row.enumeration("status")
        let dueDate: LocalDate? = try row.get("due_date")
        return Deliverable(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), companyId: try row.get("company_id"),
            contactId: try row.get("contact_id"), proposalId: try row.get("proposal_id"),
            milestoneId: try row.get("milestone_id"), title: try row.get("title"), description: try row.get("description"),
            category: try row.get("category"), status: status, notes: try row.get("notes"), dueDate: dueDate,
            completedAt: try row.get("completed_at"), overdue: isOverdue(status: status, dueDate: dueDate, today: today),
            createdAt: try row.get("created_at"), updatedAt: try row.get("updated_at"))
    }

    /// Whether a deliverable in `status` due on `dueDate` is overdue on `today`.
    static func isOverdue(status: DeliverableStatus, dueDate: LocalDate?, today: LocalDate) -> Bool {
        guard let dueDate, status != .completed else { return false }
        return dueDate < today
    }
}
