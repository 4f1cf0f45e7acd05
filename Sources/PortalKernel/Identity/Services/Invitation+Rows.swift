// Reading invitations from `invitations` rows, with their derived status.

extension Invitation {
    /// Reads an invitation; its status as of `now` (a pending invitation past its expiry is `expired`).
    init(row: SQLRow, at now: Instant) throws {
        let acceptedAt: Instant? = try row.get("accepted_at")
        let revokedAt: Instant? = try row.get("revoked_at")
        let expiresAt: Instant = try row.get("expires_at")
        let status: InvitationStatus =
            if acceptedAt != nil { .accepted } else if revokedAt != nil { .revoked } else if expiresAt <= now { .expired } else { .pending }
        self.init(
            id: try row.get("id"), tenantId: try row.get("tenant_id"), companyId: try row.get("company_id"),
            email: try row.get("email"), name: try row.get("name"), contactId: try row.get("contact_id"),
            role: try row.enumeration("role"), permissions: try CompanyPermissions(row: row), invitedBy: try row.get("invited_by"),
            invitedByLabel: try row.get("invited_by_label"), status: status, expiresAt: expiresAt,
            sentCount: try row.get("sent_count"), lastSentAt: try row.get("last_sent_at"), acceptedAt: acceptedAt,
            acceptedUserId: try row.get("accepted_user_id"), revokedAt: revokedAt, createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at"))
    }

    /// The SQL condition on `invitations` columns that matches ``init(row:at:)``'s `status` as of `now`.
    static func condition(_ status: InvitationStatus, at now: Instant) -> SQLStatement {
        switch status {
        case .pending: "(accepted_at IS NULL AND revoked_at IS NULL AND expires_at > \(now))"
        case .expired: "(accepted_at IS NULL AND revoked_at IS NULL AND expires_at <= \(now))"
        case .accepted: "(accepted_at IS NOT NULL)"
        case .revoked: "(accepted_at IS NULL AND revoked_at IS NOT NULL)"
        }
    }
}
