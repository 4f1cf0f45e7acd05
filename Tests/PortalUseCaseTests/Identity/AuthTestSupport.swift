import Foundation
import PortalKernel
import PortalTesting
import Testing

/// Helpers for the sign-in tests (the fixture itself is in `IdentityFixture.swift`).
extension IdentityFixture {
    var auth: Authenticator { Authenticator(context: context) }
    var twoFactor: TwoFactor { TwoFactor(context: context) }
    var apiTokens: APITokens { APITokens(context: context) }

    /// An origin from `address`.
    static func origin(_ address: String) -> RequestOrigin {
        RequestOrigin(address: address, requestId: "test", userAgent: "tests")
    }

    /// Signs in to the fixture's tenant.
    func login(
        _ email: String, password: String = IdentityFixture.password, address: String = "192.0.2.10", tenantSlug: String? = nil
    ) async throws -> LoginResult {
        try await auth.login(
            LoginRequest(tenantSlug: tenantSlug ?? tenant.slug, email: email, password: password, origin: Self.origin(address)))
    }

    /// Signs in and returns the session's principal (the session must come out active).
    func signedIn(_ email: String) async throws -> (LoginResult, AuthenticatedSession) {
        let result = try await login(email)
        let session = try await auth.authenticate(sessionToken: result.sessionToken, origin: Self.origin)
        return (result, session)
    }

    /// Turns two-factor sign-in on for `email` through the real flow and moves the clock past
    /// the code's time step (so the next code is not a replay). Returns the secret and recovery codes.
    func enableTwoFactor(_ email: String) async throws -> (totp: TOTP, recoveryCodes: [String]) {
        let (_, session) = try await signedIn(email)
        let enrollment = try await twoFactor.beginEnrollment(by: session.principal)
        let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
        let codes = try await twoFactor.confirmEnrollment(code: totp.code(at: clock.now()), by: session.principal)
        clock.advance(by: .seconds(30))
        return (totp, codes)
    }

    /// A code that is not `totp`'s at any step near now.
    func wrongCode(for totp: TOTP) -> String {
        let now = clock.now()
        let taken = Set((-2...2).map { totp.code(at: now + .seconds(30 * $0)) })
        return (0..<10).map { String(repeating: String($0), count: 6) }.first { !taken.contains($0) }!
    }

    /// Inserts a company and makes `user` a member with `role` (companies have no use case yet here).
    func addMembership(_ user: User, role: CompanyRole) async throws {
        let now = clock.now()
        let company = CompanyID.generate(at: now)
        try await database.write(.tenant(tenant.id)) { [tenant] connection in
            try connection.execute(
                """
                INSERT INTO companies (id, tenant_id, account_number, name, status, company_type, created_at, updated_at)
                VALUES (\(company), \(tenant.id), \("CT-" + company.uuidString.suffix(12)), 'Client Co', 'active', 'client', \(now), \(now))
                """)
            try connection.execute(
                """
                INSERT INTO company_memberships (id, tenant_id, company_id, user_id, role, created_at, updated_at)
                VALUES (\(MembershipID.generate(at: now)), \(tenant.id), \(company), \(user.id), \(role.rawValue), \(now), \(now))
                """)
        }
    }

    /// The queued password-reset emails, opened with the fixture's key.
    func queuedEmails() async throws -> [(payload: String, message: MailerMessage)] {
        try await jobs(kind: OutgoingEmail.jobKind).map { row in
            let payload: String = try row.get("payload")
            let queued = try JSONCoding.decode([String: String].self, from: payload)
            let sealed = try SealedSecret(parsing: try #require(queued["message"]), field: "message")
            let message = try JSONCoding.decode(MailerMessage.self, from: try secretBox.open(sealed, context: "outbox:email"))
            return (payload, message)
        }
    }
}

/// The `PortalError` `body` throws, or `nil` (recording an issue) when it throws nothing or something else.
func portalError<Value>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Value
) async -> PortalError? {
    do {
        _ = try await body()
        Issue.record("expected a PortalError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as PortalError {
        return error
    } catch {
        Issue.record("expected a PortalError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
