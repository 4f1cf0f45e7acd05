import Testing

@testable import PortalKernel

@Suite("Proration")
struct BillingProrationTests {
    private func day(_ text: String) -> LocalDate { BillingFixtures.day(text) }
    private func usd(_ minorUnits: Int64) -> Money { BillingFixtures.usd(minorUnits) }

    @Test("Shares by calendar day")
    func shares() throws {
        #expect(try Proration.share(of: usd(10_000), days: 15, outOf: 30) == usd(5_000))
        #expect(try Proration.share(of: usd(10_000), days: 10, outOf: 30) == usd(3_333))
        #expect(try Proration.share(of: usd(10_000), days: 20, outOf: 30) == usd(6_667))
        #expect(try Proration.share(of: usd(10_000), days: 0, outOf: 30) == usd(0))
        #expect(try Proration.share(of: usd(10_000), days: 30, outOf: 30) == usd(10_000))
        #expect(try Proration.share(of: usd(-10_000), days: 20, outOf: 30) == usd(-6_667))
        #expect(try Proration.share(of: usd(5), days: 1, outOf: 2) == usd(3))
        #expect(try Proration.share(of: usd(5), days: 1, outOf: 2, rounding: .halfEven) == usd(2))
        let max = usd(.max)
        #expect(try Proration.share(of: max, days: 365, outOf: 366).minorUnits == 9_198_171_566_808_724_507)
        #expect(try Proration.share(of: usd(.min), days: 366, outOf: 366) == usd(.min))
    }

    @Test("Invalid day counts")
    func invalidShares() {
        BillingFixtures.expectInvalid(field: "days") { try Proration.share(of: usd(100), days: -1, outOf: 30) }
        BillingFixtures.expectInvalid(field: "days") { try Proration.share(of: usd(100), days: 31, outOf: 30) }
        BillingFixtures.expectInvalid(field: "total_days") { try Proration.share(of: usd(100), days: 0, outOf: 0) }
        BillingFixtures.expectInvalid(field: "days") { try Proration.split(usd(100), byDays: [0, 0]) }
        BillingFixtures.expectInvalid(field: "days") { try Proration.split(usd(100), byDays: [3, -1]) }
        BillingFixtures.expectInvalid(field: "days") { try Proration.split(usd(100), byDays: []) }
    }

    @Test("Remaining part of a period")
    func remaining() throws {
        let march = ServicePeriod(start: day("2024-03-01"), end: day("2024-04-01"))
        #expect(try Proration.remaining(of: usd(3_100), in: march, from: day("2024-03-11")) == usd(2_100))
        #expect(try Proration.remaining(of: usd(3_100), in: march, from: day("2024-03-31")) == usd(100))
        #expect(try Proration.remaining(of: usd(3_100), in: march, from: day("2024-03-01")) == usd(3_100))
        #expect(try Proration.remaining(of: usd(3_100), in: march, from: day("2024-02-01")) == usd(3_100))
        #expect(try Proration.remaining(of: usd(3_100), in: march, from: day("2024-04-01")) == usd(0))
        #expect(try Proration.remaining(of: usd(3_100), in: march, from: day("2025-01-01")) == usd(0))
    }

    @Test("Plan changes credit the old price and charge the new one")
    func planChange() throws {
        let april = ServicePeriod(start: day("2024-04-01"), end: day("2024-05-01"))
        let upgrade = try Proration.planChange(
            from: usd(3_000), to: usd(6_000), period: april, effective: day("2024-04-16"))
        #expect(upgrade.unusedCredit == usd(1_500))
        #expect(upgrade.newCharge == usd(3_000))
        #expect(upgrade.net == usd(1_500))
        let downgrade = try Proration.planChange(
            from: usd(6_000), to: usd(1_000), period: april, effective: day("2024-04-21"))
        #expect(downgrade.unusedCredit == usd(2_000))
        #expect(downgrade.newCharge == usd(333))
        #expect(downgrade.net == usd(-1_667))
        BillingFixtures.expectInvalid(field: "currency") {
            try Proration.planChange(
                from: usd(3_000), to: Money(minorUnits: 3_000, currency: .eur), period: april,
                effective: day("2024-04-16"))
        }
    }

    @Test("A start before the anchor is charged for the partial first period")
    func firstPeriod() throws {
        let january = try #require(
            try Proration.firstPeriod(
                start: day("2024-01-10"), anchor: day("2024-02-01"), schedule: .monthly, price: usd(3_100)))
        #expect(january.period == ServicePeriod(start: day("2024-01-10"), end: day("2024-02-01")))
        #expect(january.amount == usd(2_200))  // 22 of January's 31 days

        let february = try #require(
            try Proration.firstPeriod(
                start: day("2024-02-15"), anchor: day("2024-03-01"), schedule: .monthly, price: usd(2_900)))
        #expect(february.amount == usd(1_500))  // 15 of 29 days

        let year = try #require(
            try Proration.firstPeriod(
                start: day("2024-07-01"), anchor: day("2025-01-01"), schedule: .yearly, price: usd(36_600)))
        #expect(year.amount == usd(18_400))  // 184 of 2024's 366 days

        // Anchor 29 February: the full period before it is [2024-01-29, 2024-02-29), 31 days.
        let fromThe31st = try #require(
            try Proration.firstPeriod(
                start: day("2024-01-31"), anchor: day("2024-02-29"), schedule: .monthly, price: usd(3_100)))
        #expect(fromThe31st.amount == usd(2_900))
        let whole = try #require(
            try Proration.firstPeriod(
                start: day("2024-01-29"), anchor: day("2024-02-29"), schedule: .monthly, price: usd(3_100)))
        #expect(whole.amount == usd(3_100))

        #expect(
            try Proration.firstPeriod(
                start: day("2024-02-01"), anchor: day("2024-02-01"), schedule: .monthly, price: usd(2_900)) == nil)
        BillingFixtures.expectInvalid(field: "start") {
            try Proration.firstPeriod(
                start: day("2024-02-02"), anchor: day("2024-02-01"), schedule: .monthly, price: usd(1))
        }
        BillingFixtures.expectInvalid(field: "start") {
            try Proration.firstPeriod(
                start: day("2023-12-31"), anchor: day("2024-02-01"), schedule: .monthly, price: usd(1))
        }
    }

    @Test("Splitting by days sums exactly")
    func splitByDays() throws {
        #expect(try Proration.split(usd(10_000), byDays: [10, 10, 10]) == [usd(3_334), usd(3_333), usd(3_333)])
        #expect(try Proration.split(usd(5), byDays: [1, 1]) == [usd(3), usd(2)])
        #expect(try Proration.split(usd(3_100), byDays: [10, 0, 21]) == [usd(1_000), usd(0), usd(2_100)])
    }
}
