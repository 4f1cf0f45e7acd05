/// The billing periods a contract's line items produce: pure computation, no storage.
///
/// **Charges.** Each item becomes dated charges:
/// - non-recurring: `amount` split into `billingPeriodMonths` monthly instalments with
///   ``InstalmentSplit`` (earlier ones take the extra minor units), instalment *i* dated
///   `startDate + i months`;
/// - recurring: the whole `amount`, occurrence *j* dated `startDate + j × billingPeriodMonths
///   months`, while the date is before `endDate` (forever without one).
///
/// Dates are computed from the item's start, clamped to short months, never chained.
///
/// **Periods.** Period *k* covers `[billingStart + k × interval, billingStart + (k+1) × interval)`
/// months, computed from the start (``BillingSchedule``). A charge falls in the period that
/// contains its date; a period's total is the sum of its charges, with one ``Line`` per
/// contributing item (its charges in the period summed). Periods with nothing to charge are
/// left out. Charges dated before the billing start or on or after the billing end are not
/// billed.
///
/// **Open-ended plans.** A recurring item without an end date, on a contract without a
/// billing end, charges forever (``isOpenEnded``). Such a plan is generated up to a horizon:
/// ``generationEnd(today:)`` is the first period starting on or after 12 months past today
/// (or past the billing start, if later), and every period before it is complete. Generating
/// again later yields the same periods plus new ones.
///
/// ```swift
/// let item = ContractBillingPlan.Item(
///     id: itemId, description: "Developer training", amount: Money(minorUnits: 500_000, currency: .usd),
///     billingPeriodMonths: 3, startDate: march1)
/// let monthly = try ContractBillingPlan(items: [item], currency: .usd, billingStart: march1, interval: .monthly)
/// try monthly.periods(before: nil).map(\.total)     // 1,666.67, 1,666.67, 1,666.66
/// let quarterly = try ContractBillingPlan(items: [item], currency: .usd, billingStart: march1, interval: .quarterly)
/// try quarterly.periods(before: nil).map(\.total)   // 5,000.00
/// ```
public struct ContractBillingPlan: Sendable, Hashable {
    /// How far ahead an open-ended plan is generated.
    public static let horizonMonths = 12

    /// One line item as the plan reads it.
    public struct Item: Sendable, Hashable {
        public var id: ContractLineItemID
        public var description: String
        public var amount: Money
        public var billingPeriodMonths: Int
        public var startDate: LocalDate
        public var endDate: LocalDate?
        public var isRecurring: Bool
        public var taxCode: String?

        public init(
            id: ContractLineItemID, description: String, amount: Money, billingPeriodMonths: Int, startDate: LocalDate,
            endDate: LocalDate? = nil, isRecurring: Bool = false, taxCode: String? = nil
        ) {
            self.id = id
            self.description = description
            self.amount = amount
            self.billingPeriodMonths = billingPeriodMonths
            self.startDate = startDate
            self.endDate = endDate
            self.isRecurring = isRecurring
            self.taxCode = taxCode
        }
    }

    /// What one item charges in one period: one invoice line.
    public struct Line: Sendable, Hashable, Codable {
        public var itemId: ContractLineItemID
        public var description: String
        public var amount: Money
        public var taxCode: String?
    }

    /// One billing period with its lines; `total` is the sum of the lines' amounts.
    public struct Period: Sendable, Hashable, Codable {
        public var index: Int
        public var start: LocalDate
        /// The next period's start.
        public var end: LocalDate
        public var total: Money
        public var lines: [Line]
    }

    public let items: [Item]
    public let currency: Currency
    /// Period *k* is `schedule.period(k)`.
    public let schedule: BillingSchedule
    public let billingEnd: LocalDate?

    /// A plan of `items` in `currency`, with periods of `interval` from `billingStart`.
    ///
    /// - Throws: `invalid` naming the field: `currency` when an item's amount is in another
    ///   currency, `amount` when one is not positive, `billing_period_months` outside 1...120,
    ///   `end_date` when an item ends on or before its start, `billing_end_date` when the
    ///   billing ends on or before it starts.
    public init(
        items: [Item], currency: Currency, billingStart: LocalDate, interval: BillingInterval, billingEnd: LocalDate? = nil
    ) throws {
        for item in items {
            guard item.amount.currency == currency else {
                throw PortalError.invalid("A line item is in the contract's currency.", field: "currency")
            }
            guard item.amount.isPositive else { throw PortalError.invalid("amount must be positive.", field: "amount") }
            guard BillingInterval.allowedMonths.contains(item.billingPeriodMonths) else {
                throw PortalError.invalid("billing_period_months must be 1 to 120.", field: "billing_period_months")
            }
            if let end = item.endDate, end <= item.startDate {
                throw PortalError.invalid("end_date must be after start_date.", field: "end_date")
            }
        }
        if let billingEnd, billingEnd <= billingStart {
            throw PortalError.invalid("The billing end must be after the billing start.", field: "billing_end_date")
        }
        self.items = items
        self.currency = currency
        self.schedule = BillingSchedule(anchor: billingStart, interval: interval)
        self.billingEnd = billingEnd
    }

