/// Setting up, using and turning off two-factor sign-in (TOTP authenticator apps) and the
/// recovery codes that stand in for a lost device.
///
/// Every call acts on the principal's own user. Set-up is two calls:
///
/// ```swift
/// // 1. Show the secret as a QR code (and as text for manual entry).
/// let enrollment = try await twoFactor.beginEnrollment(by: principal)
/// render(qrCode: enrollment.provisioningURI)
/// // 2. The user types the code their app shows; show the recovery codes once.
/// let recoveryCodes = try await twoFactor.confirmEnrollment(code: typed, by: principal)
/// ```
///
/// A user whose tenant requires two-factor sign-in gets an ``SessionStage/enrollment`` session
/// at sign-in. Front ends authenticate the set-up endpoints with
/// `authenticate(sessionToken:origin:allowing: [.active, .enrollment])` and call these two
/// methods with that principal; ``confirmEnrollment(code:by:)`` promotes the session to
/// ``SessionStage/active`` (same token), after which every endpoint accepts it.
///
/// Wrong codes count against the account like failed sign-ins, so a stolen session cannot
/// guess its way to turning the second factor off.
public struct TwoFactor: Sendable {
    let context: IdentityContext

    public init(context: IdentityContext) {
        self.context = context
    }

    /// Starts (or restarts) set-up: a new secret, stored sealed as pending until confirmed.
    /// The secret is returned once, for the user's app; it is never shown again.
    /// - Throws: `conflict` when two-factor sign-in is already on.
    public func beginEnrollment(by principal: Principal) async throws -> TwoFactorEnrollment {
        let (userId, email) = try Self.user(of: principal)
        let secret = TOTP.generateSecret()
        let sealed = try context.secretBox.seal(secret, context: AuthStore.totpContext(userId))
        try await context.database.write(principal.scope) { connection in
            guard let credentials = try AuthStore.credentials(userId, tenant: principal.tenantId, on: connection) else {
                throw PortalError.notFound("No such user.")
            }
            guard credentials.totpSecret == nil else {
                throw PortalError.conflict("Two-factor sign-in is already on. Turn it off first to set up a new device.")
            }
            try connection.execute(
                "UPDATE users SET totp_pending_secret = \(sealed.text) WHERE tenant_id = \(principal.tenantId) AND id = \(userId)")
        }
        return TwoFactorEnrollment(
            secret: Base32.encode(secret),
            provisioningURI: TOTP(secret: secret).provisioningURI(issuer: context.settings.totpIssuer, account: email))
    }

    /// Finishes set-up with a code from the app: turns two-factor sign-in on, replaces the
    /// recovery codes with 10 new ones and returns them (only their hashes are kept). A caller
    /// signed in through an ``SessionStage/enrollment`` session is promoted to ``SessionStage/active``.
    /// - Throws: `conflict` without a pending set-up; `invalid` (field `code`) for a wrong code.
    public func confirmEnrollment(code: String, by principal: Principal) async throws -> [String] {
        let (userId, _) = try Self.user(of: principal)
        let now = context.now
        let codes = RecoveryCodes.generate(count: 10)
        try await guarded(principal) { [context] connection -> Bool in
            guard let credentials = try AuthStore.credentials(userId, tenant: principal.tenantId, on: connection) else {
                throw PortalError.notFound("No such user.")
            }
            guard credentials.totpSecret == nil, let pending = credentials.totpPendingSecret else {
                throw PortalError.conflict(
                    credentials.totpSecret != nil ? "Two-factor sign-in is already on." : "Start setting up two-factor sign-in first.")
            }
            let secret = try context.secretBox.open(pending, context: AuthStore.totpContext(userId))
            guard let step = TOTP(secret: secret).matchingStep(code.filter { !$0.isWhitespace }, at: now) else { return false }
            try connection.execute(
                """
                UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_enabled_at = \(now),
                    totp_last_step = \(step), updated_at = \(now)
                WHERE tenant_id = \(principal.tenantId) AND id = \(userId)
                """)
            try AuthStore.replaceRecoveryCodes(codes, for: credentials.user, at: now, on: connection)
            if case .user(_, _, _, .session(let session)) = principal.actor {
                try connection.execute(
                    """
                    UPDATE sessions SET stage = \(SessionStage.active.rawValue)
                    WHERE tenant_id = \(principal.tenantId) AND id = \(session) AND stage = \(SessionStage.enrollment.rawValue)
                    """)
            }
            try AuditTrail.record(
                AuditEntry(
                    action: "user.two_factor_enabled", resourceType: "user", resourceId: userId.uuidString,
                    changes: ["two_factor_enabled": AuditChange(before: .bool(false), after: .bool(true))]),
                by: principal, at: now, on: connection)
            return true
        }
        return codes
    }

