/// A client business of the tenant.
public struct Company: Sendable, Hashable, Codable {
    public var id: CompanyID
    public var tenantId: TenantID
    /// `CT-2026-00017`: the tenant's account prefix, the year of creation and a counter that
    /// never repeats and never skips within the tenant.
    public var accountNumber: String
    public var name: String
    public var industry: String?
    public var size: String?
    public var website: String?
    public var logoUrl: String?
    public var billingAddress: PostalAddress?
    public var taxId: String?
    public var billingEmail: String?
    public var status: CompanyStatus
    public var type: CompanyType
    /// A standing discount (for example a partner discount) that billing applies as its own line.
    public var discount: Percentage
    /// The contract that currently governs the relationship: the latest one the company signed
    /// that has not ended. Set by signing, cleared (or handed to the latest other signed
    /// contract) when it completes or is terminated; never written through ``CompanyInput``.
    public var currentContractId: ContractID?
    public var createdAt: Instant
    public var updatedAt: Instant
}

/// Whether a company's account is in use.
public enum CompanyStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case suspended
    case closed
}

/// What kind of relationship the tenant has with a company.
public enum CompanyType: String, Sendable, Hashable, Codable, CaseIterable {
    case client
    case prospect
    case partner
    case reseller
}

/// A postal address, as printed on invoices.
public struct PostalAddress: Sendable, Hashable, Codable {
    public var line1: String?
    public var line2: String?
    public var city: String?
    public var region: String?
    public var postalCode: String?
    /// ISO 3166-1 alpha-2 country code (`ZA`, `GB`, `US`).
    public var country: String?

    public init(
        line1: String? = nil, line2: String? = nil, city: String? = nil, region: String? = nil,
        postalCode: String? = nil, country: String? = nil
    ) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }
}
