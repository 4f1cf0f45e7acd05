/// Signing in and proving who you are on each request: password sign-in with throttling,
/// the second factor, server-side sessions with CSRF tokens, API tokens, signing out and
/// password resets (see `Authenticator+Passwords.swift`).
///
/// A typical web front end:
///
/// ```swift
/// let auth = Authenticator(context: context)
/// // POST /login
/// let result = try await auth.login(LoginRequest(tenantSlug: slug, email: email, password: password, origin: origin))
/// // set result.sessionToken as an HttpOnly cookie, hand result.csrfToken to the page, then
/// // switch result.stage: .active → the app, .secondFactor → the code form, .enrollment → 2FA set-up
///
/// // every later request
/// let signedIn = try await auth.authenticate(sessionToken: cookie, origin: origin)
/// if request.method != .get { try auth.verifyCSRF(request.headers["X-CSRF-Token"], for: signedIn) }
/// // use signedIn.principal with the use cases
///
/// // the code form (POST /login/second-factor)
/// let promoted = try await auth.verifySecondFactor(sessionToken: cookie, code: code, recoveryCode: nil, origin: origin)
/// // replace both cookies: the token changed
///
/// // the 2FA set-up pages of an `enrollment` session
/// let signedIn = try await auth.authenticate(sessionToken: cookie, origin: origin, allowing: [.active, .enrollment])
/// let enrollment = try await TwoFactor(context: context).beginEnrollment(by: signedIn.principal)
/// ```
///
/// Every way a sign-in can fail for want of the right account and password gives one answer,
/// `unauthenticated` "The email or password is wrong.", in about the same time; a locked
/// account or address gives `rate_limited` with the seconds to wait.
public struct Authenticator: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    var settings: IdentitySettings { context.settings }
    var throttle: LoginThrottle { LoginThrottle(window: settings.throttleWindow) }

    static let wrongCredentials = PortalError.unauthenticated("The email or password is wrong.")
    static let sessionEnded = PortalError.unauthenticated("Your session has ended. Sign in again.")
    static let secondFactorPending = PortalError.unauthenticated("Finish signing in with your second factor.")

    /// Second-factor attempts a waiting session may fail before it ends.
    public static let maxSecondFactorFailures = 5

    /// How often using a session or an API token is written back (`last_seen_at`, `last_used_at`).
    static let touchInterval: Duration = .seconds(60)

    /// A bcrypt hash (of a password nobody knows) checked when no account matches, so an unknown
    /// email costs the same time as a wrong password. Made at ``BcryptPasswordHasher``'s default cost.
    static let dummyPasswordHash = "$2b$12$B3rYz7dZrg2dV0ZP8Y3vV.XpXjRSpbR5OfTGQ5Cfkt3HqqE0hTQQm"

    // MARK: Signing in

    /// Signs in with a tenant slug, email and password and starts a session.
    ///
    /// The session's ``SessionStage`` says what comes next: ``SessionStage/secondFactor`` when
    /// the user has two-factor sign-in on, ``SessionStage/enrollment`` when the tenant requires
    /// it and the user has not set it up, else ``SessionStage/active``.
    ///
    /// - Throws: `unauthenticated` for any wrong or unknown tenant, email or password and for a
    ///   disabled user (one message for all); `rate_limited` when the account or the client's
    ///   address has failed too often in the current window (even with the right password).
    public func login(_ request: LoginRequest) async throws -> LoginResult {
        let now = context.now
        let slug = request.tenantSlug.trimmingWhitespace().lowercased()
        let emailKey = InputValidation.emailKey(request.email)
        let origin = request.origin

        let (tenant, limits) = try await context.database.read(.allTenants) { [throttle, settings] connection in
            let tenant = try connection.queryFirst("SELECT * FROM tenants WHERE slug = \(slug)").map(Tenant.init(row:))
            let limits = Self.loginLimits(tenant: tenant, slug: slug, emailKey: emailKey, origin: origin, settings: settings)
            try throttle.check(limits, at: now, on: connection)
            return (tenant, limits)
        }
        let credentials: AuthStore.Credentials? =
            if let tenant {
                try await context.database.read(.tenant(tenant.id)) { connection in
                    try AuthStore.credentials(emailKey: emailKey, tenant: tenant.id, on: connection)
                }
            } else {
                nil
            }

        // Check a password in every case, so timing does not tell which part was wrong.
        let passwordMatches = try await context.passwordHasher.verify(
            request.password, against: credentials?.passwordHash ?? Self.dummyPasswordHash)
        guard let tenant, let credentials, credentials.passwordHash != nil, passwordMatches,
            credentials.user.status == .active
        else {
            try await recordLoginFailure(tenant: tenant, credentials: credentials, limits: limits, origin: origin, at: now)
            throw Self.wrongCredentials
        }

        let token = OpaqueToken.generate(prefix: "ps_")
        let csrf = OpaqueToken.generate()
        let session = try await context.database.write(.tenant(tenant.id)) { [settings, throttle] connection in
            // Re-read inside the transaction: the user may have been disabled since.
            guard let current = try AuthStore.credentials(credentials.user.id, tenant: tenant.id, on: connection),
                current.user.status == .active
            else { throw Self.wrongCredentials }
            let user = current.user
            let stage: SessionStage =
                if user.twoFactorEnabled {
                    .secondFactor
                } else if try AuthStore.twoFactorRequired(for: user, tenant: tenant, on: connection) {
                    .enrollment
                } else {
                    .active
                }
            try throttle.clear(LoginThrottle.accountKey(tenant: tenant.id, emailKey: emailKey), on: connection)
            let session = try AuthStore.insertSession(
                for: user, stage: stage, token: token, csrf: csrf, origin: origin, settings: settings, at: now, on: connection)
            if stage != .secondFactor {
                try connection.execute("UPDATE users SET last_login_at = \(now) WHERE tenant_id = \(tenant.id) AND id = \(user.id)")
            }
            try AuditTrail.record(
                AuditEntry(
                    action: "session.created", resourceType: "session", resourceId: session.id.uuidString,
                    changes: ["stage": AuditChange(before: nil, after: .string(stage.rawValue))]),
                by: AuthStore.principal(user, credential: .session(session.id), origin: origin), at: now, on: connection)
            return session
        }
        return LoginResult(sessionToken: token.value, csrfToken: csrf.value, session: session)
    }

    /// The throttle keys of a sign-in: the account (by tenant, or by the slug typed when no
    /// tenant has it, so unknown tenants lock like known ones) and the client address.
    static func loginLimits(
        tenant: Tenant?, slug: String, emailKey: String, origin: RequestOrigin, settings: IdentitySettings
    ) -> [LoginThrottle.Limit] {
        let accountKey = tenant.map { LoginThrottle.accountKey(tenant: $0.id, emailKey: emailKey) } ?? "account:slug:\(slug):\(emailKey)"
        var limits = [LoginThrottle.Limit(key: accountKey, maximum: settings.maxFailuresPerAccount)]
        if let addressKey = LoginThrottle.addressKey(origin.address) {
            limits.append(LoginThrottle.Limit(key: addressKey, maximum: settings.maxFailuresPerAddress))
        }
        return limits
    }

    /// Counts a failed sign-in in a transaction of its own (it must stay although the sign-in
    /// throws) and, for an existing user, records `user.login_failed`.
    private func recordLoginFailure(
        tenant: Tenant?, credentials: AuthStore.Credentials?, limits: [LoginThrottle.Limit], origin: RequestOrigin, at now: Instant
    ) async throws {
        let scope: TransactionOptions = tenant.map { .tenant($0.id) } ?? TransactionOptions()
        try await context.database.write(scope) { [throttle] connection in
            try throttle.recordFailure(limits, at: now, on: connection)
            guard let credentials else { return }
            let user = credentials.user
            let reason =
                user.status != .active ? "disabled" : credentials.passwordHash == nil ? "no_password" : "wrong_password"
            try AuditTrail.recordAnonymous(
                AuditEntry(
                    action: "user.login_failed", resourceType: "user", resourceId: user.id.uuidString,
                    changes: ["reason": AuditChange(before: nil, after: .string(reason))]),
                tenant: user.tenantId, label: "anonymous", origin: origin, at: now, on: connection)
        }
    }

    // MARK: The second factor

    /// Completes a sign-in waiting for its second factor with a TOTP code or an unused recovery
    /// code, and returns the session under a **new** token and CSRF token (the old ones stop
    /// working, so a token planted before sign-in is useless after it).
    ///
    /// A TOTP code is accepted once: a code of a time step already used is refused. After
    /// ``maxSecondFactorFailures`` wrong codes the session ends and the user signs in again.
    ///
    /// - Throws: `invalid` (field `code`) when neither code is given; `unauthenticated` for an
    ///   unknown, ended or already completed session and for a wrong code.
    public func verifySecondFactor(
        sessionToken: String, code: String?, recoveryCode: String?, origin: RequestOrigin
    ) async throws -> LoginResult {
        let code = code.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        let recoveryCode = recoveryCode.flatMap { $0.trimmingWhitespace().isEmpty ? nil : $0 }
        guard code != nil || recoveryCode != nil else {
            throw PortalError.invalid("Enter the code from your authenticator app or a recovery code.", field: "code")
        }
        let now = context.now
        let oldHash = OpaqueToken.hash(sessionToken)
        guard
            let found = try await context.database.read(.allTenants, { connection in
                try AuthStore.session(tokenHash: oldHash, on: connection)
            }), found.isLive(at: now), found.stage == .secondFactor
        else { throw Self.sessionEnded }

        let token = OpaqueToken.generate(prefix: "ps_")
        let csrf = OpaqueToken.generate()
        enum Outcome: Sendable {
            case verified(SessionInfo)
            case wrong(sessionEnded: Bool)
        }
        let outcome = try await context.database.write(.tenant(found.tenantId)) { [context, settings] connection -> Outcome in
            guard let session = try AuthStore.session(found.id, tenant: found.tenantId, on: connection),
                session.isLive(at: now), session.stage == .secondFactor,
                let credentials = try AuthStore.credentials(session.userId, tenant: session.tenantId, on: connection),
                credentials.user.status == .active
            else { throw Self.sessionEnded }
            let user = credentials.user
            var method = "totp"
            var accepted = false
            if let code {
                accepted = try AuthStore.acceptTOTP(code, for: credentials, secretBox: context.secretBox, at: now, on: connection)
            }
            if !accepted, let recoveryCode {
                accepted = try AuthStore.redeemRecoveryCode(recoveryCode, for: user, at: now, on: connection)
                method = "recovery_code"
            }
            guard accepted else {
                let failures = try connection.queryFirst(
                    """
                    UPDATE sessions SET second_factor_failures = second_factor_failures + 1
                    WHERE tenant_id = \(session.tenantId) AND id = \(session.id) RETURNING second_factor_failures
                    """
                ).map { try $0.get("second_factor_failures", as: Int.self) } ?? Self.maxSecondFactorFailures
                let ended = failures >= Self.maxSecondFactorFailures
                if ended {
                    try connection.execute(
                        "UPDATE sessions SET revoked_at = \(now) WHERE tenant_id = \(session.tenantId) AND id = \(session.id) AND revoked_at IS NULL")
                }
                try AuditTrail.recordAnonymous(
                    AuditEntry(
                        action: "user.second_factor_failed", resourceType: "user", resourceId: user.id.uuidString,
                        changes: ["session_ended": AuditChange(before: nil, after: .bool(ended))]),
                    tenant: user.tenantId, label: "anonymous", origin: origin, at: now, on: connection)
                return .wrong(sessionEnded: ended)
            }
            let absolute = session.absoluteExpiresAt
            let expires = AuthStore.expiry(stage: .active, at: now, absolute: absolute, settings: settings)
            let changed = try connection.execute(
                """
                UPDATE sessions SET token_hash = \(token.hash), csrf_hash = \(csrf.hash), stage = \(SessionStage.active.rawValue),
                    last_seen_at = \(now), expires_at = \(expires), second_factor_failures = 0
                WHERE tenant_id = \(session.tenantId) AND id = \(session.id) AND token_hash = \(oldHash)
                    AND stage = \(SessionStage.secondFactor.rawValue) AND revoked_at IS NULL
                """)
            guard changed == 1 else { throw Self.sessionEnded }
            try connection.execute("UPDATE users SET last_login_at = \(now) WHERE tenant_id = \(user.tenantId) AND id = \(user.id)")
            try AuditTrail.record(
                AuditEntry(
                    action: "session.second_factor_verified", resourceType: "session", resourceId: session.id.uuidString,
                    changes: [
                        "stage": AuditChange(before: .string(SessionStage.secondFactor.rawValue), after: .string(SessionStage.active.rawValue)),
                        "method": AuditChange(before: nil, after: .string(method)),
                    ]),
                by: AuthStore.principal(user, credential: .session(session.id), origin: origin), at: now, on: connection)
            var info = session.info
            info.stage = .active
            info.expiresAt = expires
            return .verified(info)
        }
        switch outcome {
        case .verified(let session):
            return LoginResult(sessionToken: token.value, csrfToken: csrf.value, session: session)
        case .wrong(let ended):
            throw ended
                ? PortalError.unauthenticated("Too many wrong codes. Sign in again.")
                : PortalError.unauthenticated("The code is wrong or was already used.")
        }
    }

    // MARK: Each request

    /// The signed-in principal of a session token (from a cookie).
    ///
    /// Using a session extends it by the idle timeout, up to its absolute lifetime; the new
    /// expiry is written at most once a minute.
    ///
    /// - Parameter stages: the stages this endpoint accepts: only ``SessionStage/active`` for
    ///   the application; the two-factor set-up endpoints also allow ``SessionStage/enrollment``.
    /// - Throws: `unauthenticated` for an unknown, revoked or expired session, a disabled user,
    ///   or a session whose stage is not allowed ("Finish signing in with your second factor.").
    public func authenticate(
        sessionToken: String, origin: RequestOrigin, allowing stages: Set<SessionStage> = [.active]
    ) async throws -> AuthenticatedSession {
        let now = context.now
        let tokenHash = OpaqueToken.hash(sessionToken)
        let (session, principal) = try await context.database.read(.allTenants) { connection -> (AuthStore.SessionRow, Principal) in
            guard let session = try AuthStore.session(tokenHash: tokenHash, on: connection), session.isLive(at: now) else {
                throw Self.sessionEnded
            }
            let user = try Users.load(session.userId, tenant: session.tenantId, on: connection)
            guard user.status == .active else { throw Self.sessionEnded }
            guard stages.contains(session.stage) else { throw Self.secondFactorPending }
            return (session, try PrincipalLoader.load(user, credential: .session(session.id), origin: origin, on: connection))
        }
        var info = session.info
        if session.stage != .secondFactor, now - session.lastSeenAt >= Self.touchInterval {
            let expires = AuthStore.expiry(stage: session.stage, at: now, absolute: session.absoluteExpiresAt, settings: settings)
            try await context.database.write(.tenant(session.tenantId)) { connection in
                _ = try connection.execute(
                    """
                    UPDATE sessions SET last_seen_at = \(now), expires_at = \(expires)
                    WHERE tenant_id = \(session.tenantId) AND id = \(session.id) AND revoked_at IS NULL AND expires_at < \(expires)
                    """)
            }
            info.expiresAt = expires
        }
        return AuthenticatedSession(principal: principal, session: info, csrfHash: session.csrfHash)
    }

    /// Checks the CSRF token a state-changing request carries (a header or form field) against
    /// the session's, in constant time.
    /// - Throws: `forbidden` "The CSRF token is missing or wrong."
    public func verifyCSRF(_ presented: String?, for session: AuthenticatedSession) throws {
        guard let presented, !presented.isEmpty,
            ConstantTime.equals(OpaqueToken.hash(presented), session.csrfHash)
        else { throw PortalError.forbidden("The CSRF token is missing or wrong.") }
    }

    /// The principal of an API token (`Authorization: Bearer pt_…`).
    ///
    /// Use is recorded in `last_used_at`, written at most once a minute.
    /// - Throws: `unauthenticated` for an unknown, revoked or expired token or a disabled user.
    public func authenticate(bearerToken: String, origin: RequestOrigin) async throws -> Principal {
        let refused = PortalError.unauthenticated("The API token is unknown, revoked or expired.")
        guard bearerToken.hasPrefix(APITokens.secretPrefix) else { throw refused }
        let now = context.now
        let tokenHash = OpaqueToken.hash(bearerToken)
        let (token, principal) = try await context.database.read(.allTenants) { connection -> (APIToken, Principal) in
            guard let row = try connection.queryFirst("SELECT * FROM api_tokens WHERE token_hash = \(tokenHash)") else { throw refused }
            let token = try APIToken(row: row)
            guard token.revokedAt == nil, token.expiresAt.map({ $0 > now }) ?? true else { throw refused }
            let user = try Users.load(token.userId, tenant: token.tenantId, on: connection)
            guard user.status == .active else { throw refused }
            return (token, try PrincipalLoader.load(user, credential: .apiToken(token.id), origin: origin, on: connection))
        }
        if token.lastUsedAt.map({ now - $0 >= Self.touchInterval }) ?? true {
            try await context.database.write(.tenant(token.tenantId)) { connection in
                _ = try connection.execute("UPDATE api_tokens SET last_used_at = \(now) WHERE tenant_id = \(token.tenantId) AND id = \(token.id)")
            }
        }
        return principal
    }

    // MARK: Signing out

    /// Ends the session of `sessionToken` and records `session.ended`. Ending an unknown or
    /// already ended session does nothing.
    public func logout(sessionToken: String, origin: RequestOrigin = RequestOrigin()) async throws {
        let now = context.now
        let tokenHash = OpaqueToken.hash(sessionToken)
        guard
            let session = try await context.database.read(.allTenants, { connection in
                try AuthStore.session(tokenHash: tokenHash, on: connection)
            }), session.revokedAt == nil
        else { return }
        try await context.database.write(.tenant(session.tenantId)) { connection in
            let ended = try connection.execute(
                "UPDATE sessions SET revoked_at = \(now) WHERE tenant_id = \(session.tenantId) AND id = \(session.id) AND revoked_at IS NULL")
            guard ended == 1 else { return }
            let user = try Users.load(session.userId, tenant: session.tenantId, on: connection)
            try AuditTrail.record(
                AuditEntry(action: "session.ended", resourceType: "session", resourceId: session.id.uuidString),
                by: AuthStore.principal(user, credential: .session(session.id), origin: origin), at: now, on: connection)
        }
    }

    /// Ends every session of the principal's user (all devices), or all but the current one
    /// with `keepingCurrent`. API tokens stay valid. Returns how many sessions ended.
    @discardableResult
    public func logoutEverywhere(by principal: Principal, keepingCurrent: Bool = false) async throws -> Int {
        guard let userId = principal.userId else {
            throw PortalError.invalid("Only a signed-in user has sessions to end.", field: "user_id")
        }
        var keeping: SessionID?
        if keepingCurrent, case .user(_, _, _, .session(let current)) = principal.actor { keeping = current }
        let now = context.now
        return try await context.database.write(principal.scope) { [keeping] connection in
            let ended = try AuthStore.endSessions(of: userId, tenant: principal.tenantId, keeping: keeping, at: now, on: connection)
            try AuditTrail.record(
                AuditEntry(
                    action: "user.sessions_ended", resourceType: "user", resourceId: userId.uuidString,
                    changes: ["sessions_ended": AuditChange(before: nil, after: .integer(Int64(ended)))]),
                by: principal, at: now, on: connection)
            return ended
        }
    }
}
