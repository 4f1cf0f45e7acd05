/// The people who sign in: creating, reading, listing and changing users.
public struct Users: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Creates a user of the principal's tenant (staff only). Without a password the user signs
    /// in after setting one through a password reset.
    public func create(_ input: NewUser, by principal: Principal) async throws -> User {
        try AccessPolicy.authorize(principal, .manageUsers, on: .tenant)
        let email = try InputValidation.email(input.email)
        let name = try InputValidation.required(input.name, field: "name")
        let kind = try InputValidation.choice(input.kind, as: UserKind.self, field: "kind") ?? .staff
        let agencyId = try input.agencyId.map { try AgencyID(parsing: $0, field: "agency_id") }
        let passwordHash: String?
        if let password = input.password {
            try PasswordRules.validate(password)
            passwordHash = try await context.passwordHasher.hash(password)
        } else {
            passwordHash = nil
        }
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            if let agencyId { try Agencies.requireExists(agencyId, tenant: principal.tenantId, on: connection) }
            let user = try Self.insert(
                email: email, name: name, kind: kind, agencyId: agencyId, passwordHash: passwordHash,
                tenant: principal.tenantId, at: now, on: connection)
            try AuditTrail.record(
                try AuditEntry(action: "user.created", resourceType: "user", resourceId: user.id.uuidString, before: User?.none, after: user),
                by: principal, at: now, on: connection)
            return user
        }
    }

    /// One user, if the principal may see them.
    public func get(_ id: UserID, by principal: Principal) async throws -> User {
        try await context.database.read(principal.scope) { connection in
            try Self.loadVisible(id, by: principal, on: connection)
        }
    }

    /// The users the principal may see: staff see all; others see themselves, the members of
    /// companies whose members they may read, and (agency admins) their agency's people.
    public func list(_ options: UserListOptions, page: PageRequest, by principal: Principal) async throws -> Page<User> {
        let keyset = KeysetPage(sort: options.sort, request: page)
        return try await context.database.read(principal.scope) { connection in
            var statement: SQLStatement = "SELECT \(raw: User.columns) FROM users WHERE tenant_id = \(principal.tenantId)"
            if !principal.isStaff {
                let companies = Array(AccessPolicy.companies(principal, allowing: .readMembers) ?? [])
                statement.append(" AND (id = \(principal.userId)")
                if !companies.isEmpty {
                    statement.append(
                        " OR id IN (SELECT user_id FROM company_memberships WHERE tenant_id = \(principal.tenantId) AND company_id IN (\(list: companies)))")
                }
                if principal.kind == .agencyAdmin, let agency = principal.agencyId {
                    statement.append(" OR agency_id = \(agency)")
                }
                statement.append(")")
            }
            if let kind = options.kind { statement.append(" AND kind = \(kind.rawValue)") }
            if let status = options.status { statement.append(" AND status = \(status.rawValue)") }
            if let since = options.updatedSince { statement.append(" AND updated_at >= \(since)") }
            if let search = options.search { statement.append(" AND (\(SQLSearch.contains("name", search)) OR \(SQLSearch.contains("email", search)))") }
            statement.append(try keyset.afterCursor())
            statement.append(keyset.orderAndLimit())
            return try keyset.page(try connection.query(statement), User.init(row:))
        }
    }

    /// Changes a user's name, email, kind, agency or status (staff only). Disabling a user ends
    /// their sessions and revokes their API tokens.
    public func update(_ id: UserID, _ input: UserUpdate, by principal: Principal) async throws -> User {
        try AccessPolicy.authorize(principal, .manageUsers, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let before = try Self.load(id, tenant: principal.tenantId, on: connection)
            var after = before
            if let name = input.name { after.name = try InputValidation.required(name, field: "name") }
            if let email = input.email { after.email = try InputValidation.email(email) }
            if let kind = try InputValidation.choice(input.kind, as: UserKind.self, field: "kind") { after.kind = kind }
            if let status = try InputValidation.choice(input.status, as: UserStatus.self, field: "status") { after.status = status }
            if let agency = input.agencyId {
                after.agencyId = agency.isEmpty ? nil : try AgencyID(parsing: agency, field: "agency_id")
                if let agencyId = after.agencyId { try Agencies.requireExists(agencyId, tenant: principal.tenantId, on: connection) }
            }
            if principal.userId == id, after.status == .disabled || after.kind != before.kind {
                throw PortalError.conflict("You cannot disable yourself or change your own kind.", field: "status")
            }
            guard after != before else { return before }
            after.updatedAt = now
            try Self.requireUniqueEmail(after.email, except: id, tenant: principal.tenantId, on: connection)
            try connection.execute(
                """
                UPDATE users SET name = \(after.name), email = \(after.email), email_key = \(InputValidation.emailKey(after.email)),
                    kind = \(after.kind.rawValue), status = \(after.status.rawValue), agency_id = \(after.agencyId), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(id)
                """)
            if after.status == .disabled { try Self.endAccess(id, tenant: principal.tenantId, at: now, on: connection) }
            try AuditTrail.record(
                try AuditEntry(action: "user.updated", resourceType: "user", resourceId: id.uuidString, before: before, after: after),
                by: principal, at: now, on: connection)
            return after
        }
    }

    // MARK: Shared with the other identity use cases

    /// Inserts a user; `conflict` on `email` when the tenant has one with this address.
    static func insert(
        email: String, name: String, kind: UserKind, agencyId: AgencyID?, passwordHash: String?, tenant: TenantID,
        at now: Instant, on connection: any SQLConnection
    ) throws -> User {
        try requireUniqueEmail(email, except: nil, tenant: tenant, on: connection)
        let user = User(
            id: UserID.generate(at: now), tenantId: tenant, email: email, name: name, kind: kind, agencyId: agencyId,
            status: .active, twoFactorEnabled: false, lastLoginAt: nil, createdAt: now, updatedAt: now)
        try connection.execute(
            """
            INSERT INTO users (id, tenant_id, email, email_key, name, kind, agency_id, status, password_hash,
                password_changed_at, created_at, updated_at)
            VALUES (\(user.id), \(tenant), \(email), \(InputValidation.emailKey(email)), \(name), \(kind.rawValue), \(agencyId),
                \(user.status.rawValue), \(passwordHash), \(passwordHash == nil ? nil : now), \(now), \(now))
            """)
        return user
    }

    static func requireUniqueEmail(_ email: String, except id: UserID?, tenant: TenantID, on connection: any SQLConnection) throws {
        if let row = try connection.queryFirst(
            "SELECT id FROM users WHERE tenant_id = \(tenant) AND email_key = \(InputValidation.emailKey(email))"),
            try row.get("id", as: UserID.self) != id
        {
            throw PortalError.conflict("A user with this email exists.", field: "email")
        }
    }

    static func load(_ id: UserID, tenant: TenantID, on connection: any SQLConnection) throws -> User {
        guard let row = try connection.queryFirst("SELECT \(raw: User.columns) FROM users WHERE tenant_id = \(tenant) AND id = \(id)") else {
            throw PortalError.notFound("No such user.")
        }
        return try User(row: row)
    }

    static func find(emailKey: String, tenant: TenantID, on connection: any SQLConnection) throws -> User? {
        try connection.queryFirst(
            "SELECT \(raw: User.columns) FROM users WHERE tenant_id = \(tenant) AND email_key = \(emailKey)"
        ).map(User.init(row:))
    }

    /// Loads a user and checks the principal may see them; hidden users are `not_found`.
    static func loadVisible(_ id: UserID, by principal: Principal, on connection: any SQLConnection) throws -> User {
        let user = try load(id, tenant: principal.tenantId, on: connection)
        let companies = try connection.query(
            "SELECT company_id FROM company_memberships WHERE tenant_id = \(principal.tenantId) AND user_id = \(id)"
        ).map { try $0.get("company_id", as: CompanyID.self) }
        try AccessPolicy.authorize(principal, .readUser, on: .user(id, agencyId: user.agencyId, companyIds: Set(companies)))
        return user
    }

    /// Ends every session and revokes every API token of a user.
    static func endAccess(_ id: UserID, tenant: TenantID, at now: Instant, on connection: any SQLConnection) throws {
        try connection.execute(
            "UPDATE sessions SET revoked_at = \(now) WHERE tenant_id = \(tenant) AND user_id = \(id) AND revoked_at IS NULL")
        try connection.execute(
            "UPDATE api_tokens SET revoked_at = \(now), updated_at = \(now) WHERE tenant_id = \(tenant) AND user_id = \(id) AND revoked_at IS NULL")
    }
}

