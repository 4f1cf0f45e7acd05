/// A firm whose developers serve the tenant's client companies.
public struct Agency: Sendable, Hashable, Codable {
    public var id: AgencyID
    public var tenantId: TenantID
    public var name: String
    public var createdAt: Instant
    public var updatedAt: Instant
}
