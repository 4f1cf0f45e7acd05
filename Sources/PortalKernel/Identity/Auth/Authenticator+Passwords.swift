/// Password resets by email and password changes.
extension Authenticator {
    /// Starts a password reset: for an active user of the tenant with this email, stores a
    /// single-use link token (only its hash) valid for ``IdentitySettings/passwordResetLifetime``
    /// and queues an email with the link `<publicURL>/reset-password?token=…`, in one transaction.
    ///
    /// Returns normally whether or not the email belongs to anyone, so the answer tells nothing.
    /// A user without a password (created without one) sets their first password this way.
    ///
    /// - Throws: `rate_limited` when the client's address, or this email, asked too often in the
    ///   current throttle window (the same limits as failed sign-ins).
    public func requestPasswordReset(tenantSlug: String, email: String, origin: RequestOrigin) async throws {
        let now = context.now
        let slug = tenantSlug.trimmingWhitespace().lowercased()
        let emailKey = InputValidation.emailKey(email)
        let limits =
            [LoginThrottle.Limit(key: "reset:account:\(slug):\(emailKey)", maximum: settings.maxFailuresPerAccount)]
            + (LoginThrottle.addressKey(origin.address).map {
                [LoginThrottle.Limit(key: "reset:\($0)", maximum: settings.maxFailuresPerAddress)]
            } ?? [])
        // Every request counts, and is counted whether or not a reset follows.
        let tenant = try await context.database.write(.allTenants) { [throttle] connection -> Tenant? in
            try throttle.check(limits, at: now, on: connection, message: "Too many password reset requests. Try again later.")
            try throttle.recordFailure(limits, at: now, on: connection)
            return try connection.queryFirst("SELECT * FROM tenants WHERE slug = \(slug)").map(Tenant.init(row:))
        }
        guard let tenant, !emailKey.isEmpty else { return }

        let token = OpaqueToken.generate(prefix: "pr_")
        try await context.database.write(.tenant(tenant.id)) { [context, settings] connection in
            guard let user = try Users.find(emailKey: emailKey, tenant: tenant.id, on: connection), user.status == .active else {
                return
            }
            let id = PasswordResetID.generate(at: now)
            // One live link at a time: an earlier one stops working.
            try connection.execute(
                "UPDATE password_resets SET used_at = \(now) WHERE tenant_id = \(tenant.id) AND user_id = \(user.id) AND used_at IS NULL")
            try connection.execute(
                """
                INSERT INTO password_resets (id, tenant_id, user_id, token_hash, expires_at, used_at, created_at)
                VALUES (\(id), \(tenant.id), \(user.id), \(token.hash), \(now + settings.passwordResetLifetime), NULL, \(now))
                """)
            let message = Self.resetMessage(id: id, to: user, tenant: tenant, token: token, settings: settings)
            try OutgoingEmail.enqueue(message, tenant: tenant.id, secretBox: context.secretBox, jobs: context.jobs, on: connection)
            try AuditTrail.recordAnonymous(
                AuditEntry(action: "user.password_reset_requested", resourceType: "user", resourceId: user.id.uuidString),
                tenant: tenant.id, label: "anonymous", origin: origin, at: now, on: connection)
        }
    }

    /// Sets a new password with the token from a reset link. The token works once and until it
    /// expires; every session of the user ends (API tokens stay), and a sign-in lock on the
    /// account is lifted.
    ///
    /// - Throws: `invalid` (field `token`) for an unknown, used or expired token; `invalid`
    ///   (field `password`) for a password that breaks ``PasswordRules``.
    public func resetPassword(token: String, newPassword: String, origin: RequestOrigin) async throws {
        let refused = PortalError.invalid("This password reset link is invalid, used or expired. Ask for a new one.", field: "token")
        let now = context.now
        let tokenHash = OpaqueToken.hash(token)
        guard
            let reset = try await context.database.read(.allTenants, { connection in
                try connection.queryFirst(
                    "SELECT id, tenant_id, user_id, expires_at, used_at FROM password_resets WHERE token_hash = \(tokenHash)")
                    .map { row in
                        (
                            id: try row.get("id", as: PasswordResetID.self), tenantId: try row.get("tenant_id", as: TenantID.self),
                            userId: try row.get("user_id", as: UserID.self), expiresAt: try row.get("expires_at", as: Instant.self),
                            usedAt: try row.get("used_at", as: Instant?.self)
                        )
                    }
            }), reset.usedAt == nil, reset.expiresAt > now
        else { throw refused }
        try PasswordRules.validate(newPassword)
        let hash = try await context.passwordHasher.hash(newPassword)

        try await context.database.write(.tenant(reset.tenantId)) { [throttle] connection in
            let used = try connection.execute(
                """
                UPDATE password_resets SET used_at = \(now)
                WHERE tenant_id = \(reset.tenantId) AND id = \(reset.id) AND used_at IS NULL AND expires_at > \(now)
                """)
            let user = try Users.load(reset.userId, tenant: reset.tenantId, on: connection)
            guard used == 1, user.status == .active else { throw refused }
            try connection.execute(
                """
                UPDATE users SET password_hash = \(hash), password_changed_at = \(now), updated_at = \(now)
                WHERE tenant_id = \(user.tenantId) AND id = \(user.id)
                """)
            let ended = try AuthStore.endSessions(of: user.id, tenant: user.tenantId, at: now, on: connection)
            try throttle.clear(
                LoginThrottle.accountKey(tenant: user.tenantId, emailKey: InputValidation.emailKey(user.email)), on: connection)
            try AuditTrail.record(
                AuditEntry(
                    action: "user.password_reset", resourceType: "user", resourceId: user.id.uuidString,
                    changes: ["sessions_ended": AuditChange(before: nil, after: .integer(Int64(ended)))]),
                by: AuthStore.principal(user, credential: .flow, origin: origin), at: now, on: connection)
        }
    }

