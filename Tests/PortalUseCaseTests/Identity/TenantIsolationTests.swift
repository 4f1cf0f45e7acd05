import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Tenant isolation")
struct TenantIsolationTests {
    @Test(arguments: StorageBackend.allCases)
    func aTenantsIdsLeadNowhereFromAnotherTenant(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { a in
            let b = a.switching(to: try await a.createTenant(slug: "beta", name: "Beta Agency"))
            let company = try await a.createCompany("Alpha Client")
            let contact = try await Contacts(context: a.context).add(ContactInput(name: "Alpha Person"), to: company.id, by: a.operatorPrincipal)
            let user = try await a.createUser(email: "ana@alpha.example")
            let bStaff = b.principal(for: try await b.createUser(email: "bob@beta.example"))
            let identity = IdentityServices(context: a.context)
            await #expect(throws: PortalError.notFound("No such company.")) { try await identity.companies.get(company.id, by: bStaff) }
            await #expect(throws: PortalError.notFound("No such company.")) {
                try await identity.companies.update(company.id, CompanyInput(name: "Stolen"), by: bStaff)
            }
            await #expect(throws: PortalError.notFound("No such contact.")) { try await identity.contacts.get(contact.id, by: bStaff) }
            await #expect(throws: PortalError.notFound("No such company.")) {
                try await identity.contacts.add(ContactInput(name: "Mole"), to: company.id, by: bStaff)
            }
            await #expect(throws: PortalError.notFound("No such user.")) { try await identity.users.get(user.id, by: bStaff) }
            await #expect(throws: PortalError.notFound("No such user.")) {
                try await identity.users.update(user.id, UserUpdate(name: "Stolen"), by: bStaff)
            }
            #expect(try await identity.companies.list(CompanyListOptions(), page: .first, by: bStaff).items.isEmpty)
            #expect(try await identity.contacts.list(ContactListOptions(), company: nil, page: .first, by: bStaff).items.isEmpty)
            #expect(try await identity.users.list(UserListOptions(), page: .first, by: bStaff).items.map(\.email) == ["bob@beta.example"])
            #expect(try await identity.auditLog.list(AuditFilter(), page: .first, by: bStaff).items.allSatisfy { $0.tenantId == b.tenant.id })
            #expect(try await identity.tenants.current(by: bStaff).slug == "beta")
            #expect(try await identity.companies.get(company.id, by: a.operatorPrincipal).name == "Alpha Client")
        }
    }

    /// PostgreSQL's row-level security is the second line: a query that forgets its tenant
    /// filter still sees only the transaction's tenant, and a transaction without a scope sees
    /// no tenant rows at all.
    @Test func rowLevelSecurityHidesOtherTenantsFromQueriesWithoutAFilter() async throws {
        try await IdentityFixture.with(.postgres) { a in
            let b = a.switching(to: try await a.createTenant(slug: "beta"))
            try await a.createCompany("Alpha Client")
            try await b.createCompany("Beta Client")
            for table in PortalSchema.tenantOwnedTables {
                let seenByB = try await a.database.read(.tenant(b.tenant.id)) { connection in
                    try connection.query("SELECT tenant_id FROM \(raw: table)").map { try $0.get("tenant_id", as: TenantID.self) }
                }
                #expect(seenByB.allSatisfy { $0 == b.tenant.id }, "\(table) leaks another tenant's rows")
                let unscoped = try await a.database.read { connection in
                    try connection.queryScalar("SELECT count(*) FROM \(raw: table)", as: Int64.self)
                }
                #expect(unscoped == 0, "\(table) is visible without a tenant scope")
            }
            let names = try await a.database.read(.tenant(b.tenant.id)) { connection in
                try connection.query("SELECT name FROM companies").map { try $0.get("name", as: String.self) }
            }
            #expect(names == ["Beta Client"])
            await #expect(throws: PortalError.self) {
                try await a.database.write(.tenant(b.tenant.id)) { connection in
                    try connection.execute(
                        """
                        INSERT INTO agencies (id, tenant_id, name, created_at, updated_at)
                        VALUES (\(AgencyID.generate(at: a.clock.now())), \(a.tenant.id), 'Smuggled', \(a.clock.now()), \(a.clock.now()))
                        """)
                }
            }
            let updated = try await a.database.write(.tenant(b.tenant.id)) { connection in
                try connection.execute("UPDATE companies SET name = 'Renamed'")
            }
            #expect(updated == 1)
            #expect(try await Companies(context: a.context).list(CompanyListOptions(), page: .first, by: a.operatorPrincipal).items.map(\.name) == ["Alpha Client"])
        }
    }
}
