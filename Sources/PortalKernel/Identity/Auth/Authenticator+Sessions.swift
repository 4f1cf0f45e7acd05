/// Proving who is acting on each request (sessions, CSRF tokens, API tokens) and signing out.
extension Authenticator {
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
        let (token, principal) = try await context.database.read(.allTenants) { connection -> (BearerTokenUse, Principal) in
            // The token and its user in one query (the user's columns are NULL if it is missing).
            guard let row = try connection.queryFirst(
                """
                SELECT t.id AS token_id, t.tenant_id AS token_tenant_id, t.last_used_at AS token_last_used_at,
                    t.expires_at AS token_expires_at, t.revoked_at AS token_revoked_at, \(raw: Self.bearerUserColumns)
                FROM api_tokens t LEFT JOIN users u ON u.tenant_id = t.tenant_id AND u.id = t.user_id
                WHERE t.token_hash = \(tokenHash)
                """)
            else { throw refused }
            let token = try BearerTokenUse(row: row)
            guard token.revokedAt == nil, token.expiresAt.map({ $0 > now }) ?? true else { throw refused }
            guard try row.get("id", as: UserID?.self) != nil else { throw PortalError.notFound("No such user.") }
            let user = try User(row: row)
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

    /// ``User/columns`` of the `users` row joined as `u`, for reading with ``User/init(row:)``.
    private static let bearerUserColumns = User.columns.split(separator: ",")
        .map { "u." + $0.drop(while: { $0 == " " }) }.joined(separator: ", ")

    /// What authenticating with an API token needs of its `api_tokens` row.
    private struct BearerTokenUse: Sendable {
        var id: APITokenID
        var tenantId: TenantID
        var lastUsedAt: Instant?
        var expiresAt: Instant?
        var revokedAt: Instant?

        /// Reads the `token_`-prefixed columns of the bearer query.
        init(row: SQLRow) throws {
            id = try row.get("token_id")
            tenantId = try row.get("token_tenant_id")
            lastUsedAt = try row.get("token_last_used_at")
            expiresAt = try row.get("token_expires_at")
            revokedAt = try row.get("token_revoked_at")
        }
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
