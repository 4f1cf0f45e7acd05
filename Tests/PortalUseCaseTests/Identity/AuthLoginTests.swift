import PortalKernel
import PortalTesting
import Testing

@Suite("Sign-in")
struct AuthLoginTests {
    @Test(arguments: StorageBackend.allCases)
    func rightPasswordStartsAnActiveSession(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let ana = try await fixture.createUser(email: "Ana@Example.com")
            let result = try await fixture.login("  ana@example.COM ")
            #expect(result.stage == .active)
            #expect(result.session.userId == ana.id)
            #expect(result.session.tenantId == fixture.tenant.id)
            #expect(result.sessionToken.hasPrefix("ps_"))
            #expect(result.session.expiresAt == IdentityFixture.start + fixture.context.settings.sessionIdleTimeout)
            #expect(!String(describing: result).contains(result.sessionToken))

            // Only hashes are stored; the row records where the sign-in came from.
            #expect(try await fixture.tablesContaining(result.sessionToken).isEmpty)
            #expect(try await fixture.tablesContaining(result.csrfToken).isEmpty)
            let row = try #require(try await fixture.query("SELECT * FROM sessions").first)
            #expect(try row.get("token_hash", as: String.self) == OpaqueToken.hash(result.sessionToken))
            #expect(try row.get("ip_address", as: String?.self) == "192.0.2.10")
            #expect(try row.get("user_agent", as: String?.self) == "tests")
            #expect(try row.get("absolute_expires_at", as: Instant.self) == IdentityFixture.start + fixture.context.settings.sessionAbsoluteLifetime)
            let lastLogin = try await fixture.scalar("SELECT last_login_at FROM users WHERE id = \(ana.id)", as: Instant?.self)
            #expect(lastLogin == IdentityFixture.start)

            #expect(try await fixture.auditActions().suffix(1) == ["session.created"])
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func everyWrongAccountOrPasswordGetsTheSameAnswer(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            try await fixture.createUser(email: "nopass@example.com", password: nil)
            let disabled = try await fixture.createUser(email: "gone@example.com")
            _ = try await Users(context: fixture.context).update(
                disabled.id, UserUpdate(status: "disabled"), by: fixture.operatorPrincipal)
            let other = try await fixture.createTenant(slug: "other")
            try await fixture.switching(to: other).createUser(email: "olga@example.com")

            let attempts: [(String, String, String)] = [
                ("acme", "ana@example.com", "wrong password 1"),
                ("acme", "nobody@example.com", IdentityFixture.password),
                ("nope", "ana@example.com", IdentityFixture.password),
                ("acme", "nopass@example.com", IdentityFixture.password),
                ("acme", "gone@example.com", IdentityFixture.password),
                ("acme", "olga@example.com", IdentityFixture.password),  // another tenant's user
                ("acme", "", ""),
            ]
            for (slug, email, password) in attempts {
                let error = await portalError { try await fixture.login(email, password: password, tenantSlug: slug) }
                #expect(error?.code == .unauthenticated, "\(slug)/\(email)")
                #expect(error?.message == "The email or password is wrong.", "\(slug)/\(email)")
            }
            #expect(try await fixture.scalar("SELECT count(*) FROM sessions", as: Int64.self) == 0)

            // Existing users' failures are audited; unknown emails leave no event.
            let failed = try await fixture.query(
                "SELECT resource_id, changes FROM audit_events WHERE tenant_id = \(fixture.tenant.id) AND action = 'user.login_failed' ORDER BY sequence")
            #expect(failed.count == 3)
            #expect(try failed.map { try $0.get("changes", as: String.self) }.allSatisfy { !$0.contains(IdentityFixture.password) })
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func anAccountLocksAfterTooManyFailuresUntilTheWindowEnds(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.maxFailuresPerAccount = 3
        settings.throttleWindow = .seconds(15 * 60)
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            for attempt in 0..<3 {
                let error = await portalError { try await fixture.login("ana@example.com", password: "wrong \(attempt) password", address: "192.0.2.\(attempt)") }
                #expect(error?.code == .unauthenticated)
            }
            // Locked: even the right password, from any address, is refused until the window ends.
            var error = await portalError { try await fixture.login("ana@example.com", address: "198.51.100.7") }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfterSeconds == 15 * 60)
            #expect(error?.message == "Too many failed sign-ins. Try again later.")

            fixture.clock.advance(by: .seconds(10 * 60))
            error = await portalError { try await fixture.login("ana@example.com") }
            #expect(error?.retryAfterSeconds == 5 * 60)

            fixture.clock.advance(by: .seconds(5 * 60))
            #expect(try await fixture.login("ana@example.com").stage == .active)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aSuccessClearsTheAccountCountButNotTheAddressCount(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.maxFailuresPerAccount = 3
        settings.maxFailuresPerAddress = 5
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            for _ in 0..<2 { _ = await portalError { try await fixture.login("ana@example.com", password: "not the password") } }
            _ = try await fixture.login("ana@example.com")
            for _ in 0..<2 { _ = await portalError { try await fixture.login("ana@example.com", password: "not the password") } }
            // Four failures of the account in the window, but the success in between reset it.
            #expect(try await fixture.login("ana@example.com").stage == .active)
            // The address kept counting: one more failure makes five.
            _ = await portalError { try await fixture.login("ana@example.com", password: "not the password") }
            let error = await portalError { try await fixture.login("ana@example.com") }
            #expect(error?.code == .rateLimited)
            #expect(try await fixture.login("ana@example.com", address: "203.0.113.5").stage == .active)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func anAddressLocksAfterTooManyFailuresAcrossAccounts(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.maxFailuresPerAccount = 10
        settings.maxFailuresPerAddress = 4
        settings.throttleWindow = .seconds(600)
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            for index in 0..<4 {
                let error = await portalError { try await fixture.login("user\(index)@example.com", address: "203.0.113.9") }
                #expect(error?.code == .unauthenticated)
            }
            fixture.clock.advance(by: .seconds(100))
            let error = await portalError { try await fixture.login("ana@example.com", address: "203.0.113.9") }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfterSeconds == 500)
            // Another address is not affected.
            #expect(try await fixture.login("ana@example.com", address: "203.0.113.10").stage == .active)
            // After the window the address starts afresh.
            fixture.clock.advance(by: .seconds(500))
            #expect(try await fixture.login("ana@example.com", address: "203.0.113.9").stage == .active)
            let row = try #require(try await fixture.query("SELECT * FROM login_throttles WHERE throttle_key = 'address:203.0.113.9'").first)
            #expect(try row.get("failures", as: Int.self) == 4)
            #expect(try row.get("locked_until", as: Instant?.self) == IdentityFixture.start + .seconds(600))
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func unknownTenantsLockLikeKnownOnes(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.maxFailuresPerAccount = 2
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            for index in 0..<2 {
                _ = await portalError { try await fixture.login("ana@example.com", address: "192.0.2.\(index)", tenantSlug: "ghost") }
            }
            let error = await portalError { try await fixture.login("ana@example.com", address: "192.0.2.99", tenantSlug: "ghost") }
            #expect(error?.code == .rateLimited)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aDisabledUserCannotSignIn(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let ana = try await fixture.createUser(email: "ana@example.com")
            try await fixture.execute("UPDATE users SET status = 'disabled' WHERE id = \(ana.id)")
            let error = await portalError { try await fixture.login("ana@example.com") }
            #expect(error?.message == "The email or password is wrong.")
            let reasons = try await fixture.query("SELECT changes FROM audit_events WHERE action = 'user.login_failed'")
            #expect(try reasons.first?.get("changes", as: String.self).contains("disabled") == true)
        }
    }
}
