/// Storage shared by ``Authenticator``, ``TwoFactor`` and ``APITokens``: session rows, a
/// user's secrets, and the tenant's two-factor rule. Every function runs inside the caller's
/// transaction.
enum AuthStore {
    /// The secret-box context binding a user's sealed TOTP secret to that user.
    static func totpContext(_ user: UserID) -> String { "user:\(user.uuidString)/totp" }

    /// What sign-in needs of a user beyond ``User``: never handed out of the kernel.
    struct Credentials: Sendable {
        var user: User
        var passwordHash: String?
        var totpSecret: SealedSecret?
        var totpPendingSecret: SealedSecret?
        /// The TOTP time step of the last accepted code; later codes must be of later steps.
        var totpLastStep: Int64?
    }

    static func credentials(_ id: UserID, tenant: TenantID, on connection: any SQLConnection) throws -> Credentials? {
        try credentials(where: "id = \(id)", tenant: tenant, on: connection)
    }

    static func credentials(emailKey: String, tenant: TenantID, on connection: any SQLConnection) throws -> Credentials? {
        try credentials(where: "email_key = \(emailKey)", tenant: tenant, on: connection)
    }

    /// The credentials of the tenant's user matching `condition`, if there is one.
    private static func credentials(
        where condition: SQLStatement, tenant: TenantID, on connection: any SQLConnection
    ) throws -> Credentials? {
        var statement: SQLStatement =
            "SELECT \(raw: User.columns), password_hash, totp_secret, totp_pending_secret, totp_last_step FROM users WHERE tenant_id = \(tenant) AND "
        statement.append(condition)
        return try connection.queryFirst(statement).map { try credentials($0) }
    }

    private static func credentials(_ row: SQLRow) throws -> Credentials {
        Credentials(
            user: try User(row: row), passwordHash: try row.get("password_hash"), totpSecret: try row.get("totp_secret"),
            totpPendingSecret: try row.get("totp_pending_secret"), totpLastStep: try row.get("totp_last_step"))
    }

    /// Whether the tenant requires `user` to sign in with a second factor: staff when
    /// `require_two_factor_staff` is set, anyone owning a company when `require_two_factor_owners` is.
    static func twoFactorRequired(for user: User, tenant: Tenant, on connection: any SQLConnection) throws -> Bool {
        if tenant.requireTwoFactorForStaff, user.kind == .staff { return true }
        guard tenant.requireTwoFactorForOwners else { return false }
        return try connection.queryFirst(
            """
            SELECT 1 AS owner FROM company_memberships
            WHERE tenant_id = \(user.tenantId) AND user_id = \(user.id) AND role = \(CompanyRole.owner.rawValue)
            """) != nil
    }

    // MARK: Sessions

    /// A `sessions` row.
    struct SessionRow: Sendable {
        var id: SessionID
        var tenantId: TenantID
        var userId: UserID
        var stage: SessionStage
        var csrfHash: String
        var createdAt: Instant
        var lastSeenAt: Instant
        var expiresAt: Instant
        var absoluteExpiresAt: Instant
        var secondFactorFailures: Int
        var revokedAt: Instant?

        init(row: SQLRow) throws {
            id = try row.get("id")
            tenantId = try row.get("tenant_id")
            userId = try row.get("user_id")
            stage = try row.enumeration("stage")
            csrfHash = try row.get("csrf_hash")
            createdAt = try row.get("created_at")
            lastSeenAt = try row.get("last_seen_at")
            expiresAt = try row.get("expires_at")
            absoluteExpiresAt = try row.get("absolute_expires_at")
            secondFactorFailures = try row.get("second_factor_failures")
            revokedAt = try row.get("revoked_at")
        }

        /// Whether the session may still be used at `now`.
        func isLive(at now: Instant) -> Bool {
            revokedAt == nil && expiresAt > now && absoluteExpiresAt > now
        }

        var info: SessionInfo {
            SessionInfo(id: id, tenantId: tenantId, userId: userId, stage: stage, createdAt: createdAt, expiresAt: expiresAt)
        }
    }

    static let sessionColumns =
        "id, tenant_id, user_id, stage, csrf_hash, created_at, last_seen_at, expires_at, absolute_expires_at, second_factor_failures, revoked_at"

    /// The session whose token hashes to `tokenHash`, in any tenant (use an `.allTenants` transaction).
    static func session(tokenHash: String, on connection: any SQLConnection) throws -> SessionRow? {
        try connection.queryFirst("SELECT \(raw: sessionColumns) FROM sessions WHERE token_hash = \(tokenHash)")
            .map(SessionRow.init(row:))
    }

    static func session(_ id: SessionID, tenant: TenantID, on connection: any SQLConnection) throws -> SessionRow? {
        try connection.queryFirst("SELECT \(raw: sessionColumns) FROM sessions WHERE tenant_id = \(tenant) AND id = \(id)")
            .map(SessionRow.init(row:))
    }

    /// When a session used at `now` ends: after the idle timeout (or, waiting for a second
    /// factor, its shorter timeout), never after `absolute`.
    static func expiry(stage: SessionStage, at now: Instant, absolute: Instant, settings: IdentitySettings) -> Instant {
        let timeout = stage == .secondFactor ? settings.secondFactorTimeout : settings.sessionIdleTimeout
        return min(now + timeout, absolute)
    }

