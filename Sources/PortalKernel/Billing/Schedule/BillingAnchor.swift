/// Chooses a subscription's anchor (its first billing date) from the billing days a tenant
/// allows.
///
/// Billing days are days of the month, 1...31. A day larger than a month's length matches
/// that month's **last** day, so allowed day 31 bills on 29 February 2024, 28 February 2025
/// and 30 April, and allowed day 30 bills on 28/29 February. An empty list allows every day.
///
/// ```swift
/// let start = LocalDate(year: 2024, month: 1, day: 16)!
/// try BillingAnchor.first(onOrAfter: start, allowedDays: [1, 15])   // 2024-02-01
/// try BillingAnchor.first(onOrAfter: start, allowedDays: [31])      // 2024-01-31
/// try BillingAnchor.first(onOrAfter: start, allowedDays: [])        // 2024-01-16
/// ```
public enum BillingAnchor {
    /// The days of the month a billing day may name.
    public static let dayRange: ClosedRange<Int> = 1...31

    /// The first date on or after `start` whose day of month is allowed (a day beyond the
    /// month's length matching its last day). Returns `start` when `allowedDays` is empty.
    ///
    /// The answer is always in `start`'s month or the next one.
    ///
    /// - Throws: `PortalError.invalid` with field `billing_day` when an allowed day is outside 1...31.
    public static func first(onOrAfter start: LocalDate, allowedDays: [Int]) throws -> LocalDate {
        for day in allowedDays {
            try checkRange(day)
        }
        guard !allowedDays.isEmpty else { return start }
        let length = LocalDate.daysIn(month: start.month, year: start.year)
        if let day = earliest(of: allowedDays, monthLength: length, onOrAfter: start.day) {
            return start.adding(days: day - start.day)
        }
        let nextMonth = start.adding(days: length - start.day + 1)
        let nextLength = LocalDate.daysIn(month: nextMonth.month, year: nextMonth.year)
        // Every allowed day matches some day of a month, so the list being non-empty suffices.
        let day = earliest(of: allowedDays, monthLength: nextLength, onOrAfter: 1) ?? 1
        return nextMonth.adding(days: day - 1)
    }

    /// Checks a chosen billing day: it must be in 1...31 and, when `allowedDays` is not empty,
    /// one of them. The day is compared as a number; the month-end rule applies to dates, not
    /// to this check.
    ///
    /// - Throws: `PortalError.invalid` with field `billing_day`.
    public static func validate(day: Int, allowedDays: [Int]) throws {
        try checkRange(day)
        guard allowedDays.isEmpty || allowedDays.contains(day) else {
            let list = Set(allowedDays).sorted().map(String.init).joined(separator: ", ")
            throw PortalError.invalid("billing day must be one of \(list)", field: "billing_day")
        }
    }

    private static func checkRange(_ day: Int) throws {
        guard dayRange.contains(day) else {
            throw PortalError.invalid("billing day must be 1 to 31", field: "billing_day")
        }
    }

    /// The smallest day of a month of `monthLength` days, at least `minimum`, that an allowed
    /// day matches.
    private static func earliest(of allowedDays: [Int], monthLength: Int, onOrAfter minimum: Int) -> Int? {
        allowedDays.lazy.map { Swift.min($0, monthLength) }.filter { $0 >= minimum }.min()
    }
}
