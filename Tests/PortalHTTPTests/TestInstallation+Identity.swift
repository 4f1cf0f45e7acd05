import Foundation
import Logging
import PortalAssembly
import PortalKernel
import PortalTesting

/// Setting up tenants and people with the kernel, as an operator would on the command line.
extension TestInstallation {
    /// A password that meets the kernel's rules.
    static let password = "correct horse battery"

    var identity: IdentityServices { assembled.portal.identity }

    /// An operator of `tenant`: staff rights, for setting things up.
    func operatorPrincipal(_ tenant: TenantID) -> Principal {
        Principal.operator(tenant: tenant, name: "tests")
    }

    func createTenant(slug: String, name: String) async throws -> Tenant {
        try await identity.tenants.create(NewTenant(name: name, slug: slug), operatorName: "tests")
    }

    @discardableResult
    func createUser(
        in tenant: TenantID, email: String, name: String = "Test User", kind: UserKind = .staff,
        password: String? = TestInstallation.password
    ) async throws -> User {
        try await identity.users.create(
            NewUser(email: email, name: name, kind: kind.rawValue, password: password), by: operatorPrincipal(tenant))
    }

    func createCompany(in tenant: TenantID, name: String) async throws -> Company {
        try await identity.companies.create(CompanyInput(name: name), by: operatorPrincipal(tenant))
    }

    /// A new API token's secret for `user`, made by an operator.
    func tokenSecret(for user: User, name: String = "tests") async throws -> IssuedAPIToken {
        try await APITokens(context: identity.context).create(
            name: name, expiresAt: nil, for: user.id, by: operatorPrincipal(user.tenantId))
    }

    /// Makes `user` a member of `company` with `role`.
    @discardableResult
    func addMember(_ user: User, to company: Company, role: CompanyRole) async throws -> CompanyMembership {
        try await Memberships(context: identity.context).add(
            company: company.id, userId: user.id, role: role.rawValue, by: operatorPrincipal(user.tenantId))
    }

    /// Counts rows of a table across tenants (to prove a refused request wrote nothing).
    func count(_ table: String) async throws -> Int {
        try await assembled.portal.database.read(.allTenants) { connection in
            try connection.queryScalar("SELECT COUNT(*) FROM \(raw: table)", as: Int.self) ?? 0
        }
    }
}