    /// Inserts a new session for `user` and returns it; only hashes of the tokens are stored.
    static func insertSession(
        for user: User, stage: SessionStage, token: OpaqueToken, csrf: OpaqueToken, origin: RequestOrigin,
        settings: IdentitySettings, at now: Instant, on connection: any SQLConnection
    ) throws -> SessionInfo {
        let id = SessionID.generate(at: now)
        let absolute = now + settings.sessionAbsoluteLifetime
        let expires = expiry(stage: stage, at: now, absolute: absolute, settings: settings)
        try connection.execute(
            """
            INSERT INTO sessions (id, tenant_id, user_id, token_hash, csrf_hash, stage, ip_address, user_agent, created_at,
                last_seen_at, expires_at, absolute_expires_at, second_factor_failures)
            VALUES (\(id), \(user.tenantId), \(user.id), \(token.hash), \(csrf.hash), \(stage.rawValue),
                \(origin.address.map { String($0.prefix(100)) }), \(origin.userAgent.map { String($0.prefix(500)) }),
                \(now), \(now), \(expires), \(absolute), 0)
            """)
        return SessionInfo(id: id, tenantId: user.tenantId, userId: user.id, stage: stage, createdAt: now, expiresAt: expires)
    }

    /// Ends every live session of a user, except `keeping`; returns how many ended.
    @discardableResult
    static func endSessions(
        of user: UserID, tenant: TenantID, keeping: SessionID? = nil, at now: Instant, on connection: any SQLConnection
    ) throws -> Int {
        var statement: SQLStatement =
            "UPDATE sessions SET revoked_at = \(now) WHERE tenant_id = \(tenant) AND user_id = \(user) AND revoked_at IS NULL"
        if let keeping { statement.append(" AND id <> \(keeping)") }
        return try connection.execute(statement)
    }

    // MARK: Second factors

    /// Removes a user's TOTP secrets and recovery codes: the user signs in with a password alone.
    static func clearSecondFactor(of user: UserID, tenant: TenantID, at now: Instant, on connection: any SQLConnection) throws {
        try connection.execute(
            """
            UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL,
                updated_at = \(now)
            WHERE tenant_id = \(tenant) AND id = \(user)
            """)
        try connection.execute("DELETE FROM recovery_codes WHERE tenant_id = \(tenant) AND user_id = \(user)")
    }

    /// Checks a TOTP code against the user's active secret, refusing a step at or before the
    /// last one accepted, and records the step. `false` when the code is wrong or replayed.
    static func acceptTOTP(
        _ code: String, for credentials: Credentials, secretBox: any SecretBox, at now: Instant, on connection: any SQLConnection
    ) throws -> Bool {
        guard let sealed = credentials.totpSecret else { return false }
        let secret = try secretBox.open(sealed, context: totpContext(credentials.user.id))
        let digits = code.filter { !$0.isWhitespace }
        guard let step = TOTP(secret: secret).matchingStep(digits, at: now) else { return false }
        // The condition makes the check and the update one step, so two requests racing with
        // the same code cannot both succeed.
        return try connection.execute(
            """
            UPDATE users SET totp_last_step = \(step)
            WHERE tenant_id = \(credentials.user.tenantId) AND id = \(credentials.user.id)
                AND (totp_last_step IS NULL OR totp_last_step < \(step))
            """) == 1
    }

    /// Redeems one of the user's unused recovery codes; `false` when none matches.
    static func redeemRecoveryCode(_ code: String, for user: User, at now: Instant, on connection: any SQLConnection) throws -> Bool {
        try connection.execute(
            """
            UPDATE recovery_codes SET used_at = \(now)
            WHERE tenant_id = \(user.tenantId) AND user_id = \(user.id) AND code_hash = \(RecoveryCodes.hash(code)) AND used_at IS NULL
            """) >= 1
    }

    /// Replaces the user's recovery codes with hashes of `codes`.
    static func replaceRecoveryCodes(_ codes: [String], for user: User, at now: Instant, on connection: any SQLConnection) throws {
        try connection.execute("DELETE FROM recovery_codes WHERE tenant_id = \(user.tenantId) AND user_id = \(user.id)")
        for code in codes {
            try connection.execute(
                """
                INSERT INTO recovery_codes (id, tenant_id, user_id, code_hash, used_at, created_at)
                VALUES (\(RecoveryCodeID.generate(at: now)), \(user.tenantId), \(user.id), \(RecoveryCodes.hash(code)), NULL, \(now))
                """)
        }
    }

    /// A principal for `user`, for audit events written before a request principal exists.
    static func principal(_ user: User, credential: Principal.Credential, origin: RequestOrigin) -> Principal {
        Principal(
            tenantId: user.tenantId, actor: .user(id: user.id, kind: user.kind, email: user.email, credential: credential),
            agencyId: user.agencyId, origin: origin)
    }
}

/// Marks identifiers of recovery-code rows (only storage uses them).
enum RecoveryCodeTag: IdentifierTag { static let entityName = "recovery_code" }
typealias RecoveryCodeID = Identifier<RecoveryCodeTag>

/// Marks identifiers of password-reset rows.
enum PasswordResetTag: IdentifierTag { static let entityName = "password_reset" }
typealias PasswordResetID = Identifier<PasswordResetTag>