/// A new user. Only the email and name are required; `kind` defaults to `staff`.
public struct NewUser: Sendable, Codable {
    public var email: String?
    public var name: String?
    /// `staff`, `client`, `developer` or `agency_admin`.
    public var kind: String?
    public var agencyId: String?
    /// Set now, or leave out and let the user set one through a password reset.
    public var password: String?

    public init(email: String?, name: String?, kind: String? = nil, agencyId: String? = nil, password: String? = nil) {
        self.email = email
        self.name = name
        self.kind = kind
        self.agencyId = agencyId
        self.password = password
    }
}

/// Changes to a user; absent fields stay as they are, an empty `agency_id` clears it.
public struct UserUpdate: Sendable, Codable {
    public var name: String?
    public var email: String?
    public var kind: String?
    public var status: String?
    public var agencyId: String?

    public init(name: String? = nil, email: String? = nil, kind: String? = nil, status: String? = nil, agencyId: String? = nil) {
        self.name = name
        self.email = email
        self.kind = kind
        self.status = status
        self.agencyId = agencyId
    }
}

/// Filters and order of a user list.
public struct UserListOptions: Sendable, Hashable {
    public static let sortFields: [ListSortField] = [.createdAt, .updatedAt, .name, .email]

    public var sort = ListSort(.createdAt)
    public var kind: UserKind?
    public var status: UserStatus?
    public var updatedSince: Instant?
    /// Part of a name or email, case-insensitive.
    public var search: String?

    public init(sort: ListSort = ListSort(.createdAt), kind: UserKind? = nil, status: UserStatus? = nil, updatedSince: Instant? = nil, search: String? = nil) {
        self.sort = sort
        self.kind = kind
        self.status = status
        self.updatedSince = updatedSince
        self.search = search
    }
}
