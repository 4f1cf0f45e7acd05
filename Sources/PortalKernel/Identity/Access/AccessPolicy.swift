/// The one place that decides who may do what. Use cases call ``authorize(_:_:on:)`` before
/// they read or write; front ends never decide access themselves.
///
/// | principal | reach |
/// |---|---|
/// | staff, operator, system | everything in the tenant |
/// | company `owner` | the company: read and update it, its contacts, members, invitations, billing |
/// | company `admin` | as owner, but billing only with `can_manage_billing` |
/// | company `billing` | read the company, contacts and members; billing |
/// | company `viewer` | read the company, contacts, members and billing |
/// | company `developer` | read the company |
/// | `agency_admin` | read its agency's developers and the companies they serve |
/// | anyone | read themselves |
///
/// The flags `can_sign_contracts`, `can_approve_developers` and `can_manage_billing` grant those
/// actions whatever the role. A user with several memberships gets the union, never more:
/// each company is decided by that company's membership alone.
public enum AccessPolicy {
    /// Decides `action` on `resource` for `principal`.
    public static func decide(_ principal: Principal, _ action: AccessAction, on resource: AccessResource) -> AccessDecision {
        if principal.isStaff { return .allow }
        switch resource {
        case .tenant:
            // The tenant's name and settings are visible to all its users; nothing else tenant-wide is.
            return action == .readTenant ? .allow : .deny
        case .company(let companyId):
            return decideCompany(principal, action, companyId)
        case .user(let userId, let agencyId, let companyIds):
            return decideUser(principal, action, userId: userId, agencyId: agencyId, companyIds: companyIds)
        }
    }

    /// Throws unless `action` on `resource` is allowed: `not_found` when the resource is hidden
    /// from the principal, `forbidden` when it is visible but the action is not allowed.
    public static func authorize(_ principal: Principal, _ action: AccessAction, on resource: AccessResource) throws {
        switch decide(principal, action, on: resource) {
        case .allow: return
        case .deny: throw PortalError.forbidden("You are not allowed to do this.")
        case .hide: throw notFound(resource)
        }
    }

    /// Whether the principal may perform `action` on `resource`.
    public static func allows(_ principal: Principal, _ action: AccessAction, on resource: AccessResource) -> Bool {
        decide(principal, action, on: resource) == .allow
    }

    /// The companies on which `principal` may perform `action`; `nil` means all of the tenant's.
    public static func companies(_ principal: Principal, allowing action: AccessAction) -> Set<CompanyID>? {
        if principal.isStaff { return nil }
        var reachable = Set(principal.memberships.keys)
        reachable.formUnion(principal.agencyCompanyIds)
        return reachable.filter { decideCompany(principal, action, $0) == .allow }
    }

    private static func decideCompany(_ principal: Principal, _ action: AccessAction, _ companyId: CompanyID) -> AccessDecision {
        guard let membership = principal.memberships[companyId] else {
            if principal.agencyCompanyIds.contains(companyId) {
                return action == .readCompany ? .allow : .deny
            }
            return .hide
        }
        let role = membership.role
        let flags = membership.permissions
        let allowed: Bool
        switch action {
        case .readCompany: allowed = true
        case .updateCompany, .manageContacts, .manageMembers, .manageInvitations, .readInvitations:
            allowed = role == .owner || role == .admin
        case .readContacts, .readMembers:
            allowed = role != .developer
        case .readBilling:
            allowed = role != .developer || flags.canManageBilling
        case .manageBilling: allowed = flags.canManageBilling
        case .signContracts: allowed = flags.canSignContracts
        case .approveDevelopers: allowed = flags.canApproveDevelopers
        case .readTenant, .manageTenant, .readUser, .manageUsers, .createCompany, .readAudit, .administerBilling,
            .manageEngagements:
            allowed = false
        }
        return allowed ? .allow : .deny
    }

    private static func decideUser(
        _ principal: Principal, _ action: AccessAction, userId: UserID, agencyId: AgencyID?, companyIds: Set<CompanyID>
    ) -> AccessDecision {
        let isSelf = principal.userId == userId
        let sameAgency = principal.kind == .agencyAdmin && agencyId != nil && agencyId == principal.agencyId
        let sharesReadableCompany = companyIds.contains { decideCompany(principal, .readMembers, $0) == .allow }
        let visible = isSelf || sameAgency || sharesReadableCompany
        guard visible else { return .hide }
        return action == .readUser ? .allow : .deny
    }

    private static func notFound(_ resource: AccessResource) -> PortalError {
        switch resource {
        case .tenant: PortalError.notFound("No such tenant.")
        case .company: PortalError.notFound("No such company.")
        case .user: PortalError.notFound("No such user.")
        }
    }
}
