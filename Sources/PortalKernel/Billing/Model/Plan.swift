/// A subscription plan: what a company pays every ``interval`` and the usage credits that come
/// with each paid period.
///
/// Plans are written by staff. A change of ``price``, ``includedCredits`` or ``taxCode`` applies
/// to periods billed after it; invoices already issued keep what they charged. An inactive
/// plan takes no new subscribers, but its existing subscriptions go on.
///
/// ```swift
/// let plan = try await billing.plans.create(
///     NewPlan(code: "pro-monthly", name: "Pro", price: 49_900, interval: .monthly, includedCredits: 100),
///     by: staff)
/// plan.price            // USD 499.00 (the tenant's default currency)
/// plan.interval.name    // "month"
/// ```
public struct Plan: Sendable, Hashable, Codable {
    public var id: PlanID
    /// Unique in the tenant (`pro-monthly`).
    public var code: String
    public var name: String
    public var description: String?
    /// The price of one full period; its currency is the plan's.
    public var price: Money
    public var interval: BillingInterval
    /// Usage credits granted when a period's invoice is paid.
    public var includedCredits: Int64
    /// The tax rate applied to the plan's invoice lines.
    public var taxCode: String?
    /// Whether new subscriptions may choose the plan; clients see only active plans.
    public var active: Bool
    public var createdAt: Instant
    public var updatedAt: Instant

    /// The plan's currency.
    public var currency: Currency { price.currency }

    /// The price of twelve months on this plan, in minor units, rounded half-up: the fair way to
    /// compare plans of different intervals (`price × 12 ÷ interval months`). A change to a plan
    /// with a higher yearly price is an upgrade.
    public var yearlyPrice: Int64 {
        RoundingRule.halfUp.multiply(price.minorUnits, by: 12, dividingBy: Int64(interval.months)) ?? .max
    }
}
