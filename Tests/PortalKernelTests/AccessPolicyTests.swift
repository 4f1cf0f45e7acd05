import Testing

@testable import PortalKernel

@Suite("Access policy")
struct AccessPolicyTests {
    let tenant = TenantID.generate(at: Instant(secondsSinceEpoch: 1_700_000_000))
    let companyX = CompanyID.generate(at: Instant(secondsSinceEpoch: 1_700_000_001))
    let companyY = CompanyID.generate(at: Instant(secondsSinceEpoch: 1_700_000_002))
    let companyZ = CompanyID.generate(at: Instant(secondsSinceEpoch: 1_700_000_003))

    func user(_ kind: UserKind, memberships: [(CompanyID, CompanyRole, CompanyPermissions?)] = [], agency: AgencyID? = nil,
              agencyCompanies: Set<CompanyID> = []) -> Principal {
        let id = UserID.generate(at: Instant(secondsSinceEpoch: 1_700_000_010))
        var map: [CompanyID: CompanyMembership] = [:]
        for (company, role, permissions) in memberships {
            map[company] = CompanyMembership(
                id: MembershipID.generate(at: Instant(secondsSinceEpoch: 1_700_000_011)), tenantId: tenant, companyId: company,
                userId: id, role: role, permissions: permissions ?? .defaults(for: role), invitedBy: nil,
                createdAt: Instant(secondsSinceEpoch: 0), updatedAt: Instant(secondsSinceEpoch: 0))
        }
        return Principal(
            tenantId: tenant, actor: .user(id: id, kind: kind, email: "someone@example.com", credential: .flow), memberships: map,
            agencyId: agency, agencyCompanyIds: agencyCompanies)
    }

    @Test func staffAndOperatorsMayDoEverything() {
        let principals = [user(.staff), Principal.operator(tenant: tenant, name: "root"), Principal.system(tenant: tenant, "billing")]
        for principal in principals {
            for action in AccessAction.allCases {
                #expect(AccessPolicy.decide(principal, action, on: .company(companyX)) == .allow)
                #expect(AccessPolicy.decide(principal, action, on: .tenant) == .allow)
            }
        }
    }

    @Test func companyRolesReachOnlyTheirOwnCompany() {
        for role in CompanyRole.allCases {
            let principal = user(.client, memberships: [(companyX, role, nil)])
            #expect(AccessPolicy.decide(principal, .readCompany, on: .company(companyX)) == .allow)
            for action in AccessAction.allCases {
                #expect(AccessPolicy.decide(principal, action, on: .company(companyY)) == .hide, "\(role) \(action)")
            }
        }
    }

    @Test func rolesDecideWhatIsAllowedWithinTheCompany() {
        func allowed(_ role: CompanyRole, _ action: AccessAction) -> Bool {
            AccessPolicy.allows(user(.client, memberships: [(companyX, role, nil)]), action, on: .company(companyX))
        }
        #expect(allowed(.owner, .updateCompany) && allowed(.admin, .updateCompany))
        #expect(!allowed(.billing, .updateCompany) && !allowed(.viewer, .updateCompany) && !allowed(.developer, .updateCompany))
        #expect(allowed(.owner, .manageInvitations) && allowed(.admin, .manageInvitations) && !allowed(.viewer, .manageInvitations))
        #expect(allowed(.viewer, .readContacts) && !allowed(.developer, .readContacts))
        #expect(allowed(.billing, .manageBilling) && allowed(.owner, .manageBilling) && !allowed(.admin, .manageBilling))
        #expect(allowed(.viewer, .readBilling) && !allowed(.developer, .readBilling))
        #expect(allowed(.owner, .signContracts) && !allowed(.billing, .signContracts))
        #expect(!allowed(.owner, .createCompany) && !allowed(.owner, .readAudit))
    }

