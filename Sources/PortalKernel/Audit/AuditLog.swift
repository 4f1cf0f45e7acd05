/// Reading the audit trail: staff (and operators) only, filtered and paged newest first.
public struct AuditLog: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Recomputes the principal's tenant's audit chain (staff and operators only).
    public func verify(by principal: Principal) async throws -> AuditVerification {
        try AccessPolicy.authorize(principal, .readAudit, on: .tenant)
        return try await AuditVerifier.verify(tenant: principal.tenantId, on: database)
    }

    /// Events of the principal's tenant matching `filter`, newest first.
    public func list(_ filter: AuditFilter, page: PageRequest, by principal: Principal) async throws -> Page<AuditEvent> {
        try AccessPolicy.authorize(principal, .readAudit, on: .tenant)
        let tenant = principal.tenantId
        return try await database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM audit_events WHERE tenant_id = \(tenant)"
            if let resourceType = filter.resourceType { statement.append(" AND resource_type = \(resourceType)") }
            if let resourceId = filter.resourceId { statement.append(" AND resource_id = \(resourceId)") }
            if let actor = filter.actor { statement.append(" AND (actor_id = \(actor) OR actor_label = \(actor))") }
            if let action = filter.action { statement.append(" AND action = \(action)") }
            if let companyId = filter.companyId { statement.append(" AND company_id = \(companyId)") }
            if let since = filter.since { statement.append(" AND occurred_at >= \(since)") }
            if let until = filter.until { statement.append(" AND occurred_at < \(until)") }
            if let cursor = page.cursor {
                guard let sequence = Int64(cursor), sequence > 0 else { throw KeysetPage.badCursor }
                statement.append(" AND sequence < \(sequence)")
            }
            statement.append(" ORDER BY sequence DESC LIMIT \(page.limit + 1)")
            let rows = try connection.query(statement)
            let events = try rows.prefix(page.limit).map(AuditEvent.init(row:))
            let next = rows.count > page.limit ? events.last.map { String($0.sequence) } : nil
            return Page(items: events, nextCursor: next)
        }
    }
}

/// Which audit events to list. Every criterion given must match.
public struct AuditFilter: Sendable, Hashable {
    public var resourceType: String?
    public var resourceId: String?
    /// An actor id (a user id, an operator name) or label (`user:ana@example.com`).
    public var actor: String?
    public var action: String?
    public var companyId: CompanyID?
    /// From this instant, inclusive.
    public var since: Instant?
    /// Before this instant.
    public var until: Instant?

    public init(
        resourceType: String? = nil, resourceId: String? = nil, actor: String? = nil, action: String? = nil,
        companyId: CompanyID? = nil, since: Instant? = nil, until: Instant? = nil
    ) {
        self.resourceType = resourceType
        self.resourceId = resourceId
        self.actor = actor
        self.action = action
        self.companyId = companyId
        self.since = since
        self.until = until
    }
}
