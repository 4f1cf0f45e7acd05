/// Shareable read-only links to an engagement's portal view (see ``PortalLink``).
///
/// Staff create, list and revoke links. Anyone holding a valid token reads the view with
/// ``view(token:)``; a token that is malformed, forged, expired or revoked answers `not_found`
/// without saying which.
public struct PortalLinks: Sendable {
    /// The longest a link may live.
    public static let maximumDays = 365
    static let sealingContext = "portal_link"

    let context: BillingContext

    public init(context: BillingContext) {
        self.context = context
    }

    /// Creates a link to the engagement's view that expires after `days` (30 by default,
    /// 1...365). Staff only, and not for a draft. The grant's token is shown only now.
    public func create(for id: ProposalID, days: Int? = nil, by principal: Principal) async throws -> PortalLinkGrant {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let days = days ?? 30
        guard (1...Self.maximumDays).contains(days) else {
            throw PortalError.invalid("expires_in_days must be between 1 and \(Self.maximumDays).", field: "expires_in_days")
        }
        let now = context.now
        let key = OpaqueToken.randomBytes(32)
        let link = PortalLink(
            id: PortalLinkID.generate(at: now), proposalId: id,
            expiresAt: Instant(secondsSinceEpoch: now.secondsSinceEpoch + Int64(days) * 86_400), revokedAt: nil,
            revokedBy: nil, createdBy: principal.label, createdAt: now)
        let sealed = try context.secretBox.seal(key, context: Self.sealingContext)
        try await context.database.write(principal.scope) { connection in
            let proposal = try ProposalStore.load(id, tenant: principal.tenantId, on: connection)
            guard proposal.status != .draft else {
                throw PortalError.conflict("Send the proposal before sharing it; clients never see drafts.", field: "status")
            }
            try connection.execute(
                """
                INSERT INTO portal_links (id, tenant_id, proposal_id, sealed_key, expires_at, created_by, created_at)
                VALUES (\(link.id), \(principal.tenantId), \(id), \(sealed.text), \(link.expiresAt), \(link.createdBy), \(now))
                """)
            try Self.audit("portal_link.created", link, companyId: proposal.companyId, by: principal, at: now, on: connection)
        }
        let token = PortalLinkToken(linkId: link.id, expiresAt: link.expiresAt).signed(with: key)
        let base = context.publicURL.hasSuffix("/") ? String(context.publicURL.dropLast()) : context.publicURL
        return PortalLinkGrant(link: link, token: token, url: "\(base)/api/v1/shared/portal/\(token)")
    }

    /// The engagement's links, newest first. Staff only.
    public func list(for id: ProposalID, by principal: Principal) async throws -> [PortalLink] {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        return try await context.database.read(principal.scope) { connection in
            _ = try ProposalStore.load(id, tenant: principal.tenantId, on: connection)
            return try connection.query(
                """
                SELECT * FROM portal_links WHERE tenant_id = \(principal.tenantId) AND proposal_id = \(id)
                ORDER BY created_at DESC, id DESC
                """
            ).map(Self.link)
        }
    }

    /// Revokes a link at once; revoking it again changes nothing. Staff only.
    public func revoke(_ linkId: PortalLinkID, of id: ProposalID, by principal: Principal) async throws -> PortalLink {
        try AccessPolicy.authorize(principal, .manageEngagements, on: .tenant)
        let now = context.now
        return try await context.database.write(principal.scope) { connection in
            let proposal = try ProposalStore.load(id, tenant: principal.tenantId, on: connection)
            guard let row = try connection.queryFirst(
                """
                SELECT * FROM portal_links WHERE tenant_id = \(principal.tenantId) AND proposal_id = \(id) AND id = \(linkId)
                """)
            else { throw PortalError.notFound("No such portal link.") }
            var link = try Self.link(row)
            guard link.revokedAt == nil else { return link }
            link.revokedAt = now
            link.revokedBy = principal.label
            try connection.execute(
                """
                UPDATE portal_links SET revoked_at = \(now), revoked_by = \(principal.label)
                WHERE tenant_id = \(principal.tenantId) AND id = \(linkId)
                """)
            try Self.audit("portal_link.revoked", link, companyId: proposal.companyId, by: principal, at: now, on: connection)
            return link
        }
    }

    /// The view a valid token grants, read with the tenant's scope and nothing else.
    /// - Throws: `not_found` for any token that does not grant a view now.
    public func view(token: String) async throws -> EngagementPortalView {
        let refused = PortalError.notFound("This link is not valid; it may have expired or been revoked.")
        let now = context.now
        guard let (presented, payload, signature) = PortalLinkToken.parse(token), presented.expiresAt > now else {
            throw refused
        }
        let found = try await context.database.read(.allTenants) { connection -> (TenantID, ProposalID, String, Instant, Instant?)? in
            guard let row = try connection.queryFirst("SELECT * FROM portal_links WHERE id = \(presented.linkId)") else {
                return nil
            }
            return (try row.get("tenant_id"), try row.get("proposal_id"), try row.get("sealed_key"), try row.get("expires_at"),
                    try row.get("revoked_at"))
        }
        guard let (tenant, proposalId, sealedText, expiresAt, revokedAt) = found, revokedAt == nil,
            expiresAt == presented.expiresAt, let sealed = SealedSecret(sealedText),
            let key = try? context.secretBox.open(sealed, context: Self.sealingContext),
            PortalLinkToken.verify(signature, of: payload, key: key)
        else { throw refused }
        return try await context.database.read(.tenant(tenant)) { connection in
            try EngagementPortal.view(proposalId, tenant: tenant, at: now, on: connection) { _, status in
                guard status != .draft else { throw refused }
                return .sharedLink
            }
        }
    }

    // MARK: Storage

    private static func link(_ row: SQLRow) throws -> PortalLink {
        PortalLink(
            id: try row.get("id"), proposalId: try row.get("proposal_id"), expiresAt: try row.get("expires_at"),
            revokedAt: try row.get("revoked_at"), revokedBy: try row.get("revoked_by"), createdBy: try row.get("created_by"),
            createdAt: try row.get("created_at"))
    }

    private static func audit(
        _ action: String, _ link: PortalLink, companyId: CompanyID, by principal: Principal, at now: Instant,
        on connection: any SQLConnection
    ) throws {
        try AuditTrail.record(
            try AuditEntry(
                action: action, resourceType: "portal_link", resourceId: link.id.uuidString, companyId: companyId,
                before: PortalLink?.none, after: link),
            by: principal, at: now, on: connection)
    }
}
