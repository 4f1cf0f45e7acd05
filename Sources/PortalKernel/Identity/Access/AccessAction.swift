/// Something a principal may try to do. ``AccessPolicy`` decides each one.
public enum AccessAction: String, Sendable, Hashable, CaseIterable {
    // The tenant itself.
    case readTenant
    case manageTenant
    // People.
    case readUser
    case manageUsers
    // Companies and what hangs off them.
    case createCompany
    case readCompany
    case updateCompany
    case readContacts
    case manageContacts
    case readMembers
    case manageMembers
    case readInvitations
    case manageInvitations
    case readBilling
    case manageBilling
    /// Staff-only billing work: writing and issuing invoices, approving payments, plans and rates.
    case administerBilling
    case signContracts
    case approveDevelopers
    /// Staff-only engagement work: writing proposals, deliverables and portal links.
    case manageEngagements
    // The audit trail.
    case readAudit
}

/// What an action is about.
public enum AccessResource: Sendable, Hashable {
    /// The principal's tenant as a whole (settings, the staff directory, the audit trail).
    case tenant
    /// One company and the records that belong to it.
    case company(CompanyID)
    /// One user, with what decides who may see them: their agency and their companies.
    case user(UserID, agencyId: AgencyID?, companyIds: Set<CompanyID>)
}

/// The outcome of a decision.
public enum AccessDecision: Sendable, Hashable {
    /// Allowed.
    case allow
    /// The principal may know the resource exists but may not do this: `forbidden`.
    case deny
    /// The principal may not even know the resource exists: answered as `not_found`, exactly
    /// like a resource that does not exist, so ids of other tenants and companies leak nothing.
    case hide
}
