/// An invitation to become a user of a company, sent by email as a single-use link.
public struct Invitation: Sendable, Hashable, Codable {
    public var id: InvitationID
    public var tenantId: TenantID
    public var companyId: CompanyID
    public var email: String
    public var name: String?
    /// The contact being invited, when the invitation was made for one.
    public var contactId: ContactID?
    public var role: CompanyRole
    public var permissions: CompanyPermissions
    /// Who sent it: a user id when a user did, and a label either way.
    public var invitedBy: UserID?
    public var invitedByLabel: String
    public var status: InvitationStatus
    public var expiresAt: Instant
    public var sentCount: Int
    public var lastSentAt: Instant
    public var acceptedAt: Instant?
    public var acceptedUserId: UserID?
    public var revokedAt: Instant?
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// Where an invitation stands. `expired` is derived from the expiry time.
public enum InvitationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case accepted
    case revoked
    case expired
}

/// A just-created or resent invitation with its link token, which is shown once and never stored.
public struct IssuedInvitation: Sendable {
    public var invitation: Invitation
    /// The secret to put in the acceptance link.
    public var token: String
    /// The acceptance link (`<http.public_url>/invitations/accept?token=…`), as emailed.
    public var acceptURL: String
}
