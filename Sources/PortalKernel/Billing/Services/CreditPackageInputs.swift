/// A new credit package. `price` is in minor units of its currency.
public struct NewCreditPackage: Sendable, Hashable, Codable {
    public var name: String
    /// Above zero.
    public var credits: Int64
    /// The tenant's default currency when absent.
    public var currency: Currency?
    /// At least zero.
    public var price: Int64
    /// 0 to 100; none when absent.
    public var discountPercent: Percentage?
    public var featured: Bool?
    public var sortOrder: Int?
    public var taxCode: String?

    public init(
        name: String, credits: Int64, currency: Currency? = nil, price: Int64, discountPercent: Percentage? = nil,
        featured: Bool? = nil, sortOrder: Int? = nil, taxCode: String? = nil
    ) {
        self.name = name
        self.credits = credits
        self.currency = currency
        self.price = price
        self.discountPercent = discountPercent
        self.featured = featured
        self.sortOrder = sortOrder
        self.taxCode = taxCode
    }
}

/// Changes to a credit package; absent fields stay as they are, an empty tax code clears it.
/// Purchases already invoiced keep their terms.
public struct CreditPackageUpdate: Sendable, Hashable, Codable {
    public var name: String?
    public var credits: Int64?
    public var price: Int64?
    public var discountPercent: Percentage?
    public var featured: Bool?
    public var active: Bool?
    public var sortOrder: Int?
    public var taxCode: String?

    public init(
        name: String? = nil, credits: Int64? = nil, price: Int64? = nil, discountPercent: Percentage? = nil,
        featured: Bool? = nil, active: Bool? = nil, sortOrder: Int? = nil, taxCode: String? = nil
    ) {
        self.name = name
        self.credits = credits
        self.price = price
        self.discountPercent = discountPercent
        self.featured = featured
        self.active = active
        self.sortOrder = sortOrder
        self.taxCode = taxCode
    }
}
