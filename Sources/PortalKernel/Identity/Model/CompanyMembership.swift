/// One user's role in one company. A user may hold memberships of several companies of the
/// tenant; what they may see is the union of what each membership allows.
public struct CompanyMembership: Sendable, Hashable, Codable {
    public var id: MembershipID
    public var tenantId: TenantID
    public var companyId: CompanyID
    public var userId: UserID
    public var role: CompanyRole
    public var permissions: CompanyPermissions
    /// The user who invited this member, when it came from an invitation.
    public var invitedBy: UserID?
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// A company user's role. `developer` is a team member serving the company.
public enum CompanyRole: String, Sendable, Hashable, Codable, CaseIterable {
    case owner
    case admin
    case billing
    case viewer
    case developer
}

/// Extra rights granted on top of a company role.
public struct CompanyPermissions: Sendable, Hashable, Codable {
    /// May approve developers proposed to work for the company.
    public var canApproveDevelopers: Bool
    /// May sign contracts on the company's behalf.
    public var canSignContracts: Bool
    /// May manage billing: payment methods, invoices, subscriptions.
    public var canManageBilling: Bool

    public init(canApproveDevelopers: Bool = false, canSignContracts: Bool = false, canManageBilling: Bool = false) {
        self.canApproveDevelopers = canApproveDevelopers
        self.canSignContracts = canSignContracts
        self.canManageBilling = canManageBilling
    }

    /// The rights a role has by default: owners everything, admins approval and signing,
    /// billing users billing, viewers and developers nothing.
    public static func defaults(for role: CompanyRole) -> CompanyPermissions {
        switch role {
        case .owner: CompanyPermissions(canApproveDevelopers: true, canSignContracts: true, canManageBilling: true)
        case .admin: CompanyPermissions(canApproveDevelopers: true, canSignContracts: true, canManageBilling: false)
        case .billing: CompanyPermissions(canManageBilling: true)
        case .viewer, .developer: CompanyPermissions()
        }
    }
}
