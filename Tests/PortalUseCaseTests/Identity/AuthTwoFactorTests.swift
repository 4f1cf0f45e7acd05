import Foundation
import PortalKernel
import PortalTesting
import Testing

@Suite("Two-factor sign-in")
struct AuthTwoFactorTests {
    @Test(arguments: StorageBackend.allCases)
    func enrollingThenSigningInNeedsTheSecondFactorAndRotatesTheToken(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let ana = try await fixture.createUser(email: "ana@example.com")
            let (_, enrolling) = try await fixture.signedIn("ana@example.com")
            let enrollment = try await fixture.twoFactor.beginEnrollment(by: enrolling.principal)
            #expect(enrollment.provisioningURI.hasPrefix("otpauth://totp/Portal:ana%40example.com?secret=\(enrollment.secret)&issuer=Portal"))
            #expect(!String(describing: enrollment).contains(enrollment.secret))
            #expect(try await fixture.tablesContaining(enrollment.secret).isEmpty)  // stored sealed
            let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))

            let wrong = await portalError { try await fixture.twoFactor.confirmEnrollment(code: fixture.wrongCode(for: totp), by: enrolling.principal) }
            #expect(wrong?.code == .invalid)
            #expect(wrong?.field == "code")
            let recoveryCodes = try await fixture.twoFactor.confirmEnrollment(code: totp.code(at: fixture.clock.now()), by: enrolling.principal)
            #expect(recoveryCodes.count == 10)
            #expect(Set(recoveryCodes).count == 10)
            for code in recoveryCodes { #expect(try await fixture.tablesContaining(code).isEmpty) }
            #expect(try await Users(context: fixture.context).get(ana.id, by: fixture.operatorPrincipal).twoFactorEnabled)
            let again = await portalError { try await fixture.twoFactor.beginEnrollment(by: enrolling.principal) }
            #expect(again?.code == .conflict)

            fixture.clock.advance(by: .seconds(30))
            let pending = try await fixture.login("ana@example.com")
            #expect(pending.stage == .secondFactor)
            #expect(pending.session.expiresAt == fixture.clock.now() + fixture.context.settings.secondFactorTimeout)
            let refused = await portalError { try await fixture.auth.authenticate(sessionToken: pending.sessionToken, origin: IdentityFixture.origin) }
            #expect(refused?.code == .unauthenticated)
            #expect(refused?.message == "Finish signing in with your second factor.")
            // last_login_at waits for the second factor.
            let beforeSecondFactor = try await fixture.scalar("SELECT last_login_at FROM users WHERE id = \(ana.id)", as: Instant?.self)
            #expect(beforeSecondFactor == IdentityFixture.start)

            for _ in 0..<2 {
                let error = await portalError {
                    try await fixture.auth.verifySecondFactor(
                        sessionToken: pending.sessionToken, code: fixture.wrongCode(for: totp), recoveryCode: nil, origin: IdentityFixture.origin)
                }
                #expect(error?.code == .unauthenticated)
            }
            #expect(try await fixture.scalar("SELECT second_factor_failures FROM sessions WHERE id = \(pending.session.id)", as: Int.self) == 2)
            let missing = await portalError {
                try await fixture.auth.verifySecondFactor(sessionToken: pending.sessionToken, code: " ", recoveryCode: nil, origin: IdentityFixture.origin)
            }
            #expect(missing?.code == .invalid)

            let promoted = try await fixture.auth.verifySecondFactor(
                sessionToken: pending.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            #expect(promoted.stage == .active)
            #expect(promoted.session.id == pending.session.id)
            #expect(promoted.sessionToken != pending.sessionToken)
            #expect(promoted.csrfToken != pending.csrfToken)
            // The old token is dead; the new one works and carries the new CSRF token.
            #expect(await portalError { try await fixture.auth.authenticate(sessionToken: pending.sessionToken, origin: IdentityFixture.origin) }?.code == .unauthenticated)
            let session = try await fixture.auth.authenticate(sessionToken: promoted.sessionToken, origin: IdentityFixture.origin)
            #expect(session.session.stage == .active)
            try fixture.auth.verifyCSRF(promoted.csrfToken, for: session)
            #expect(await portalError { try fixture.auth.verifyCSRF(pending.csrfToken, for: session) }?.code == .forbidden)
            // A completed session cannot be "verified" again.
            #expect(await portalError {
                try await fixture.auth.verifySecondFactor(sessionToken: promoted.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            }?.code == .unauthenticated)

            let actions = try await fixture.auditActions()
            #expect(actions.contains("user.two_factor_enabled"))
            #expect(actions.filter { $0 == "user.second_factor_failed" }.count == 2)
            #expect(actions.last == "session.second_factor_verified")
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aCodeCannotBeUsedTwice(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (totp, _) = try await fixture.enableTwoFactor("ana@example.com")
            let code = totp.code(at: fixture.clock.now())
            let first = try await fixture.login("ana@example.com")
            _ = try await fixture.auth.verifySecondFactor(sessionToken: first.sessionToken, code: code, recoveryCode: nil, origin: IdentityFixture.origin)

            let second = try await fixture.login("ana@example.com")
            let replay = await portalError {
                try await fixture.auth.verifySecondFactor(sessionToken: second.sessionToken, code: code, recoveryCode: nil, origin: IdentityFixture.origin)
            }
            #expect(replay?.code == .unauthenticated)
            #expect(replay?.message == "The code is wrong or was already used.")
            // The previous step's code is older still: also refused.
            let older = await portalError {
                try await fixture.auth.verifySecondFactor(
                    sessionToken: second.sessionToken, code: totp.code(at: fixture.clock.now() - .seconds(30)), recoveryCode: nil,
                    origin: IdentityFixture.origin)
            }
            #expect(older?.code == .unauthenticated)
            fixture.clock.advance(by: .seconds(30))
            let result = try await fixture.auth.verifySecondFactor(
                sessionToken: second.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            #expect(result.stage == .active)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func fiveWrongCodesEndTheSession(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (totp, _) = try await fixture.enableTwoFactor("ana@example.com")
            let pending = try await fixture.login("ana@example.com")
            var last: PortalError?
            for _ in 0..<Authenticator.maxSecondFactorFailures {
                last = await portalError {
                    try await fixture.auth.verifySecondFactor(
                        sessionToken: pending.sessionToken, code: fixture.wrongCode(for: totp), recoveryCode: nil, origin: IdentityFixture.origin)
                }
            }
            #expect(last?.message == "Too many wrong codes. Sign in again.")
            let afterwards = await portalError {
                try await fixture.auth.verifySecondFactor(
                    sessionToken: pending.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            }
            #expect(afterwards?.message == "Your session has ended. Sign in again.")
            #expect(try await fixture.scalar("SELECT revoked_at FROM sessions WHERE id = \(pending.session.id)", as: Instant?.self) ?? nil != nil)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aWaitingSessionExpiresAfterTheSecondFactorTimeout(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (totp, _) = try await fixture.enableTwoFactor("ana@example.com")
            let pending = try await fixture.login("ana@example.com")
            fixture.clock.advance(by: fixture.context.settings.secondFactorTimeout + .seconds(1))
            let error = await portalError {
                try await fixture.auth.verifySecondFactor(
                    sessionToken: pending.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            }
            #expect(error?.code == .unauthenticated)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aRecoveryCodeWorksOnce(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (_, codes) = try await fixture.enableTwoFactor("ana@example.com")
            let first = try await fixture.login("ana@example.com")
            // Typed loosely: upper case, without the dash.
            let typed = codes[0].uppercased().replacingOccurrences(of: "-", with: "")
            let result = try await fixture.auth.verifySecondFactor(
                sessionToken: first.sessionToken, code: nil, recoveryCode: typed, origin: IdentityFixture.origin)
            #expect(result.stage == .active)

            let second = try await fixture.login("ana@example.com")
            let reused = await portalError {
                try await fixture.auth.verifySecondFactor(sessionToken: second.sessionToken, code: nil, recoveryCode: codes[0], origin: IdentityFixture.origin)
            }
            #expect(reused?.code == .unauthenticated)
            _ = try await fixture.auth.verifySecondFactor(sessionToken: second.sessionToken, code: nil, recoveryCode: codes[1], origin: IdentityFixture.origin)
            #expect(try await fixture.scalar("SELECT count(*) FROM recovery_codes WHERE used_at IS NOT NULL", as: Int64.self) == 2)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func regeneratingRecoveryCodesRetiresTheOldOnes(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (totp, oldCodes) = try await fixture.enableTwoFactor("ana@example.com")
            let pending = try await fixture.login("ana@example.com")
            let active = try await fixture.auth.verifySecondFactor(
                sessionToken: pending.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            let principal = try await fixture.auth.authenticate(sessionToken: active.sessionToken, origin: IdentityFixture.origin).principal
            fixture.clock.advance(by: .seconds(30))
            let newCodes = try await fixture.twoFactor.regenerateRecoveryCodes(code: totp.code(at: fixture.clock.now()), by: principal)
            #expect(newCodes.count == 10)
            #expect(Set(newCodes).isDisjoint(with: oldCodes))

            let next = try await fixture.login("ana@example.com")
            #expect(await portalError {
                try await fixture.auth.verifySecondFactor(sessionToken: next.sessionToken, code: nil, recoveryCode: oldCodes[2], origin: IdentityFixture.origin)
            }?.code == .unauthenticated)
            _ = try await fixture.auth.verifySecondFactor(sessionToken: next.sessionToken, code: nil, recoveryCode: newCodes[2], origin: IdentityFixture.origin)
            #expect(try await fixture.auditActions().contains("user.recovery_codes_regenerated"))
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func disablingNeedsACodeAndEndsTheSecondFactor(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (totp, _) = try await fixture.enableTwoFactor("ana@example.com")
            let pending = try await fixture.login("ana@example.com")
            let active = try await fixture.auth.verifySecondFactor(
                sessionToken: pending.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            let principal = try await fixture.auth.authenticate(sessionToken: active.sessionToken, origin: IdentityFixture.origin).principal
            let wrong = await portalError { try await fixture.twoFactor.disable(code: fixture.wrongCode(for: totp), by: principal) }
            #expect(wrong?.field == "code")
            fixture.clock.advance(by: .seconds(30))
            try await fixture.twoFactor.disable(code: totp.code(at: fixture.clock.now()), by: principal)
            #expect(try await fixture.login("ana@example.com").stage == .active)
            #expect(try await fixture.scalar("SELECT count(*) FROM recovery_codes", as: Int64.self) == 0)
            #expect(try await fixture.auditActions().contains("user.two_factor_disabled"))
            let events = try await fixture.query("SELECT changes FROM audit_events WHERE action LIKE 'user.two_factor%'")
            #expect(try events.allSatisfy { !(try $0.get("changes", as: String.self)).contains("secret") })
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func wrongCodesForManagementCallsAreThrottled(_ backend: StorageBackend) async throws {
        var settings = IdentitySettings()
        settings.maxFailuresPerAccount = 2
        try await IdentityFixture.with(backend, settings: settings) { fixture in
            try await fixture.createUser(email: "ana@example.com")
            let (totp, _) = try await fixture.enableTwoFactor("ana@example.com")
            let pending = try await fixture.login("ana@example.com")
            let active = try await fixture.auth.verifySecondFactor(
                sessionToken: pending.sessionToken, code: totp.code(at: fixture.clock.now()), recoveryCode: nil, origin: IdentityFixture.origin)
            let principal = try await fixture.auth.authenticate(sessionToken: active.sessionToken, origin: IdentityFixture.origin).principal
            for _ in 0..<2 { _ = await portalError { try await fixture.twoFactor.disable(code: fixture.wrongCode(for: totp), by: principal) } }
            fixture.clock.advance(by: .seconds(30))
            let locked = await portalError { try await fixture.twoFactor.disable(code: totp.code(at: fixture.clock.now()), by: principal) }
            #expect(locked?.code == .rateLimited)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aTenantRequiringTwoFactorPutsStaffInEnrollment(_ backend: StorageBackend) async throws {
        let tenant = NewTenant(name: "Strict", slug: "strict", requireTwoFactorForStaff: true)
        try await IdentityFixture.with(backend, tenant: tenant) { fixture in
            try await fixture.createUser(email: "staff@example.com", kind: .staff)
            try await fixture.createUser(email: "client@example.com", kind: .client)
            #expect(try await fixture.login("client@example.com").stage == .active)

            let result = try await fixture.login("staff@example.com")
            #expect(result.stage == .enrollment)
            let refused = await portalError { try await fixture.auth.authenticate(sessionToken: result.sessionToken, origin: IdentityFixture.origin) }
            #expect(refused?.code == .unauthenticated)

            // The set-up endpoints accept the enrollment stage.
            let enrolling = try await fixture.auth.authenticate(
                sessionToken: result.sessionToken, origin: IdentityFixture.origin, allowing: [.active, .enrollment])
            #expect(enrolling.session.stage == .enrollment)
            let enrollment = try await fixture.twoFactor.beginEnrollment(by: enrolling.principal)
            let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
            _ = try await fixture.twoFactor.confirmEnrollment(code: totp.code(at: fixture.clock.now()), by: enrolling.principal)

            // Promoted in place: the same token now works everywhere.
            let session = try await fixture.auth.authenticate(sessionToken: result.sessionToken, origin: IdentityFixture.origin)
            #expect(session.session.stage == .active)

            // Required: it cannot be turned off.
            fixture.clock.advance(by: .seconds(30))
            let error = await portalError { try await fixture.twoFactor.disable(code: totp.code(at: fixture.clock.now()), by: session.principal) }
            #expect(error?.code == .conflict)
            try await fixture.expectAuditChainIntact()
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func aTenantRequiringTwoFactorForOwnersPutsOwnersInEnrollment(_ backend: StorageBackend) async throws {
        let tenant = NewTenant(name: "Owners", slug: "owners", requireTwoFactorForOwners: true)
        try await IdentityFixture.with(backend, tenant: tenant) { fixture in
            let owner = try await fixture.createUser(email: "owner@example.com", kind: .client)
            let viewer = try await fixture.createUser(email: "viewer@example.com", kind: .client)
            try await fixture.createUser(email: "staff@example.com", kind: .staff)
            try await fixture.addMembership(owner, role: .owner)
            try await fixture.addMembership(viewer, role: .viewer)
            #expect(try await fixture.login("owner@example.com").stage == .enrollment)
            #expect(try await fixture.login("viewer@example.com").stage == .active)
            #expect(try await fixture.login("staff@example.com").stage == .active)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func operatorsHaveNoSecondFactor(_ backend: StorageBackend) async throws {
        try await IdentityFixture.with(backend) { fixture in
            let error = await portalError { try await fixture.twoFactor.beginEnrollment(by: fixture.operatorPrincipal) }
            #expect(error?.code == .forbidden)
        }
    }
}
