/// Builds the ``Principal`` of a signed-in user from storage: their memberships and, for an
/// agency admin, the companies their agency's developers serve.
enum PrincipalLoader {
    static func load(
        _ user: User, credential: Principal.Credential, origin: RequestOrigin, on connection: any SQLConnection
    ) throws -> Principal {
        var memberships: [CompanyID: CompanyMembership] = [:]
        try connection.forEachRow(
            "SELECT * FROM company_memberships WHERE tenant_id = \(user.tenantId) AND user_id = \(user.id)"
        ) { row in
            let membership = try CompanyMembership(row: row)
            memberships[membership.companyId] = membership
        }
        var agencyCompanies: Set<CompanyID> = []
        if user.kind == .agencyAdmin, let agency = user.agencyId {
            try connection.forEachRow(
                """
                SELECT DISTINCT m.company_id FROM company_memberships m JOIN users u ON u.id = m.user_id
                WHERE m.tenant_id = \(user.tenantId) AND u.tenant_id = \(user.tenantId) AND u.agency_id = \(agency)
                """
            ) { row in agencyCompanies.insert(try row.get("company_id")) }
        }
        return Principal(
            tenantId: user.tenantId, actor: .user(id: user.id, kind: user.kind, email: user.email, credential: credential),
            memberships: memberships, agencyId: user.agencyId, agencyCompanyIds: agencyCompanies, origin: origin)
    }
}
