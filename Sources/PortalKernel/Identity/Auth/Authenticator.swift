/// Signing in and proving who you are on each request: password sign-in with throttling,
/// the second factor, server-side sessions with CSRF tokens, API tokens, signing out and
/// password resets. The methods live in `Authenticator+SecondFactor.swift`,
/// `Authenticator+Sessions.swift` and `Authenticator+Passwords.swift`.
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
    static let dummyPasswordHash = "$2b$12$clUQuf/g/SMROZRQJX8wweEvibaz0vIg.1KmWnpSvanIvcLK6t2M."

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
}
