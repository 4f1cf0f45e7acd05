import Foundation
import PortalKernel
import PortalSQLite
import Testing

@testable import PortalKernel

/// Signs a sent contract as a company user would in the portal, straight through the kernel:
/// the CLI acts for staff and never signs for a client. The user must exist (`user create
/// --kind client`); they become an owner of the company, allowed to sign.
struct ContractClientSigner {
    /// Where the signature is made from.
    static let origin = RequestOrigin(address: "203.0.113.44", requestId: "cli-test", userAgent: "PortalCLITests")

    let databasePath: String

    func sign(_ contract: ContractID, email: String, fullName: String) async throws -> ContractSignature {
        let database = try await SQLiteDatabase.open(configuration: SQLiteConfiguration(path: databasePath))
        do {
            let signature = try await sign(contract, email: email, fullName: fullName, in: database)
            await database.close()
            return signature
        } catch {
            await database.close()
            throw error
        }
    }

    private func sign(_ id: ContractID, email: String, fullName: String, in database: SQLiteDatabase) async throws -> ContractSignature {
        let clock = SystemClock()
        let now = clock.now()
        let (principal, contract) = try await database.write(.allTenants) { connection in
            let contract = try Contract(
                row: try #require(try connection.queryFirst("SELECT * FROM contracts WHERE id = \(id)"), "no contract \(id)"))
            let user = try User(
                row: try #require(
                    try connection.queryFirst(
                        "SELECT \(raw: User.columns) FROM users WHERE tenant_id = \(contract.tenantId) AND email = \(email)"),
                    "no user \(email)"))
            let owner = CompanyPermissions.defaults(for: .owner)
            try connection.execute(
                """
                INSERT INTO company_memberships (id, tenant_id, company_id, user_id, role, can_approve_developers,
                    can_sign_contracts, can_manage_billing, created_at, updated_at)
                VALUES (\(MembershipID.generate(at: now)), \(contract.tenantId), \(contract.companyId), \(user.id), 'owner',
                    \(owner.canApproveDevelopers), \(owner.canSignContracts), \(owner.canManageBilling), \(now), \(now))
                """)
            return (try PrincipalLoader.load(user, credential: .flow, origin: Self.origin, on: connection), contract)
        }
        let context = BillingContext(
            database: database, clock: clock, secretBox: AESGCMSecretBox(keyring: try SecretKeyring.generate()),
            jobs: JobQueue(database: database, clock: clock), plugins: PortalPlugins())
        return try await ContractSigning(context: context).sign(
            id, ContractSignatureInput(fullName: fullName, accept: true, documentSha256: contract.documentSha256), by: principal)
    }
}
