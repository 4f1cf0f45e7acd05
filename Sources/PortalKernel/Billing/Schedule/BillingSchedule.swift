/// The service periods of a subscription: every period is computed from the anchor, so the
/// schedule never drifts.
///
/// Period *k* starts at `anchor.adding(months: k × interval.months)`, clamped to the end of a
/// short month from the **anchor's** day each time, and ends where period *k + 1* starts. An
/// anchor on 31 January bills monthly on 29 February 2024, 31 March, 30 April, 31 May … and
/// 28 February 2025: a short month never pulls later periods earlier, as chaining "previous
/// start + 1 month" would.
///
/// Index 0 is the period starting at the anchor; negative indices are the periods before it.
/// Codable as `{"anchor": "2024-01-31", "interval": 1}`.
///
/// ```swift
/// let schedule = BillingSchedule(anchor: LocalDate(year: 2024, month: 1, day: 31)!, interval: .monthly)
/// schedule.period(1)                                                      // [2024-02-29, 2024-03-31)
/// schedule.index(containing: LocalDate(year: 2024, month: 3, day: 1)!)    // 1
/// ```
public struct BillingSchedule: Sendable, Hashable, Codable {
    /// The first day of period 0; its day of month is the billing day.
    public let anchor: LocalDate
    /// The length of every period.
    public let interval: BillingInterval

    /// A schedule of `interval`-long periods starting at `anchor`.
    public init(anchor: LocalDate, interval: BillingInterval) {
        self.anchor = anchor
        self.interval = interval
    }

    /// Period `index`: from the start of period `index` up to the start of period `index + 1`.
    ///
    /// - Precondition: `index × interval.months` fits in `Int`; any index that keeps the
    ///   period within years 1–9999 does.
    public func period(_ index: Int) -> ServicePeriod {
        ServicePeriod(start: start(of: index), end: start(of: index + 1))
    }

    /// The index of the period that contains `date`, or `nil` when `date` is before the anchor.
    ///
    /// Computed from the month difference in constant time: the containing period starts in
    /// the month `⌊months since anchor ÷ interval⌋` intervals on, or one interval earlier when
    /// `date` falls before that month's billing day.
    public func index(containing date: LocalDate) -> Int? {
        guard date >= anchor else { return nil }
        let monthsSinceAnchor = (date.year - anchor.year) * 12 + (date.month - anchor.month)
        let index = monthsSinceAnchor / interval.months
        // Period `index` starts in a month no later than `date`'s, and period `index + 1` in a
        // later month, so only a start later in `date`'s own month needs a step back.
        return start(of: index) > date ? index - 1 : index
    }

    /// The periods from `firstIndex` on whose start is on or before `date`, in order: the
    /// periods that are due to be charged by `date` when `firstIndex` is the first one not yet
    /// charged. Empty when period `firstIndex` starts after `date`.
    public func periods(
        from firstIndex: Int, startingOnOrBefore date: LocalDate
    ) -> [(index: Int, period: ServicePeriod)] {
        var result: [(index: Int, period: ServicePeriod)] = []
        var index = firstIndex
        while start(of: index) <= date {
            result.append((index: index, period: period(index)))
            index += 1
        }
        return result
    }

    /// The first day of period `index`, clamped from the anchor's day.
    private func start(of index: Int) -> LocalDate {
        anchor.adding(months: index * interval.months)
    }
}
