import PortalKernel
import Testing

/// Smoke tests of ``IdentityFixture`` itself, on both backends.
@Suite("Identity fixture")
struct IdentityFixtureTests {
    @Test(arguments: StorageBackend.allCases)
    func createsTenantAndUser(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let user = try await fixture.createUser(email: "ana@example.com")
            #expect(user.tenantId == fixture.tenant.id)
            // The fixture's role is subject to row-level security: without a scope, nothing shows.
            let unscoped = try await fixture.database.read { connection in
                try connection.queryScalar("SELECT count(*) FROM users", as: Int64.self)
            }
            #expect(unscoped == (backend == .postgres ? 0 : 1))
            try await fixture.expectAuditChainIntact()
        }
    }
}