    /// The first day of period 0.
    public var billingStart: LocalDate { schedule.anchor }

    /// The default billing start: the earliest item start, nil without items.
    public static func defaultStart(of items: [Item]) -> LocalDate? {
        items.map(\.startDate).min()
    }

    /// Whether some item charges forever: recurring, without an end date, with no billing end.
    public var isOpenEnded: Bool {
        billingEnd == nil && items.contains { $0.isRecurring && $0.endDate == nil }
    }

    /// The index of the first period not to generate yet on `today`: the first period starting
    /// on or after ``horizonMonths`` months past `today` (or past the billing start, if later).
    /// `nil` for a plan that is not open-ended: all of it is generated at once.
    public func generationEnd(today: LocalDate) -> Int? {
        guard isOpenEnded else { return nil }
        let horizon = Swift.max(today, billingStart).adding(months: Self.horizonMonths)
        // The horizon is after the billing start, so the day before it is in some period.
        return (schedule.index(containing: horizon.adding(days: -1)) ?? 0) + 1
    }

    /// The periods to generate on `today`: `periods(before: generationEnd(today: today))`.
    public func periods(generatedOn today: LocalDate) throws -> [Period] {
        try periods(before: generationEnd(today: today))
    }

    /// Every period with something to charge and an index below `endIndex`, in order, each
    /// complete. `nil` means all of them.
    ///
    /// - Throws: `invalid` with field `horizon` when `endIndex` is nil and the plan is
    ///   open-ended; `invalid` when a sum does not fit in `Int64`.
    public func periods(before endIndex: Int?) throws -> [Period] {
        if endIndex == nil && isOpenEnded {
            throw PortalError.invalid("An open-ended plan is generated up to a horizon.", field: "horizon")
        }
        let limit = endIndex.map { schedule.period($0).start }
        return try build(try charges(before: limit), keeping: { _ in true })
    }

    /// Period `index` with all its charges, or nil when it charges nothing.
    public func period(_ index: Int) throws -> Period? {
        guard index >= 0 else { return nil }
        let span = schedule.period(index)
        return try build(try charges(before: span.end), keeping: { $0 == index }).first
    }

    // MARK: Computing

    private struct Charge {
        var period: Int
        var item: Int
        var amount: Money
    }

    /// Every charge dated before `limit` (and the billing end) that falls in some period.
    private func charges(before limit: LocalDate?) throws -> [Charge] {
        let cutoff = [limit, billingEnd].compactMap { $0 }.min()
        func inRange(_ date: LocalDate) -> Bool { cutoff.map { date < $0 } ?? true }
        var charges: [Charge] = []
        for (position, item) in items.enumerated() {
            if item.isRecurring {
                // Bounded: without an end date, the plan is open-ended and `cutoff` is set.
                guard item.endDate != nil || cutoff != nil else { continue }
                var occurrence = 0
                while true {
                    let date = item.startDate.adding(months: occurrence * item.billingPeriodMonths)
                    if let end = item.endDate, date >= end { break }
                    guard inRange(date) else { break }
                    if let period = schedule.index(containing: date) {
                        charges.append(Charge(period: period, item: position, amount: item.amount))
                    }
                    occurrence += 1
                }
            } else {
                let instalments = try InstalmentSplit.split(item.amount, into: item.billingPeriodMonths)
                for (month, amount) in instalments.enumerated() where !amount.isZero {
                    let date = item.startDate.adding(months: month)
                    guard inRange(date) else { break }
                    if let period = schedule.index(containing: date) {
                        charges.append(Charge(period: period, item: position, amount: amount))
                    }
                }
            }
        }
        return charges
    }

    /// Groups charges into periods (those `keeping` accepts), one line per item in item order.
    private func build(_ charges: [Charge], keeping: (Int) -> Bool) throws -> [Period] {
        var byPeriod: [Int: [Int: [Money]]] = [:]
        for charge in charges where keeping(charge.period) {
            byPeriod[charge.period, default: [:]][charge.item, default: []].append(charge.amount)
        }
        return try byPeriod.keys.sorted().map { index in
            let perItem = byPeriod[index] ?? [:]
            let lines = try perItem.keys.sorted().map { position in
                let item = items[position]
                return Line(
                    itemId: item.id, description: item.description,
                    amount: try Money.sum(perItem[position] ?? [], currency: currency), taxCode: item.taxCode)
            }
            let span = schedule.period(index)
            return Period(
                index: index, start: span.start, end: span.end, total: try Money.sum(lines.map(\.amount), currency: currency),
                lines: lines)
        }
    }
}
