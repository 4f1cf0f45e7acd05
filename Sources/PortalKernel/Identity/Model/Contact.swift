/// A person on the client side of a company. A contact may be invited to become a user.
public struct Contact: Sendable, Hashable, Codable {
    public var id: ContactID
    public var tenantId: TenantID
    public var companyId: CompanyID
    public var name: String
    public var email: String?
    public var phone: String?
    public var title: String?
    /// The user this contact became by accepting an invitation.
    public var userId: UserID?
    public var createdAt: Instant
    public var updatedAt: Instant
}
