/// A new subscription plan. Amounts are minor units of the plan's currency.
public struct NewPlan: Sendable, Hashable, Codable {
    /// Unique in the tenant: 1 to 32 of `A–Z a–z 0–9 _ -`.
    public var code: String
    public var name: String
    public var description: String?
    /// The tenant's default currency when absent.
    public var currency: Currency?
    /// The price of one full period, at least zero.
    public var price: Int64
    public var interval: BillingInterval
    /// Usage credits granted when a period's invoice is paid; zero when absent.
    public var includedCredits: Int64?
    /// The code of a tax rate of the tenant.
    public var taxCode: String?

    public init(
        code: String, name: String, description: String? = nil, currency: Currency? = nil, price: Int64,
        interval: BillingInterval, includedCredits: Int64? = nil, taxCode: String? = nil
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.currency = currency
        self.price = price
        self.interval = interval
        self.includedCredits = includedCredits
        self.taxCode = taxCode
    }
}

/// Changes to a plan; absent fields stay as they are, empty text clears an optional one.
/// Price, credits and tax apply to periods billed after the change.
public struct PlanUpdate: Sendable, Hashable, Codable {
    public var name: String?
    public var description: String?
    public var price: Int64?
    public var includedCredits: Int64?
    public var taxCode: String?
    public var active: Bool?

    public init(
        name: String? = nil, description: String? = nil, price: Int64? = nil, includedCredits: Int64? = nil,
        taxCode: String? = nil, active: Bool? = nil
    ) {
        self.name = name
        self.description = description
        self.price = price
        self.includedCredits = includedCredits
        self.taxCode = taxCode
        self.active = active
    }
}
