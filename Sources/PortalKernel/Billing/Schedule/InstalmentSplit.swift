/// Splits a total into instalments that add up exactly.
///
/// A thin, named wrapper over ``Money/allocate(into:)``: instalments differ by at most one
/// minor unit and the earlier instalments take the extra minor units.
///
/// ```swift
/// try InstalmentSplit.split(Money(decimal: "5000.00", currency: .usd), into: 3)
/// // 1666.67, 1666.67, 1666.66
/// try InstalmentSplit.split(Money(decimal: "2500.00", currency: .usd), into: 3)
/// // 833.34, 833.33, 833.33
/// ```
public enum InstalmentSplit {
    /// `count` instalments of `total`, largest first, summing exactly to `total`.
    ///
    /// A negative total splits as the mirror image of its positive.
    ///
    /// - Throws: `PortalError.invalid` with field `instalments` when `count` is less than one.
    public static func split(_ total: Money, into count: Int) throws -> [Money] {
        guard count > 0 else {
            throw PortalError.invalid("must split into at least one instalment", field: "instalments")
        }
        return try total.allocate(into: count)
    }
}
