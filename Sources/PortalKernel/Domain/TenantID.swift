/// Marks identifiers of tenants: the service businesses that own every other record.
public enum TenantTag: IdentifierTag {
    public static let entityName = "tenant"
}

/// Identifies a tenant.
public typealias TenantID = Identifier<TenantTag>
