extension TwoFactor {
    /// Turns off another user's second factor after they lost their authenticator and recovery
    /// codes (staff only). Their sessions end; at the next sign-in a tenant that requires a
    /// second factor makes them enrol again.
    ///
    /// - Throws: `not_found` for a user of another tenant; `forbidden` for non-staff;
    ///   `conflict` when the user has no second factor.
    public func reset(_ userId: UserID, by principal: Principal) async throws {
        try AccessPolicy.authorize(principal, .manageUsers, on: .tenant)
        let now = context.now
        try await context.database.write(principal.scope) { connection in
            let user = try Users.load(userId, tenant: principal.tenantId, on: connection)
            guard user.twoFactorEnabled else {
                throw PortalError.conflict("This user does not sign in with a second factor.")
            }
            try AuthStore.clearSecondFactor(of: userId, tenant: principal.tenantId, at: now, on: connection)
            _ = try AuthStore.endSessions(of: userId, tenant: principal.tenantId, at: now, on: connection)
            try AuditTrail.record(
                AuditEntry(
                    action: "user.two_factor_reset", resourceType: "user", resourceId: userId.uuidString,
                    changes: ["two_factor_enabled": AuditChange(before: .bool(true), after: .bool(false))]),
                by: principal, at: now, on: connection)
        }
    }
}
