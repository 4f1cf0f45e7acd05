import Foundation
import PortalKernel
import PortalTesting
import Testing

@Suite("Passwords")
struct AuthPasswordTests {
    static let newPassword = "a brand new passphrase"

    /// The token in the link of a queued reset email.
    static func token(in message: MailerMessage) throws -> String {
        let text = try #require(message.text)
        let range = try #require(text.range(of: #"reset-password\?token=[A-Za-z0-9_\-]+"#, options: .regularExpression))
        return String(text[range].dropFirst("reset-password?token=".count))
    }

    @Test(arguments: StorageBackend.allCases)
    func anUnknownEmailGetsNoErrorAndNoEmail(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let disabled = try await fixture.createUser(email: "gone@example.com")
            try await fixture.execute("UPDATE users SET status = 'disabled' WHERE id = \(disabled.id)")
            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "nobody@example.com", origin: IdentityFixture.origin)
            try await fixture.auth.requestPasswordReset(tenantSlug: "ghost", email: "ana@example.com", origin: IdentityFixture.origin)
            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "gone@example.com", origin: IdentityFixture.origin)
            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "", origin: IdentityFixture.origin)
            #expect(try await fixture.jobs(kind: OutgoingEmail.jobKind).isEmpty)
            #expect(try await fixture.scalar("SELECT count(*) FROM password_resets", as: Int64.self) == 0)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aResetLinkSetsTheNewPasswordOnceAndEndsSessions(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.publicURL = "https://portal.example.com/"
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            let ana = try await fixture.createUser(email: "ana@example.com", name: "Ana Lima")
            let (before, _) = try await fixture.signedIn("ana@example.com")
            let issued = try await fixture.apiTokens.create(name: "kept", expiresAt: nil, for: ana.id, by: fixture.operatorPrincipal)

            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "ANA@example.com", origin: IdentityFixture.origin)
            let emails = try await fixture.queuedEmails()
            try #require(emails.count == 1)
            let message = emails[0].message
            #expect(message.to == [MailerAddress("ana@example.com", name: "Ana Lima")])
            #expect(message.from == settings.emailFrom)
            #expect(message.text?.contains("https://portal.example.com/reset-password?token=pr_") == true)
            try message.validate()
            let token = try Self.token(in: message)
            // The token is in the sealed email only: not in the job payload, not in any table.
            #expect(!emails[0].payload.contains(token))
            #expect(try await fixture.tablesContaining(token).isEmpty)
            #expect(try await fixture.scalar("SELECT token_hash FROM password_resets", as: String.self) == OpaqueToken.hash(token))

            let weak = await portalError { try await fixture.auth.resetPassword(token: token, newPassword: "short", origin: IdentityFixture.origin) }
            #expect(weak?.field == "password")
            fixture.clock.advance(by: .seconds(60))
            try await fixture.auth.resetPassword(token: token, newPassword: Self.newPassword, origin: IdentityFixture.origin)

            #expect(try await fixture.login("ana@example.com", password: Self.newPassword).stage == .active)
            #expect(await portalError { try await fixture.login("ana@example.com") }?.code == .unauthenticated)
            #expect(await portalError { try await fixture.auth.authenticate(sessionToken: before.sessionToken, origin: IdentityFixture.origin) }?.code == .unauthenticated)
            _ = try await fixture.auth.authenticate(bearerToken: issued.secret, origin: IdentityFixture.origin)  // API tokens stay
            let changedAt = try await fixture.scalar("SELECT password_changed_at FROM users WHERE id = \(ana.id)", as: Instant?.self)
            #expect(changedAt == fixture.clock.now())

            let reused = await portalError { try await fixture.auth.resetPassword(token: token, newPassword: "yet another passphrase", origin: IdentityFixture.origin) }
            #expect(reused?.code == .invalid)
            #expect(reused?.field == "token")

            let actions = try await fixture.auditActions()
            #expect(actions.contains("user.password_reset_requested"))
            #expect(actions.contains("user.password_reset"))
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func anExpiredOrSupersededLinkIsRefused(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "ana@example.com", origin: IdentityFixture.origin)
            let first = try Self.token(in: try await fixture.queuedEmails()[0].message)
            fixture.clock.advance(by: fixture.context.settings.passwordResetLifetime)
            let expired = await portalError { try await fixture.auth.resetPassword(token: first, newPassword: Self.newPassword, origin: IdentityFixture.origin) }
            #expect(expired?.field == "token")

            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "ana@example.com", origin: IdentityFixture.origin)
            fixture.clock.advance(by: .seconds(1))
            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "ana@example.com", origin: IdentityFixture.origin)
            let emails = try await fixture.queuedEmails()
            #expect(emails.count == 3)
            let second = try Self.token(in: emails[1].message), third = try Self.token(in: emails[2].message)
            let superseded = await portalError { try await fixture.auth.resetPassword(token: second, newPassword: Self.newPassword, origin: IdentityFixture.origin) }
            #expect(superseded?.field == "token")
            try await fixture.auth.resetPassword(token: third, newPassword: Self.newPassword, origin: IdentityFixture.origin)
            let unknown = await portalError { try await fixture.auth.resetPassword(token: "pr_made_up", newPassword: Self.newPassword, origin: IdentityFixture.origin) }
            #expect(unknown?.field == "token")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aUserWithoutAPasswordSetsTheFirstOneByReset(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "new@example.com", password: nil)
            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "new@example.com", origin: IdentityFixture.origin)
            let token = try Self.token(in: try await fixture.queuedEmails()[0].message)
            try await fixture.auth.resetPassword(token: token, newPassword: Self.newPassword, origin: IdentityFixture.origin)
            #expect(try await fixture.login("new@example.com", password: Self.newPassword).stage == .active)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func resetRequestsAreRateLimited(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.maxFailuresPerAccount = 2
        settings.maxFailuresPerAddress = 3
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            for _ in 0..<2 {
                try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "ana@example.com", origin: IdentityFixture.origin("192.0.2.1"))
            }
            // The same email from elsewhere: limited per email (whether or not it exists).
            let perEmail = await portalError {
                try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "ana@example.com", origin: IdentityFixture.origin("192.0.2.2"))
            }
            #expect(perEmail?.code == .rateLimited)
            // One address asking for many emails: limited per address.
            try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "x@example.com", origin: IdentityFixture.origin("192.0.2.1"))
            let perAddress = await portalError {
                try await fixture.auth.requestPasswordReset(tenantSlug: "acme", email: "y@example.com", origin: IdentityFixture.origin("192.0.2.1"))
            }
            #expect(perAddress?.code == .rateLimited)
            #expect(try await fixture.jobs(kind: OutgoingEmail.jobKind).count == 2)
            // Sign-in is not affected.
            #expect(try await fixture.login("ana@example.com", address: "192.0.2.1").stage == .active)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (current, session) = try await fixture.signedIn("ana@example.com")
            let (other, _) = try await fixture.signedIn("ana@example.com")

            let wrong = await portalError { try await fixture.auth.changePassword(current: "not my password", new: Self.newPassword, by: session.principal) }
            #expect(wrong?.field == "current_password")
            let weak = await portalError { try await fixture.auth.changePassword(current: IdentityFixture.password, new: "short", by: session.principal) }
            #expect(weak?.field == "new_password")

            try await fixture.auth.changePassword(current: IdentityFixture.password, new: Self.newPassword, by: session.principal)
            _ = try await fixture.auth.authenticate(sessionToken: current.sessionToken, origin: IdentityFixture.origin)
            #expect(await portalError { try await fixture.auth.authenticate(sessionToken: other.sessionToken, origin: IdentityFixture.origin) }?.code == .unauthenticated)
            #expect(try await fixture.login("ana@example.com", password: Self.newPassword).stage == .active)
            #expect(try await fixture.auditActions().contains("user.password_changed"))
            try await fixture.expectAuditChainIntact()
        }
    }
}
