import PortalKernel
import Testing

@testable import PortalKernel

@Suite("Two-factor reset by staff")
struct TwoFactorResetTests {
    @Test(arguments: StorageBackend.allCases)
    func staffTurnOffALostSecondFactorAndEndTheSessions(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let ana = try await fixture.createUser(email: "ana@acme.example", kind: .client)
            _ = try await fixture.enableTwoFactor(ana.email)
            let pending = try await fixture.login(ana.email)
            #expect(pending.stage == .secondFactor)
            let staff = fixture.principal(for: try await fixture.createUser(email: "staff@acme.example"))
            let client = fixture.principal(for: try await fixture.createUser(email: "bob@acme.example", kind: .client))

            await #expect(throws: PortalError.forbidden()) { try await fixture.twoFactor.reset(ana.id, by: client) }
            try await fixture.twoFactor.reset(ana.id, by: staff)

            #expect(try await Users(context: fixture.context).get(ana.id, by: staff).twoFactorEnabled == false)
            await #expect(throws: PortalError.self) {
                try await fixture.auth.authenticate(
                    sessionToken: pending.sessionToken, origin: IdentityFixture.origin, allowing: [.secondFactor])
            }
            #expect(try await fixture.scalar("SELECT count(*) FROM recovery_codes WHERE user_id = \(ana.id)", as: Int64.self) == 0)
            #expect(try await fixture.login(ana.email).stage == .active)
            await #expect(throws: PortalError.conflict("This user does not sign in with a second factor.")) {
                try await fixture.twoFactor.reset(ana.id, by: staff)
            }
            #expect(try await fixture.auditActions().contains("user.two_factor_reset"))
            try await fixture.expectAuditChainIntact()

            let other = fixture.switching(to: try await fixture.createTenant(slug: "other"))
            let outsider = other.principal(for: try await other.createUser(email: "eve@other.example"))
            await #expect(throws: PortalError.notFound("No such user.")) { try await fixture.twoFactor.reset(ana.id, by: outsider) }
        }
    }
}
