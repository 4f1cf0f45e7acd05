/// Who is acting, for which tenant, and what their memberships reach. Built once per request
/// by ``Authenticator`` (or for an operator by ``Principal/operator(tenant:name:)``) and handed
/// to every use case, which asks ``AccessPolicy`` before touching anything.
public struct Principal: Sendable, Hashable {
    /// The tenant every query of this principal is scoped to.
    public var tenantId: TenantID
    public var actor: Actor
    /// The principal's company memberships, by company.
    public var memberships: [CompanyID: CompanyMembership]
    /// For an agency admin: the agency, and the companies its developers serve.
    public var agencyId: AgencyID?
    public var agencyCompanyIds: Set<CompanyID>
    /// Where the request came from, for the audit trail.
    public var origin: RequestOrigin

    public init(
        tenantId: TenantID, actor: Actor, memberships: [CompanyID: CompanyMembership] = [:],
        agencyId: AgencyID? = nil, agencyCompanyIds: Set<CompanyID> = [], origin: RequestOrigin = RequestOrigin()
    ) {
        self.tenantId = tenantId
        self.actor = actor
        self.memberships = memberships
        self.agencyId = agencyId
        self.agencyCompanyIds = agencyCompanyIds
        self.origin = origin
    }

    /// Who the principal is.
    public enum Actor: Sendable, Hashable {
        /// A signed-in user, through a session or an API token.
        case user(id: UserID, kind: UserKind, email: String, credential: Credential)
        /// An operator on the command line, acting with staff rights.
        case `operator`(name: String)
        /// The kernel itself (jobs, scheduled runs), with staff rights.
        case system(String)
    }

    /// How a user proved who they are.
    public enum Credential: Sendable, Hashable {
        case session(SessionID)
        case apiToken(APITokenID)
        /// Established while completing a flow that is its own proof (accepting an invitation,
        /// resetting a password).
        case flow
    }

    /// An operator of the installation (CLI) acting on one tenant with staff rights.
    public static func `operator`(tenant: TenantID, name: String) -> Principal {
        Principal(tenantId: tenant, actor: .operator(name: name), origin: RequestOrigin(address: "local"))
    }

    /// The kernel acting on one tenant on its own behalf.
    public static func system(tenant: TenantID, _ name: String) -> Principal {
        Principal(tenantId: tenant, actor: .system(name))
    }

    /// The signed-in user's id, if a user is acting.
    public var userId: UserID? {
        if case .user(let id, _, _, _) = actor { return id }
        return nil
    }

    /// The user kind, treating operators and the system as staff.
    public var kind: UserKind {
        if case .user(_, let kind, _, _) = actor { return kind }
        return .staff
    }

    /// Whether the principal sees and acts on all of the tenant's data.
    public var isStaff: Bool { kind == .staff }

    /// The transaction options that scope storage to this principal's tenant.
    public var scope: TransactionOptions { .tenant(tenantId) }

    /// A short label for logs and the audit trail (`user:ana@example.com`, `operator:root`).
    public var label: String {
        switch actor {
        case .user(_, _, let email, _): "user:\(email)"
        case .operator(let name): "operator:\(name)"
        case .system(let name): "system:\(name)"
        }
    }
}

/// Where a request came from, recorded with each audit event.
public struct RequestOrigin: Sendable, Hashable {
    /// The client's network address.
    public var address: String?
    /// The request id the front end assigned.
    public var requestId: String?
    public var userAgent: String?

    public init(address: String? = nil, requestId: String? = nil, userAgent: String? = nil) {
        self.address = address
        self.requestId = requestId
        self.userAgent = userAgent
    }
}

extension TransactionOptions {
    /// A transaction scoped to one tenant: PostgreSQL's row-level security shows it only that
    /// tenant's rows.
    public static func tenant(_ tenant: TenantID) -> TransactionOptions {
        TransactionOptions(tenantScope: tenant.uuidString)
    }

    /// A transaction that may see every tenant's rows, for the few lookups that must (finding a
    /// tenant by slug at sign-in, a session by its token hash, operator commands).
    public static let allTenants = TransactionOptions(tenantScope: "*")
}
