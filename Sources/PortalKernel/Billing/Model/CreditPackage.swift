/// A bundle of usage credits a company can buy: one invoice of ``price`` less
/// ``discountPercent``, whose credits are granted once it is paid.
///
/// Written by staff; clients see active packages, featured ones first in the shop's
/// ``sortOrder``.
public struct CreditPackage: Sendable, Hashable, Codable {
    public var id: CreditPackageID
    public var name: String
    /// The credits granted on payment (above zero).
    public var credits: Int64
    /// The list price; its currency is the package's.
    public var price: Money
    /// Taken off the price on the purchase invoice's line.
    public var discountPercent: Percentage
    /// Highlighted in the shop.
    public var featured: Bool
    public var active: Bool
    /// Ascending; ties by name.
    public var sortOrder: Int
    public var taxCode: String?
    public var createdAt: Instant
    public var updatedAt: Instant
}
