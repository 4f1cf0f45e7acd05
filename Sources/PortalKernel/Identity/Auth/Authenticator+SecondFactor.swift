/// Completing a sign-in with its second factor.
extension Authenticator {
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
}
