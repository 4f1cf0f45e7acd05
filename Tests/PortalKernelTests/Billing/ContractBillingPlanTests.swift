import Testing

@testable import PortalKernel

@Suite("ContractBillingPlan")
struct ContractBillingPlanTests {
    private func day(_ text: String) -> LocalDate { BillingFixtures.day(text) }
    private func usd(_ minorUnits: Int64) -> Money { BillingFixtures.usd(minorUnits) }

    private func item(
        _ amount: Int64, months: Int = 3, start: String = "2026-03-01", end: String? = nil, recurring: Bool = false,
        description: String = "Training", tax: String? = nil
    ) -> ContractBillingPlan.Item {
        ContractBillingPlan.Item(
            id: ContractLineItemID.generate(at: Instant(microsecondsSinceEpoch: 0)), description: description,
            amount: usd(amount), billingPeriodMonths: months, startDate: day(start), endDate: end.map(day),
            isRecurring: recurring, taxCode: tax)
    }

    private func plan(
        _ items: [ContractBillingPlan.Item], start: String = "2026-03-01", interval: BillingInterval = .monthly,
        end: String? = nil
    ) throws -> ContractBillingPlan {
        try ContractBillingPlan(
            items: items, currency: .usd, billingStart: day(start), interval: interval, billingEnd: end.map(day))
    }

    @Test("Training examples monthly: three instalments, earlier ones take the extra cents")
    func trainingMonthly() throws {
        let independent = try plan([item(500_000)]).periods(before: nil)
        #expect(independent.map(\.total) == [usd(166_667), usd(166_667), usd(166_666)])
        #expect(independent.map(\.index) == [0, 1, 2])
        #expect(independent.map(\.start) == [day("2026-03-01"), day("2026-04-01"), day("2026-05-01")])
        #expect(independent.map(\.end) == [day("2026-04-01"), day("2026-05-01"), day("2026-06-01")])
        #expect(independent.allSatisfy { $0.lines.count == 1 && $0.lines[0].amount == $0.total })

        let agency = try plan([item(250_000)]).periods(before: nil)
        #expect(agency.map(\.total) == [usd(83_334), usd(83_333), usd(83_333)])
    }

    @Test("Quarterly: one period holding the whole amount")
    func trainingQuarterly() throws {
        let periods = try plan([item(500_000)], interval: .quarterly).periods(before: nil)
        #expect(periods.count == 1)
        #expect(periods.first?.total == usd(500_000))
        #expect(periods.first?.lines.map(\.amount) == [usd(500_000)])
        #expect(periods.first?.end == day("2026-06-01"))
    }

    @Test("Several items: one line per item, in item order, summed within the period")
    func severalItems() throws {
        let training = item(500_000, description: "Independent developer")
        let support = item(10_000, months: 1, start: "2026-04-15", recurring: true, description: "Support")
        let result = try plan([training, support], end: "2026-06-01").periods(before: nil)
        #expect(result.map(\.total) == [usd(166_667), usd(176_667), usd(176_666)])
        #expect(result[1].lines.map(\.description) == ["Independent developer", "Support"])
        #expect(result[1].lines.map(\.itemId) == [training.id, support.id])
    }

    @Test("Periods are computed from the start, clamped, never chained")
    func clampedFromStart() throws {
        let periods = try plan([item(300, start: "2024-01-31")], start: "2024-01-31").periods(before: nil)
        #expect(periods.map(\.start) == [day("2024-01-31"), day("2024-02-29"), day("2024-03-31")])
        #expect(periods.map(\.total) == [usd(100), usd(100), usd(100)])
    }

    @Test("Periods with nothing to charge are left out")
    func zeroPeriodsLeftOut() throws {
        // Every third month only; the months between charge nothing.
        let recurring = item(5_000, months: 3, start: "2026-03-01", end: "2026-12-01", recurring: true)
        let periods = try plan([recurring]).periods(before: nil)
        #expect(periods.map(\.index) == [0, 3, 6])
        // 2 cents over 4 months: 1, 1, 0, 0 — the empty months are not periods.
        let tiny = try plan([item(2, months: 4)]).periods(before: nil)
        #expect(tiny.map(\.index) == [0, 1])
    }

    @Test("Charges before the billing start or from the billing end on are not billed")
    func window() throws {
        let periods = try plan([item(400, months: 4, start: "2026-02-01")], start: "2026-03-01", end: "2026-05-01")
            .periods(before: nil)
        #expect(periods.map(\.start) == [day("2026-03-01"), day("2026-04-01")])
        #expect(periods.map(\.total) == [usd(100), usd(100)])
    }

    @Test("A recurring item bills until its end date, exclusive")
    func recurringEnd() throws {
        let periods = try plan([item(1_000, months: 1, end: "2026-06-01", recurring: true)]).periods(before: nil)
        #expect(periods.map(\.start) == [day("2026-03-01"), day("2026-04-01"), day("2026-05-01")])
    }

    @Test("Open-ended plans stop at the horizon and extend stably")
    func openEnded() throws {
        let openPlan = try plan([item(1_000, months: 1, recurring: true)], interval: .quarterly)
        #expect(openPlan.isOpenEnded)
        BillingFixtures.expectInvalid(field: "horizon") { try openPlan.periods(before: nil) }
        // 12 months past 2026-03-02 is 2027-03-02, inside the period starting 2027-03-01 (index 4).
        #expect(openPlan.generationEnd(today: day("2026-03-02")) == 5)
        let now = try openPlan.periods(generatedOn: day("2026-03-02"))
        #expect(now.map(\.index) == [0, 1, 2, 3, 4])
        #expect(now.allSatisfy { $0.total == usd(3_000) })
        let later = try openPlan.periods(generatedOn: day("2026-09-30"))
        #expect(Array(later.prefix(now.count)) == now)
        #expect(later.last?.index == 6)
        #expect(try openPlan.period(40)?.total == usd(3_000))
        // A billing end bounds it.
        #expect(try !plan([item(1_000, months: 1, recurring: true)], end: "2027-01-01").isOpenEnded)
    }

    @Test("period(_:) is the same period as the list gives")
    func singlePeriod() throws {
        let mixed = try plan([item(500_000), item(999, months: 2, start: "2026-04-10", end: "2027-01-01", recurring: true)])
        let all = try mixed.periods(before: nil)
        for period in all { #expect(try mixed.period(period.index) == period) }
        #expect(try mixed.period(-1) == nil)
        #expect(try mixed.period(100) == nil)
    }

    @Test("Invalid items name the field")
    func invalid() {
        BillingFixtures.expectInvalid(field: "amount") { try plan([item(0)]) }
        BillingFixtures.expectInvalid(field: "billing_period_months") { try plan([item(100, months: 0)]) }
        BillingFixtures.expectInvalid(field: "billing_period_months") { try plan([item(100, months: 121)]) }
        BillingFixtures.expectInvalid(field: "end_date") { try plan([item(100, start: "2026-03-01", end: "2026-03-01")]) }
        BillingFixtures.expectInvalid(field: "billing_end_date") { try plan([item(100)], end: "2026-03-01") }
        BillingFixtures.expectInvalid(field: "currency") {
            var euro = item(100)
            euro.amount = Money(minorUnits: 100, currency: .eur)
            return try plan([euro])
        }
    }
}
