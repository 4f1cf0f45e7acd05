import PortalTesting
import Foundation
import Testing

@testable import PortalKernel

@Suite("BillingSchedule")
struct BillingScheduleTests {
    private func day(_ text: String) -> LocalDate { BillingFixtures.day(text) }

    private func starts(_ anchor: String, _ interval: BillingInterval, count: Int) -> [String] {
        let schedule = BillingSchedule(anchor: day(anchor), interval: interval)
        return (0..<count).map { schedule.period($0).start.iso8601 }
    }

    @Test("Monthly from 31 January clamps from the anchor through a leap year and 2025")
    func monthlyFrom31() {
        #expect(
            starts("2024-01-31", .monthly, count: 15) == [
                "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30", "2024-07-31",
                "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31", "2025-01-31", "2025-02-28",
                "2025-03-31",
            ])
        let schedule = BillingSchedule(anchor: day("2024-01-31"), interval: .monthly)
        #expect(schedule.period(0).days == 29)
        #expect(schedule.period(1).days == 31)
        #expect(schedule.period(12).days == 28)
        #expect(schedule.period(13) == ServicePeriod(start: day("2025-02-28"), end: day("2025-03-31")))
    }

    @Test("Monthly from the 29th and the 30th")
    func monthlyFrom29And30() {
        #expect(
            starts("2024-01-29", .monthly, count: 4) == ["2024-01-29", "2024-02-29", "2024-03-29", "2024-04-29"])
        #expect(
            starts("2024-01-30", .monthly, count: 4) == ["2024-01-30", "2024-02-29", "2024-03-30", "2024-04-30"])
        let from29 = BillingSchedule(anchor: day("2024-01-29"), interval: .monthly)
        let from30 = BillingSchedule(anchor: day("2024-01-30"), interval: .monthly)
        #expect(from29.period(13).start == day("2025-02-28"))
        #expect(from29.period(14).start == day("2025-03-29"))
        #expect(from30.period(13).start == day("2025-02-28"))
        #expect(from30.period(14).start == day("2025-03-30"))
    }

    @Test("Quarterly and yearly from 29 February 2024")
    func fromLeapDay() {
        #expect(
            starts("2024-02-29", .quarterly, count: 6) == [
                "2024-02-29", "2024-05-29", "2024-08-29", "2024-11-29", "2025-02-28", "2025-05-29",
            ])
        let quarterly = BillingSchedule(anchor: day("2024-02-29"), interval: .quarterly)
        #expect(quarterly.period(16).start == day("2028-02-29"))
        #expect(
            starts("2024-02-29", .yearly, count: 5) == [
                "2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29",
            ])
        let yearly = BillingSchedule(anchor: day("2024-02-29"), interval: .yearly)
        #expect(yearly.period(0).days == 365)
        #expect(yearly.period(3).days == 366)
        #expect(yearly.period(-1) == ServicePeriod(start: day("2023-02-28"), end: day("2024-02-29")))
    }

    @Test("index(containing:) worked examples")
    func indexExamples() {
        let schedule = BillingSchedule(anchor: day("2024-01-31"), interval: .monthly)
        #expect(schedule.index(containing: day("2024-01-30")) == nil)
        #expect(schedule.index(containing: day("2024-01-31")) == 0)
        #expect(schedule.index(containing: day("2024-02-28")) == 0)
        #expect(schedule.index(containing: day("2024-02-29")) == 1)
        #expect(schedule.index(containing: day("2024-03-30")) == 1)
        #expect(schedule.index(containing: day("2025-02-27")) == 12)
        #expect(schedule.index(containing: day("2025-02-28")) == 13)
        #expect(schedule.index(containing: day("9999-12-31")) == (9999 - 2024) * 12 + 11)
    }

    @Test("periods(from:startingOnOrBefore:) lists the due periods")
    func duePeriods() {
        let schedule = BillingSchedule(anchor: day("2024-01-31"), interval: .monthly)
        let due = schedule.periods(from: 2, startingOnOrBefore: day("2024-04-30"))
        #expect(due.map(\.index) == [2, 3])
        #expect(due.map(\.period.start) == [day("2024-03-31"), day("2024-04-30")])
        #expect(schedule.periods(from: 2, startingOnOrBefore: day("2024-03-30")).isEmpty)
        #expect(schedule.periods(from: 0, startingOnOrBefore: day("2024-01-30")).isEmpty)
        #expect(schedule.periods(from: 0, startingOnOrBefore: day("2024-12-31")).count == 12)
    }

    @Test("index(containing:) agrees with period(_:) for every day over ten years")
    func indexAgreesWithPeriods() throws {
        let anchors = [
            "2024-01-31", "2024-01-29", "2024-01-30", "2024-02-29", "2023-03-31", "2024-01-01", "2024-08-15",
            "2025-12-31", "1999-11-30",
        ]
        let intervals = try [1, 2, 3, 5, 6, 12, 24].map { try BillingInterval(months: $0) }
        for anchor in anchors.map({ day($0) }) {
            for interval in intervals {
                let schedule = BillingSchedule(anchor: anchor, interval: interval)
                var expected = 0
                var current = schedule.period(0)
                for offset in -40...3660 {
                    let date = anchor.adding(days: offset)
                    guard date >= anchor else {
                        #expect(schedule.index(containing: date) == nil)
                        continue
                    }
                    while date >= current.end {
                        expected += 1
                        current = schedule.period(expected)
                    }
                    let index = schedule.index(containing: date)
                    if index != expected || !current.contains(date) {
                        let got = index.map(String.init) ?? "nil"
                        Issue.record("anchor \(anchor), \(interval): \(date) gave \(got), expected \(expected)")
                        return
                    }
                }
            }
        }
    }

    @Test("Periods tile exactly and never drift")
    func tiling() {
        var random = SplitMix64(seed: 0x5C4E_D01E)
        for _ in 0..<2_000 {
            let anchor = random.anchorDate()
            let interval = random.interval()
            let schedule = BillingSchedule(anchor: anchor, interval: interval)
            let first = random.int(in: -5...5)
            var previous = schedule.period(first - 1)
            for index in first..<(first + 30) {
                let period = schedule.period(index)
                #expect(period.start == previous.end, "gap or overlap at \(index) for \(anchor) \(interval)")
                #expect(period.days > 0)
                let start = period.start
                // No drift: every start keeps the anchor's day, clamped to its own month.
                let expectedDay = min(anchor.day, LocalDate.daysIn(month: start.month, year: start.year))
                let monthsFromAnchor = (start.year - anchor.year) * 12 + start.month - anchor.month
                if start.day != expectedDay || monthsFromAnchor != index * interval.months {
                    Issue.record("period \(index) of \(anchor) every \(interval) starts \(start)")
                    return
                }
                #expect(schedule.index(containing: start) == (start >= anchor ? index : nil))
                previous = period
            }
        }
    }

    @Test("Service periods")
    func servicePeriod() throws {
        let period = ServicePeriod(start: day("2024-02-01"), end: day("2024-03-01"))
        #expect(period.days == 29)
        #expect(period.contains(day("2024-02-01")))
        #expect(period.contains(day("2024-02-29")))
        #expect(!period.contains(day("2024-03-01")))
        #expect(!period.contains(day("2024-01-31")))
        #expect(period.description == "[2024-02-01, 2024-03-01)")

        let data = try JSONEncoder().encode(period)
        #expect(try JSONDecoder().decode(ServicePeriod.self, from: data) == period)
        let empty = Data(#"{"start":"2024-02-01","end":"2024-02-01"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ServicePeriod.self, from: empty) }
    }

    @Test("Schedules round-trip through JSON")
    func scheduleCodable() throws {
        let schedule = BillingSchedule(anchor: day("2024-01-31"), interval: .quarterly)
        let data = try JSONEncoder().encode(schedule)
        #expect(try JSONDecoder().decode(BillingSchedule.self, from: data) == schedule)
        let text = Data(#"{"anchor":"2024-02-29","interval":12}"#.utf8)
        #expect(
            try JSONDecoder().decode(BillingSchedule.self, from: text)
                == BillingSchedule(anchor: day("2024-02-29"), interval: .yearly))
    }
}