    @Test func flagsGrantActionsWhateverTheRole() {
        let flags = CompanyPermissions(canApproveDevelopers: true, canSignContracts: true, canManageBilling: true)
        let viewer = user(.client, memberships: [(companyX, .viewer, flags)])
        #expect(AccessPolicy.allows(viewer, .signContracts, on: .company(companyX)))
        #expect(AccessPolicy.allows(viewer, .approveDevelopers, on: .company(companyX)))
        #expect(AccessPolicy.allows(viewer, .manageBilling, on: .company(companyX)))
        let owner = user(.client, memberships: [(companyX, .owner, CompanyPermissions())])
        #expect(AccessPolicy.decide(owner, .signContracts, on: .company(companyX)) == .deny)
    }

    @Test func severalMembershipsGiveTheUnionAndNoMore() {
        let bookkeeper = user(.client, memberships: [(companyX, .billing, nil), (companyY, .viewer, nil)])
        #expect(AccessPolicy.allows(bookkeeper, .manageBilling, on: .company(companyX)))
        #expect(!AccessPolicy.allows(bookkeeper, .manageBilling, on: .company(companyY)))
        #expect(AccessPolicy.decide(bookkeeper, .readCompany, on: .company(companyZ)) == .hide)
        #expect(AccessPolicy.companies(bookkeeper, allowing: .readCompany) == [companyX, companyY])
        #expect(AccessPolicy.companies(bookkeeper, allowing: .manageBilling) == [companyX])
        #expect(AccessPolicy.companies(user(.staff), allowing: .readCompany) == nil)
    }

    @Test func agencyAdminsReadTheCompaniesTheirDevelopersServe() {
        let agency = AgencyID.generate(at: Instant(secondsSinceEpoch: 1_700_000_020))
        let admin = user(.agencyAdmin, agency: agency, agencyCompanies: [companyX])
        #expect(AccessPolicy.decide(admin, .readCompany, on: .company(companyX)) == .allow)
        #expect(AccessPolicy.decide(admin, .readContacts, on: .company(companyX)) == .deny)
        #expect(AccessPolicy.decide(admin, .readCompany, on: .company(companyY)) == .hide)
        let developer = UserID.generate(at: Instant(secondsSinceEpoch: 1_700_000_030))
        #expect(AccessPolicy.decide(admin, .readUser, on: .user(developer, agencyId: agency, companyIds: [companyX])) == .allow)
        let stranger = UserID.generate(at: Instant(secondsSinceEpoch: 1_700_000_031))
        #expect(AccessPolicy.decide(admin, .readUser, on: .user(stranger, agencyId: nil, companyIds: [companyY])) == .hide)
    }

    @Test func usersSeeThemselvesAndMembersOfTheirCompanies() {
        let owner = user(.client, memberships: [(companyX, .owner, nil)])
        let me = owner.userId!
        #expect(AccessPolicy.decide(owner, .readUser, on: .user(me, agencyId: nil, companyIds: [])) == .allow)
        #expect(AccessPolicy.decide(owner, .manageUsers, on: .user(me, agencyId: nil, companyIds: [])) == .deny)
        let colleague = UserID.generate(at: Instant(secondsSinceEpoch: 1_700_000_040))
        #expect(AccessPolicy.decide(owner, .readUser, on: .user(colleague, agencyId: nil, companyIds: [companyX])) == .allow)
        #expect(AccessPolicy.decide(owner, .readUser, on: .user(colleague, agencyId: nil, companyIds: [companyY])) == .hide)
    }

    @Test func authorizeHidesWhatTheCallerMayNotKnow() {
        let viewer = user(.client, memberships: [(companyX, .viewer, nil)])
        #expect(throws: PortalError.notFound("No such company.")) {
            try AccessPolicy.authorize(viewer, .readCompany, on: .company(companyY))
        }
        #expect(throws: PortalError.forbidden()) {
            try AccessPolicy.authorize(viewer, .updateCompany, on: .company(companyX))
        }
        #expect(throws: PortalError.forbidden()) {
            try AccessPolicy.authorize(viewer, .manageTenant, on: .tenant)
        }
    }
}