    /// Turns two-factor sign-in off, given a current code or an unused recovery code; the
    /// recovery codes are deleted.
    /// - Throws: `conflict` when it is off, or when the tenant requires it for this user;
    ///   `invalid` (field `code`) for a wrong code.
    public func disable(code: String?, recoveryCode: String? = nil, by principal: Principal) async throws {
        let (userId, _) = try Self.user(of: principal)
        let now = context.now
        try await guarded(principal) { [context] connection -> Bool in
            let credentials = try Self.enabledCredentials(userId, principal: principal, on: connection)
            let tenant = try Tenants.load(principal.tenantId, on: connection)
            if try AuthStore.twoFactorRequired(for: credentials.user, tenant: tenant, on: connection) {
                throw PortalError.conflict("Your organisation requires two-factor sign-in; it cannot be turned off.")
            }
            guard try Self.accept(code: code, recoveryCode: recoveryCode, credentials, context: context, at: now, on: connection) else {
                return false
            }
            try AuthStore.clearSecondFactor(of: userId, tenant: principal.tenantId, at: now, on: connection)
            try AuditTrail.record(
                AuditEntry(
                    action: "user.two_factor_disabled", resourceType: "user", resourceId: userId.uuidString,
                    changes: ["two_factor_enabled": AuditChange(before: .bool(true), after: .bool(false))]),
                by: principal, at: now, on: connection)
            return true
        }
    }

    /// Replaces the recovery codes with 10 new ones (the old ones stop working) and returns
    /// them, given a current code.
    /// - Throws: `conflict` when two-factor sign-in is off; `invalid` (field `code`) for a wrong code.
    public func regenerateRecoveryCodes(code: String, by principal: Principal) async throws -> [String] {
        let (userId, _) = try Self.user(of: principal)
        let now = context.now
        let codes = RecoveryCodes.generate(count: 10)
        try await guarded(principal) { [context] connection -> Bool in
            let credentials = try Self.enabledCredentials(userId, principal: principal, on: connection)
            guard try Self.accept(code: code, recoveryCode: nil, credentials, context: context, at: now, on: connection) else {
                return false
            }
            try AuthStore.replaceRecoveryCodes(codes, for: credentials.user, at: now, on: connection)
            try AuditTrail.record(
                AuditEntry(
                    action: "user.recovery_codes_regenerated", resourceType: "user", resourceId: userId.uuidString,
                    changes: ["recovery_codes_count": AuditChange(before: nil, after: .integer(Int64(codes.count)))]),
                by: principal, at: now, on: connection)
            return true
        }
        return codes
    }

    // MARK: Helpers

    /// The user id and email of a signed-in principal; operators and the system have no second factor.
    private static func user(of principal: Principal) throws -> (UserID, String) {
        guard case .user(let id, _, let email, _) = principal.actor else {
            throw PortalError.forbidden("Only a signed-in user can manage their two-factor sign-in.")
        }
        return (id, email)
    }

    private static func enabledCredentials(
        _ userId: UserID, principal: Principal, on connection: any SQLConnection
    ) throws -> AuthStore.Credentials {
        guard let credentials = try AuthStore.credentials(userId, tenant: principal.tenantId, on: connection) else {
            throw PortalError.notFound("No such user.")
        }
        guard credentials.totpSecret != nil else { throw PortalError.conflict("Two-factor sign-in is off.") }
        return credentials
    }

    private static func accept(
        code: String?, recoveryCode: String?, _ credentials: AuthStore.Credentials, context: IdentityContext, at now: Instant,
        on connection: any SQLConnection
    ) throws -> Bool {
        if let code, !code.isEmpty,
            try AuthStore.acceptTOTP(code, for: credentials, secretBox: context.secretBox, at: now, on: connection)
        {
            return true
        }
        if let recoveryCode, !recoveryCode.isEmpty {
            return try AuthStore.redeemRecoveryCode(recoveryCode, for: credentials.user, at: now, on: connection)
        }
        return false
    }

    /// Runs `body` (which returns whether the code was right) under the account's sign-in
    /// throttle: refused while locked; a wrong code is counted in a transaction of its own
    /// and answered `invalid` (field `code`).
    private func guarded(_ principal: Principal, _ body: @escaping @Sendable (any SQLConnection) throws -> Bool) async throws {
        let now = context.now
        let throttle = LoginThrottle(window: context.settings.throttleWindow)
        let limits = [
            LoginThrottle.Limit(
                key: "two-factor:\(principal.tenantId.uuidString):\(principal.userId?.uuidString ?? "-")",
                maximum: context.settings.maxFailuresPerAccount)
        ]
        let accepted = try await context.database.write(principal.scope) { connection in
            try throttle.check(limits, at: now, on: connection, message: "Too many wrong codes. Try again later.")
            return try body(connection)
        }
        guard accepted else {
            try await context.database.write(principal.scope) { connection in
                try throttle.recordFailure(limits, at: now, on: connection)
            }
            throw PortalError.invalid("The code is wrong or was already used.", field: "code")
        }
    }
}

/// A two-factor set-up in progress: the secret for the user's authenticator app. Shown once.
public struct TwoFactorEnrollment: Sendable, CustomStringConvertible {
    /// The secret as base32 text, for typing into an app by hand.
    public var secret: String
    /// The `otpauth://` URI to render as a QR code. It contains the secret: never log it.
    public var provisioningURI: String

    public init(secret: String, provisioningURI: String) {
        self.secret = secret
        self.provisioningURI = provisioningURI
    }

    public var description: String { "TwoFactorEnrollment(redacted)" }
}
