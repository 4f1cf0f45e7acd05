import Testing

@testable import PortalKernel

/// Billing counts the tenant's calendar days, so daylight-saving changes move instants but
/// never days or shares.
@Suite("Billing across daylight-saving changes")
struct BillingDaylightSavingTests {
    private func day(_ text: String) -> LocalDate { BillingFixtures.day(text) }
    private func instant(_ text: String) -> Instant { Instant(iso8601: text)! }

    @Test(
        "Local day just before and after each change",
        arguments: [
            // London: BST from 2024-03-31 01:00 UTC, GMT again from 2024-10-27 01:00 UTC.
            ("Europe/London", "2024-03-30T23:59:59Z", "2024-03-30"),
            ("Europe/London", "2024-03-31T00:59:59Z", "2024-03-31"),
            ("Europe/London", "2024-03-31T01:00:00Z", "2024-03-31"),
            ("Europe/London", "2024-03-31T22:59:59Z", "2024-03-31"),
            ("Europe/London", "2024-03-31T23:00:00Z", "2024-04-01"),
            ("Europe/London", "2024-10-26T22:59:59Z", "2024-10-26"),
            ("Europe/London", "2024-10-26T23:00:00Z", "2024-10-27"),
            ("Europe/London", "2024-10-27T00:59:59Z", "2024-10-27"),
            ("Europe/London", "2024-10-27T01:00:00Z", "2024-10-27"),
            ("Europe/London", "2024-10-27T23:59:59Z", "2024-10-27"),
            ("Europe/London", "2024-10-28T00:00:00Z", "2024-10-28"),
            // New York: EDT from 2024-03-10 07:00 UTC, EST again from 2024-11-03 06:00 UTC.
            ("America/New_York", "2024-03-10T04:59:59Z", "2024-03-09"),
            ("America/New_York", "2024-03-10T05:00:00Z", "2024-03-10"),
            ("America/New_York", "2024-03-10T06:59:59Z", "2024-03-10"),
            ("America/New_York", "2024-03-10T07:00:00Z", "2024-03-10"),
            ("America/New_York", "2024-03-11T03:59:59Z", "2024-03-10"),
            ("America/New_York", "2024-03-11T04:00:00Z", "2024-03-11"),
            ("America/New_York", "2024-11-03T03:59:59Z", "2024-11-02"),
            ("America/New_York", "2024-11-03T04:00:00Z", "2024-11-03"),
            ("America/New_York", "2024-11-03T05:59:59Z", "2024-11-03"),
            ("America/New_York", "2024-11-03T06:00:00Z", "2024-11-03"),
            ("America/New_York", "2024-11-04T04:59:59Z", "2024-11-03"),
            ("America/New_York", "2024-11-04T05:00:00Z", "2024-11-04"),
        ])
    func localDate(zone: String, at text: String, expected: String) throws {
        let timeZone = try TenantTimeZone(zone)
        #expect(timeZone.localDate(of: instant(text)) == day(expected))
    }

    @Test(
        "A period spanning a change has the calendar's day count and day-based shares",
        arguments: [
            ("Europe/London", "2024-03-01", "2024-04-01", 31, -1),
            ("Europe/London", "2024-10-15", "2024-11-15", 31, 1),
            ("America/New_York", "2024-03-01", "2024-04-01", 31, -1),
            ("America/New_York", "2024-10-15", "2024-11-15", 31, 1),
            ("Europe/London", "2024-02-29", "2025-02-28", 365, 0),
        ])
    func periodAcrossChange(zone: String, start: String, end: String, days: Int, hoursGained: Int) throws {
        let timeZone = try TenantTimeZone(zone)
        let schedule = BillingSchedule(anchor: day(start), interval: days > 31 ? .yearly : .monthly)
        let period = schedule.period(0)
        #expect(period == ServicePeriod(start: day(start), end: day(end)))
        #expect(period.days == days)

        // The instants between the two midnights are an hour short or long; the days are not.
        let from = timeZone.startOfDay(period.start), to = timeZone.startOfDay(period.end)
        #expect(to - from == .seconds(Int64(days * 24 + hoursGained) * 3600))
        #expect(timeZone.localDate(of: from) == period.start)
        #expect(timeZone.localDate(of: to) == period.end)

        // Every day is worth the same, the short or long day included.
        let price = BillingFixtures.usd(Int64(days) * 100)
        for offset in 0..<days {
            let date = period.start.adding(days: offset)
            let unused = try Proration.remaining(of: price, in: period, from: date)
            #expect(unused == BillingFixtures.usd(Int64(days - offset) * 100))
        }
    }
}
