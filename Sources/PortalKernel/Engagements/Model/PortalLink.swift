/// A shareable, read-only link to one engagement's portal view, for people who do not sign in.
///
/// Its token (``PortalLinkGrant/token``) is shown once, when the link is created; storage keeps
/// only the sealed key that verifies it. A link stops working when it expires or is revoked.
public struct PortalLink: Sendable, Hashable, Codable {
    public var id: PortalLinkID
    public var proposalId: ProposalID
    public var expiresAt: Instant
    public var revokedAt: Instant?
    public var revokedBy: String?
    public var createdBy: String
    public var createdAt: Instant
}

/// A newly created link with its secret token and the URL to share.
public struct PortalLinkGrant: Sendable, Hashable, Codable {
    public var link: PortalLink
    /// `pl_…`: shown only now.
    public var token: String
    /// The portal's public address of the shared view.
    public var url: String
}
