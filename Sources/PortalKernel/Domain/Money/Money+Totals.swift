extension Array where Element == Money {
    /// Adds `amount` to the entry of its currency, appending one when there is none, and keeps
    /// the list ordered by currency code: totals per currency, never added across currencies.
    ///
    /// - Throws: `invalid("amount out of range")` when a total does not fit.
    public mutating func accumulate(_ amount: Money) throws {
        if let index = firstIndex(where: { $0.currency == amount.currency }) {
            self[index] = try self[index].adding(amount)
        } else {
            append(amount)
            sort { $0.currency.code < $1.currency.code }
        }
    }
}
