/// Who belongs to a company and with which role: listing, adding, changing and removing
/// company memberships.
///
/// Staff and the company's owners and admins manage members (``AccessAction/manageMembers``),
/// with two rules on top of ``AccessPolicy``:
/// - only staff or an owner of the company may grant or take away the `owner` role, or change
///   or remove an owner's membership;
/// - once a company has an owner it always keeps one: removing or demoting the last owner is
///   a `conflict` on `role`.
///
/// ```swift
/// let memberships = Memberships(context: identity)
/// let member = try await memberships.add(company: acme.id, userId: ana.id, role: "admin", by: principal)
/// _ = try await memberships.update(member.id, MembershipUpdate(canManageBilling: true), by: principal)
/// ```
public struct Memberships: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// The company's members with their names and emails, by name.
    public func list(company: CompanyID, by principal: Principal) async throws -> [CompanyMemberWithUser] {
        try await context.database.read(principal.scope) { connection in
            _ = try Companies.loadVisible(company, by: principal, action: .readMembers, on: connection)
            return try connection.query(
                """
                SELECT m.*, u.name AS user_name, u.email AS user_email FROM company_memberships m
                JOIN users u ON u.id = m.user_id AND u.tenant_id = m.tenant_id
                WHERE m.tenant_id = \(principal.tenantId) AND m.company_id = \(company)
                ORDER BY u.name, m.id
                """
            ).map { row in
                CompanyMemberWithUser(
                    membership: try CompanyMembership(row: row), name: try row.get("user_name"), email: try row.get("user_email"))
            }
        }
    }

    /// Makes a user of the tenant a member of the company. The user must be a `client` or a
    /// `developer`; `role` is one of ``CompanyRole``; `permissions` default to
    /// ``CompanyPermissions/defaults(for:)`` of the role.
    public func add(
        company: CompanyID, userId: UserID, role: String?, permissions: CompanyPermissions? = nil, by principal: Principal
    ) async throws -> CompanyMembership {
        try AccessPolicy.authorize(principal, .manageMembers, on: .company(company))
        let role = try Self.role(role)
        if role == .owner { try Self.requireOwnerRights(principal, company: company) }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            try Companies.lock(company, tenant: principal.tenantId, on: connection)
            let user: User
            do {
                user = try Users.load(userId, tenant: principal.tenantId, on: connection)
            } catch let error as PortalError where error.code == .notFound {
                throw PortalError.invalid("No such user.", field: "user_id")
            }
            guard Self.memberKinds.contains(user.kind) else {
                throw PortalError.invalid("Only client users and developers can be company members.", field: "user_id")
            }
            let membership = try Self.insert(
                company: company, user: user.id, role: role, permissions: permissions ?? .defaults(for: role), invitedBy: nil,
                tenant: principal.tenantId, at: now, on: connection)
            try AuditTrail.record(Self.created(membership), by: principal, at: now, on: connection)
            return membership
        }
    }

    /// Changes a membership's role or flags. A new role without flags resets the flags to the
    /// role's defaults; flags given are applied on top.
    public func update(_ id: MembershipID, _ input: MembershipUpdate, by principal: Principal) async throws -> CompanyMembership {
        let newRole = try input.role.map { try Self.role($0) }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.loadManageable(id, by: principal, on: connection)
            var after = before
            if let newRole, newRole != before.role {
                after.role = newRole
                after.permissions = .defaults(for: newRole)
            }
            if let flag = input.canApproveDevelopers { after.permissions.canApproveDevelopers = flag }
            if let flag = input.canSignContracts { after.permissions.canSignContracts = flag }
            if let flag = input.canManageBilling { after.permissions.canManageBilling = flag }
            guard after != before else { return before }
            if before.role == .owner || after.role == .owner {
                try Self.requireOwnerRights(principal, company: before.companyId)
            }
            if before.role == .owner, after.role != .owner {
                try Self.requireAnotherOwner(besides: before, on: connection)
            }
            after.updatedAt = now
            try connection.execute(
                """
                UPDATE company_memberships SET role = \(after.role.rawValue),
                    can_approve_developers = \(after.permissions.canApproveDevelopers),
                    can_sign_contracts = \(after.permissions.canSignContracts),
                    can_manage_billing = \(after.permissions.canManageBilling), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id)
                """)
            try AuditTrail.record(
                try AuditEntry(
                    action: "membership.updated", resourceType: "membership", resourceId: id.uuidString,
                    companyId: after.companyId, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    /// Ends a membership. The user keeps their account and their other memberships.
    public func remove(_ id: MembershipID, by principal: Principal) async throws {
        let now = context.now
        try await context.database.write(principal.scope) { connection in
            let before = try Self.loadManageable(id, by: principal, on: connection)
            if before.role == .owner {
                try Self.requireOwnerRights(principal, company: before.companyId)
                try Self.requireAnotherOwner(besides: before, on: connection)
            }
            try connection.execute("DELETE FROM company_memberships WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
            try AuditTrail.record(
                try AuditEntry(
                    action: "membership.removed", resourceType: "membership", resourceId: id.uuidString,
                    companyId: before.companyId, before: before, after: CompanyMembership?.none),
                by: principal, at: now, on: connection)
        }
    }

    // MARK: Shared with invitations

    /// The user kinds that may hold company memberships.
    static let memberKinds: Set<UserKind> = [.client, .developer]

    /// Parses a role, naming the allowed values when it is not one.
    static func role(_ text: String?) throws -> CompanyRole {
        guard let role = try InputValidation.choice(text, as: CompanyRole.self, field: "role") else {
            throw PortalError.invalid("role is required.", field: "role")
        }
        return role
    }

    /// Throws `forbidden` unless the principal is staff or an owner of `company`.
    static func requireOwnerRights(_ principal: Principal, company: CompanyID) throws {
        guard principal.isStaff || principal.memberships[company]?.role == .owner else {
            throw PortalError.forbidden("Only an owner of the company can grant, change or take away the owner role.")
        }
    }


    /// Inserts a membership; `conflict` on `user_id` when the user is already a member.
    static func insert(
        company: CompanyID, user: UserID, role: CompanyRole, permissions: CompanyPermissions, invitedBy: UserID?,
        tenant: TenantID, at now: Instant, on connection: any SQLConnection
    ) throws -> CompanyMembership {
        if try connection.queryFirst(
            "SELECT id FROM company_memberships WHERE tenant_id = \(tenant) AND company_id = \(company) AND user_id = \(user)"
        ) != nil {
            throw PortalError.conflict("This user is already a member of the company.", field: "user_id")
        }
        let membership = CompanyMembership(
            id: MembershipID.generate(at: now), tenantId: tenant, companyId: company, userId: user, role: role,
            permissions: permissions, invitedBy: invitedBy, createdAt: now, updatedAt: now)
        try connection.execute(
            """
            INSERT INTO company_memberships (id, tenant_id, company_id, user_id, role, can_approve_developers,
                can_sign_contracts, can_manage_billing, invited_by, created_at, updated_at)
            VALUES (\(membership.id), \(tenant), \(company), \(user), \(role.rawValue), \(permissions.canApproveDevelopers),
                \(permissions.canSignContracts), \(permissions.canManageBilling), \(invitedBy), \(now), \(now))
            """)
        return membership
    }

    /// The audit entry of a new membership.
    static func created(_ membership: CompanyMembership) throws -> AuditEntry {
        try AuditEntry(
            action: "membership.created", resourceType: "membership", resourceId: membership.id.uuidString,
            companyId: membership.companyId, before: CompanyMembership?.none, after: membership)
    }

    // MARK: Private

    /// Loads a membership the principal may manage and locks its company; memberships of
    /// companies hidden from the principal are `not_found`.
    private static func loadManageable(
        _ id: MembershipID, by principal: Principal, on connection: any SQLConnection
    ) throws -> CompanyMembership {
        let notFound = PortalError.notFound("No such membership.")
        guard let found = try connection.queryFirst(
            "SELECT company_id FROM company_memberships WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
        else { throw notFound }
        let company: CompanyID = try found.get("company_id")
        switch AccessPolicy.decide(principal, .manageMembers, on: .company(company)) {
        case .allow: break
        case .deny: throw PortalError.forbidden("You are not allowed to manage this company's members.")
        case .hide: throw notFound
        }
        try Companies.lock(company, tenant: principal.tenantId, on: connection)
        // Read again under the lock: a concurrent change may have landed in between.
        guard let row = try connection.queryFirst(
            "SELECT * FROM company_memberships WHERE tenant_id = \(principal.tenantId) AND id = \(id)")
        else { throw notFound }
        return try CompanyMembership(row: row)
    }

    /// Throws `conflict` on `role` when `membership` holds its company's only owner role.
    private static func requireAnotherOwner(besides membership: CompanyMembership, on connection: any SQLConnection) throws {
        let others = try connection.queryScalar(
            """
            SELECT COUNT(*) FROM company_memberships
            WHERE tenant_id = \(membership.tenantId) AND company_id = \(membership.companyId)
                AND role = \(CompanyRole.owner.rawValue) AND id <> \(membership.id)
            """, as: Int.self) ?? 0
        guard others > 0 else {
            throw PortalError.conflict("A company must keep at least one owner; make someone else owner first.", field: "role")
        }
    }
}

/// A company member: the membership with the user's name and email.
public struct CompanyMemberWithUser: Sendable, Hashable, Codable {
    public var membership: CompanyMembership
    public var name: String
    public var email: String

    public init(membership: CompanyMembership, name: String, email: String) {
        self.membership = membership
        self.name = name
        self.email = email
    }
}

/// Changes to a membership; absent fields stay as they are. A new `role` resets the flags to
/// that role's defaults before the flags given here are applied.
public struct MembershipUpdate: Sendable, Hashable, Codable {
    /// `owner`, `admin`, `billing`, `viewer` or `developer`.
    public var role: String?
    public var canApproveDevelopers: Bool?
    public var canSignContracts: Bool?
    public var canManageBilling: Bool?

    public init(role: String? = nil, canApproveDevelopers: Bool? = nil, canSignContracts: Bool? = nil, canManageBilling: Bool? = nil) {
        self.role = role
        self.canApproveDevelopers = canApproveDevelopers
        self.canSignContracts = canSignContracts
        self.canManageBilling = canManageBilling
    }
}