    /// Changes the signed-in user's password, given the current one. The user's other sessions
    /// end; the one making the change stays.
    ///
    /// - Throws: `invalid` (field `current_password`) when the current password is wrong, which
    ///   counts as a failed sign-in of the account (`rate_limited` once it is locked);
    ///   `invalid` (field `new_password`) for a password that breaks ``PasswordRules``.
    public func changePassword(current: String, new: String, by principal: Principal) async throws {
        guard let userId = principal.userId else {
            throw PortalError.invalid("Only a signed-in user can change their password.", field: "user_id")
        }
        let now = context.now
        let (credentials, limits) = try await context.database.read(principal.scope) { [throttle, settings] connection in
            guard let credentials = try AuthStore.credentials(userId, tenant: principal.tenantId, on: connection) else {
                throw PortalError.notFound("No such user.")
            }
            let key = LoginThrottle.accountKey(tenant: principal.tenantId, emailKey: InputValidation.emailKey(credentials.user.email))
            let limits = [LoginThrottle.Limit(key: key, maximum: settings.maxFailuresPerAccount)]
            try throttle.check(limits, at: now, on: connection)
            return (credentials, limits)
        }
        let matches = try await context.passwordHasher.verify(current, against: credentials.passwordHash ?? Self.dummyPasswordHash)
        guard matches, credentials.passwordHash != nil else {
            try await context.database.write(principal.scope) { [throttle] connection in
                try throttle.recordFailure(limits, at: now, on: connection)
            }
            throw PortalError.invalid("The current password is wrong.", field: "current_password")
        }
        try PasswordRules.validate(new, field: "new_password")
        let hash = try await context.passwordHasher.hash(new)
        var keeping: SessionID?
        if case .user(_, _, _, .session(let current)) = principal.actor { keeping = current }
        try await context.database.write(principal.scope) { [keeping] connection in
            try connection.execute(
                """
                UPDATE users SET password_hash = \(hash), password_changed_at = \(now), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(userId)
                """)
            let ended = try AuthStore.endSessions(of: userId, tenant: principal.tenantId, keeping: keeping, at: now, on: connection)
            try AuditTrail.record(
                AuditEntry(
                    action: "user.password_changed", resourceType: "user", resourceId: userId.uuidString,
                    changes: ["sessions_ended": AuditChange(before: nil, after: .integer(Int64(ended)))]),
                by: principal, at: now, on: connection)
        }
    }

    /// The reset email. Its key is the reset's id, so a retried send never duplicates it.
    static func resetMessage(
        id: PasswordResetID, to user: User, tenant: Tenant, token: OpaqueToken, settings: IdentitySettings
    ) -> MailerMessage {
        let base = settings.publicURL.hasSuffix("/") ? String(settings.publicURL.dropLast()) : settings.publicURL
        let link = "\(base)/reset-password?token=\(token.value)"
        let minutes = settings.passwordResetLifetime.microseconds / 60_000_000
        return MailerMessage(
            messageKey: "password-reset:\(id.uuidString)", from: settings.emailFrom,
            to: [MailerAddress(user.email, name: user.name)], subject: "Reset your \(tenant.name) password",
            text: """
                Hello \(user.name),

                Someone asked to reset the password of your \(tenant.name) account. To choose a new password, open:

                \(link)

                The link works once, for \(minutes) minutes. If you did not ask for this, ignore this email; your password stays as it is.
                """,
            tags: ["password-reset"])
    }
}
