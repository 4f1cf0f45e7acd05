/// One recorded state change: who did what to which resource, when, from where, and what
/// changed. Events are append-only and hash-chained per tenant (see ``AuditTrail``).
public struct AuditEvent: Sendable, Hashable, Codable {
    public var id: AuditEventID
    public var tenantId: TenantID
    /// 1, 2, 3 … per tenant, without gaps.
    public var sequence: Int64
    public var occurredAt: Instant
    /// `user`, `operator`, `system` or `anonymous`.
    public var actorType: String
    public var actorId: String?
    public var actorLabel: String
    /// What happened, as `resource.verb` (`company.created`, `invitation.revoked`).
    public var action: String
    public var resourceType: String
    public var resourceId: String
    /// The company the resource belongs to, when it belongs to one.
    public var companyId: CompanyID?
    public var ipAddress: String?
    public var requestId: String?
    /// The fields that changed, with their values before and after (secrets redacted).
    public var changes: [String: AuditChange]
    /// The hash of the tenant's previous event (or of the chain's start).
    public var previousHash: String
    /// SHA-256 over this event's content and ``previousHash``.
    public var hash: String
}

/// One field's value before and after a change; `nil` where the field did not exist.
public struct AuditChange: Sendable, Hashable, Codable {
    public var before: JSONValue?
    public var after: JSONValue?

    public init(before: JSONValue?, after: JSONValue?) {
        self.before = before
        self.after = after
    }
}
