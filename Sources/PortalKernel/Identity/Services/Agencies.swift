/// The agencies whose developers serve client companies (staff manage them).
public struct Agencies: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Creates an agency.
    public func create(name: String?, by principal: Principal) async throws -> Agency {
        try AccessPolicy.authorize(principal, .manageUsers, on: .tenant)
        let name = try InputValidation.required(name, field: "name")
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            if try connection.queryFirst("SELECT id FROM agencies WHERE tenant_id = \(principal.tenantId) AND name = \(name)") != nil {
                throw PortalError.conflict("An agency with this name exists.", field: "name")
            }
            let agency = Agency(id: AgencyID.generate(at: now), tenantId: principal.tenantId, name: name, createdAt: now, updatedAt: now)
            try connection.execute(
                "INSERT INTO agencies (id, tenant_id, name, created_at, updated_at) VALUES (\(agency.id), \(principal.tenantId), \(name), \(now), \(now))")
            try AuditTrail.record(
                try AuditEntry(action: "agency.created", resourceType: "agency", resourceId: agency.id.uuidString, before: Agency?.none, after: agency),
                by: principal, at: now, on: connection)
            return agency
        }
    }

    /// Every agency of the tenant, by name (staff, and agency admins see their own).
    public func list(by principal: Principal) async throws -> [Agency] {
        try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT * FROM agencies WHERE tenant_id = \(principal.tenantId)"
            if !principal.isStaff { statement.append(" AND id = \(principal.agencyId)") }
            statement.append(" ORDER BY name, id")
            return try connection.query(statement).map(Agency.init(row:))
        }
    }

    static func requireExists(_ id: AgencyID, tenant: TenantID, on connection: any SQLConnection) throws {
        guard try connection.queryFirst("SELECT id FROM agencies WHERE tenant_id = \(tenant) AND id = \(id)") != nil else {
            throw PortalError.invalid("No such agency.", field: "agency_id")
        }
    }
}
