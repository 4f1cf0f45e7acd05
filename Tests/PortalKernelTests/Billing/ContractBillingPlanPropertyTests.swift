import PortalTesting
import Testing

@testable import PortalKernel

/// Seeded property tests: a contract's billing periods never lose or create a minor unit.
@Suite("ContractBillingPlan properties")
struct ContractBillingPlanPropertyTests {
    /// A random plan whose items all start on or after the billing start, each bounded.
    private func randomPlan(_ random: inout SplitMix64) throws -> (plan: ContractBillingPlan, expected: Int64) {
        let start = LocalDate(year: random.int(in: 2000...2040), month: random.int(in: 1...12), day: random.int(in: 1...31))
            ?? LocalDate(year: 2026, month: 1, day: 31)!
        var expected: Int64 = 0
        let items = (0..<random.int(in: 1...6)).map { position -> ContractBillingPlan.Item in
            let amount = Int64(random.int(in: 1...2_000_000))
            let months = random.int(in: 1...24)
            let itemStart = start.adding(days: random.int(in: 0...800))
            let recurring = random.next() % 3 == 0
            var end: LocalDate?
            if recurring {
                end = itemStart.adding(days: random.int(in: 1...2_000))
                var occurrence = 0
                while itemStart.adding(months: occurrence * months) < end! {
                    expected += amount
                    occurrence += 1
                }
            } else {
                expected += amount
            }
            return ContractBillingPlan.Item(
                id: ContractLineItemID.generate(at: Instant(microsecondsSinceEpoch: Int64(position))),
                description: "Item \(position)", amount: Money(minorUnits: amount, currency: .usd), billingPeriodMonths: months,
                startDate: itemStart, endDate: end, isRecurring: recurring)
        }
        let plan = try ContractBillingPlan(items: items, currency: .usd, billingStart: start, interval: random.interval())
        return (plan, expected)
    }

    @Test("Periods sum exactly to what the items charge; lines sum to their period")
    func exactSums() throws {
        var random = SplitMix64(seed: 0xC0_27AC7)
        for _ in 0..<1_000 {
            let (plan, expected) = try randomPlan(&random)
            let periods = try plan.periods(before: nil)
            let total = try Money.sum(periods.map(\.total), currency: .usd)
            guard total.minorUnits == expected else {
                Issue.record("\(plan.items) from \(plan.billingStart) every \(plan.schedule.interval): \(total) ≠ \(expected)")
                return
            }
            var previous = -1
            for period in periods {
                #expect(period.index > previous)
                previous = period.index
                #expect(period.total.isPositive)
                #expect(try Money.sum(period.lines.map(\.amount), currency: .usd) == period.total)
                #expect(period.lines.allSatisfy { $0.amount.isPositive })
                #expect(period.start == plan.billingStart.adding(months: period.index * plan.schedule.interval.months))
                #expect(period.end == plan.billingStart.adding(months: (period.index + 1) * plan.schedule.interval.months))
            }
        }
    }

    @Test("Monthly, a lone non-recurring item's periods are exactly its InstalmentSplit")
    func monthlyIsInstalmentSplit() throws {
        var random = SplitMix64(seed: 0x1257A11)
        for _ in 0..<2_000 {
            let start = random.anchorDate()
            let amount = Money(minorUnits: Int64(random.int(in: 1...100_000_000)), currency: .usd)
            let months = random.int(in: 1...120)
            let item = ContractBillingPlan.Item(
                id: ContractLineItemID.generate(at: Instant(microsecondsSinceEpoch: 0)), description: "Training",
                amount: amount, billingPeriodMonths: months, startDate: start)
            let plan = try ContractBillingPlan(items: [item], currency: .usd, billingStart: start, interval: .monthly)
            let split = try InstalmentSplit.split(amount, into: months).filter { !$0.isZero }
            let totals = try plan.periods(before: nil).map(\.total)
            #expect(totals == split)
        }
    }

    @Test("Open-ended plans: a later horizon only adds periods; period(_:) agrees with the list")
    func openEndedStable() throws {
        var random = SplitMix64(seed: 0x0_9E4E4D)
        for _ in 0..<300 {
            let start = random.anchorDate()
            let items = (0..<random.int(in: 1...3)).map { position in
                ContractBillingPlan.Item(
                    id: ContractLineItemID.generate(at: Instant(microsecondsSinceEpoch: Int64(position))),
                    description: "Item \(position)", amount: Money(minorUnits: Int64(random.int(in: 1...50_000)), currency: .usd),
                    billingPeriodMonths: random.int(in: 1...12), startDate: start.adding(days: random.int(in: 0...400)),
                    isRecurring: true)
            }
            let plan = try ContractBillingPlan(items: items, currency: .usd, billingStart: start, interval: random.interval())
            let today = start.adding(days: random.int(in: -100...1_000))
            let now = try plan.periods(generatedOn: today)
            let later = try plan.periods(generatedOn: today.adding(days: random.int(in: 0...800)))
            #expect(Array(later.prefix(now.count)) == now)
            for period in now.prefix(5) { #expect(try plan.period(period.index) == period) }
            // Generation stops at the first period starting 12 months or more ahead.
            let horizon = Swift.max(today, start).adding(months: 12)
            let end = try #require(plan.generationEnd(today: today))
            #expect(plan.schedule.period(end).start >= horizon)
            #expect(plan.schedule.period(end - 1).start < horizon)
            #expect(now.allSatisfy { $0.index < end })
        }
    }
}
