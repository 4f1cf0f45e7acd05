import Foundation
import PortalPostgres
import PortalTesting
import PortalKernel
import Testing

@testable import PortalKernel

extension IdentityFixture {
    /// Creates a company as the operator.
    @discardableResult
    func createCompany(_ name: String, _ input: CompanyInput = CompanyInput()) async throws -> Company {
        var input = input
        input.name = name
        return try await Companies(context: context).create(input, by: operatorPrincipal)
    }

    /// A client user holding `role` in each of `companies`, as the kernel loads them at sign-in.
    func clientPrincipal(
        _ email: String, role: CompanyRole, of companies: [CompanyID], kind: UserKind = .client
    ) async throws -> Principal {
        let user = try await createUser(email: email, kind: kind)
        let now = clock.now()
        return try await database.write(.tenant(tenant.id)) { connection in
            for company in companies {
                let permissions = CompanyPermissions.defaults(for: role)
                try connection.execute(
                    """
                    INSERT INTO company_memberships (id, tenant_id, company_id, user_id, role, can_approve_developers,
                        can_sign_contracts, can_manage_billing, created_at, updated_at)
                    VALUES (\(MembershipID.generate(at: now)), \(user.tenantId), \(company), \(user.id), \(role.rawValue),
                        \(permissions.canApproveDevelopers), \(permissions.canSignContracts), \(permissions.canManageBilling), \(now), \(now))
                    """)
            }
            return try PrincipalLoader.load(user, credential: .flow, origin: IdentityFixture.origin, on: connection)
        }
    }

    /// How many rows `table` holds across tenants.
    func count(_ table: String) async throws -> Int64 {
        try await scalar("SELECT count(*) FROM \(raw: table)", as: Int64.self) ?? 0
    }
}

extension IdentityFixture {
    /// Runs `statement` as the role that owns the test database (PostgreSQL only): the fixture
    /// itself connects as a narrower role that may not, say, drop a trigger.
    func adminExecute(_ statement: SQLStatement) async throws {
        guard let postgres = database as? PostgresDatabase,
            let range = postgres.configuration.url.range(of: #"([?&])user=[^&]*"#, options: .regularExpression)
        else { throw PortalError.unavailable("Not a PostgreSQL test database with a user in its URL.") }
        let separator = postgres.configuration.url[range].first.map(String.init) ?? "?"
        let ownerURL = postgres.configuration.url.replacingCharacters(
            in: range, with: "\(separator)user=\(TestPostgres.applicationRole)")
        let owner = try PostgresDatabase(configuration: PostgresConfiguration(url: ownerURL, poolSize: 1), logger: IdentityFixture.logger)
        do {
            _ = try await owner.write(.allTenants) { connection in try connection.execute(statement) }
            await owner.close()
        } catch {
            await owner.close()
            throw error
        }
    }
}
