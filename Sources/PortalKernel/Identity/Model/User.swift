/// A person who signs in. Every user belongs to exactly one tenant; the email is unique within it.
public struct User: Sendable, Hashable, Codable {
    public var id: UserID
    public var tenantId: TenantID
    public var email: String
    public var name: String
    public var kind: UserKind
    /// The agency a developer or agency admin works for.
    public var agencyId: AgencyID?
    public var status: UserStatus
    /// Whether the user signs in with a second factor (TOTP).
    public var twoFactorEnabled: Bool
    public var lastLoginAt: Instant?
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// What a user is to the tenant: its own staff, a client company's user, a developer
/// (team member serving client companies), or an agency's administrator.
public enum UserKind: String, Sendable, Hashable, Codable, CaseIterable {
    case staff
    case client
    case developer
    case agencyAdmin = "agency_admin"
}

/// Whether a user may sign in.
public enum UserStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case disabled
}
