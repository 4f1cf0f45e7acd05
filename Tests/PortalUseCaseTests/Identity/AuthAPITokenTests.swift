import PortalKernel
import PortalTesting
import Testing

@Suite("API tokens")
struct AuthAPITokenTests {
    @Test(arguments: StorageBackend.allCases)
    func aTokenIsShownOnceStoredHashedAndAuthenticates(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let ana = try await fixture.createUser(email: "ana@example.com", kind: .developer)
            let (_, session) = try await fixture.signedIn("ana@example.com")
            let issued = try await fixture.apiTokens.create(name: " CI deploys ", expiresAt: nil, by: session.principal)
            #expect(issued.secret.hasPrefix("pt_"))
            #expect(issued.secret.count == 3 + 43)
            #expect(issued.token.prefix == String(issued.secret.prefix(10)))
            #expect(issued.token.name == "CI deploys")
            #expect(issued.token.userId == ana.id)
            // Nothing in the database holds the secret: not the token row, not the audit trail.
            #expect(try await fixture.tablesContaining(issued.secret).isEmpty)
            #expect(try await fixture.scalar("SELECT token_hash FROM api_tokens", as: String.self) == OpaqueToken.hash(issued.secret))

            let principal = try await fixture.auth.authenticate(bearerToken: issued.secret, origin: IdentityFixture.origin("198.51.100.1"))
            #expect(principal.actor == .user(id: ana.id, kind: .developer, email: ana.email, credential: .apiToken(issued.token.id)))
            #expect(principal.origin.address == "198.51.100.1")
            func lastUsed() async throws -> Instant? {
                try await fixture.scalar("SELECT last_used_at FROM api_tokens WHERE id = \(issued.token.id)", as: Instant?.self) ?? nil
            }
            #expect(try await lastUsed() == IdentityFixture.start)
            fixture.clock.advance(by: .seconds(30))
            _ = try await fixture.auth.authenticate(bearerToken: issued.secret, origin: IdentityFixture.origin)
            #expect(try await lastUsed() == IdentityFixture.start)  // written at most once a minute
            fixture.clock.advance(by: .seconds(31))
            _ = try await fixture.auth.authenticate(bearerToken: issued.secret, origin: IdentityFixture.origin)
            #expect(try await lastUsed() == IdentityFixture.start + .seconds(61))

            for token in ["", "pt_", "pt_unknown", String(issued.secret.dropLast()), "Bearer " + issued.secret, issued.token.prefix] {
                let error = await portalError { try await fixture.auth.authenticate(bearerToken: token, origin: IdentityFixture.origin) }
                #expect(error?.code == .unauthenticated)
            }
            let created = try await fixture.query("SELECT changes FROM audit_events WHERE action = 'api_token.created'")
            #expect(created.count == 1)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aRevokedTokenStopsWorking(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (_, session) = try await fixture.signedIn("ana@example.com")
            let issued = try await fixture.apiTokens.create(name: "script", expiresAt: nil, by: session.principal)
            _ = try await fixture.auth.authenticate(bearerToken: issued.secret, origin: IdentityFixture.origin)
            let revoked = try await fixture.apiTokens.revoke(issued.token.id, by: session.principal)
            #expect(revoked.revokedAt == fixture.clock.now())
            let again = try await fixture.apiTokens.revoke(issued.token.id, by: session.principal)
            #expect(again.revokedAt == revoked.revokedAt)
            let error = await portalError { try await fixture.auth.authenticate(bearerToken: issued.secret, origin: IdentityFixture.origin) }
            #expect(error?.code == .unauthenticated)
            #expect(try await fixture.auditActions().filter { $0 == "api_token.revoked" }.count == 1)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func expiredTokensAndDisabledUsersAreRefused(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let ana = try await fixture.createUser(email: "ana@example.com")
            let (_, session) = try await fixture.signedIn("ana@example.com")
            let expiring = try await fixture.apiTokens.create(
                name: "short", expiresAt: fixture.clock.now() + .seconds(3600), by: session.principal)
            let lasting = try await fixture.apiTokens.create(name: "long", expiresAt: nil, by: session.principal)
            _ = try await fixture.auth.authenticate(bearerToken: expiring.secret, origin: IdentityFixture.origin)
            fixture.clock.advance(by: .seconds(3600))
            #expect(await portalError { try await fixture.auth.authenticate(bearerToken: expiring.secret, origin: IdentityFixture.origin) }?.code == .unauthenticated)

            _ = try await fixture.auth.authenticate(bearerToken: lasting.secret, origin: IdentityFixture.origin)
            try await fixture.execute("UPDATE users SET status = 'disabled' WHERE id = \(ana.id)")
            #expect(await portalError { try await fixture.auth.authenticate(bearerToken: lasting.secret, origin: IdentityFixture.origin) }?.code == .unauthenticated)

            let past = await portalError { try await fixture.apiTokens.create(name: "x", expiresAt: fixture.clock.now(), by: session.principal) }
            #expect(past?.field == "expires_at")
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func onlyStaffActForOthers(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let staff = try await fixture.createUser(email: "staff@example.com", kind: .staff)
            let client = try await fixture.createUser(email: "client@example.com", kind: .client)
            let other = try await fixture.createUser(email: "other@example.com", kind: .client)
            let staffPrincipal = try await fixture.signedIn("staff@example.com").1.principal
            let clientPrincipal = try await fixture.signedIn("client@example.com").1.principal

            let forbidden = await portalError { try await fixture.apiTokens.create(name: "x", expiresAt: nil, for: other.id, by: clientPrincipal) }
            #expect(forbidden?.code == .forbidden)
            let unnamed = await portalError { try await fixture.apiTokens.create(name: "cli", expiresAt: nil, by: fixture.operatorPrincipal) }
            #expect(unnamed?.field == "user_id")
            let blank = await portalError { try await fixture.apiTokens.create(name: "  ", expiresAt: nil, by: clientPrincipal) }
            #expect(blank?.field == "name")

            let forOther = try await fixture.apiTokens.create(name: "for other", expiresAt: nil, for: other.id, by: staffPrincipal)
            #expect(forOther.token.userId == other.id)
            fixture.clock.advance(by: .seconds(1))
            let byOperator = try await fixture.apiTokens.create(name: "cli", expiresAt: nil, for: client.id, by: fixture.operatorPrincipal)
            #expect(byOperator.token.userId == client.id)
            fixture.clock.advance(by: .seconds(1))
            let own = try await fixture.apiTokens.create(name: "own", expiresAt: nil, by: staffPrincipal)
            #expect(own.token.userId == staff.id)

            let clientList = try await fixture.apiTokens.list(by: clientPrincipal, page: .first)
            #expect(clientList.items.map(\.id) == [byOperator.token.id])
            let staffList = try await fixture.apiTokens.list(by: staffPrincipal, page: try PageRequest(limit: 2))
            #expect(staffList.items.map(\.id) == [own.token.id, byOperator.token.id])
            let rest = try await fixture.apiTokens.list(by: staffPrincipal, page: try PageRequest(limit: 2, cursor: staffList.nextCursor))
            #expect(rest.items.map(\.id) == [forOther.token.id])
            #expect(rest.nextCursor == nil)
            #expect(try await fixture.apiTokens.list(for: other.id, by: staffPrincipal).items.map(\.id) == [forOther.token.id])
            #expect(await portalError { try await fixture.apiTokens.list(for: other.id, by: clientPrincipal) }?.code == .forbidden)

            // Another user's token is hidden from a client.
            let hidden = await portalError { try await fixture.apiTokens.revoke(forOther.token.id, by: clientPrincipal) }
            #expect(hidden?.code == .notFound)
            _ = try await fixture.apiTokens.revoke(forOther.token.id, by: staffPrincipal)
            try await fixture.expectAuditChainIntact()
        }
    }
}
