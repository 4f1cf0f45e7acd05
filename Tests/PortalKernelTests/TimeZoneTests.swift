import Foundation
import Testing

@testable import PortalKernel

@Suite("TenantTimeZone")
struct TimeZoneTests {
    func instant(_ text: String) -> Instant { Instant(iso8601: text)! }
    func date(_ text: String) -> LocalDate { LocalDate(iso8601: text)! }

    @Test(
        "Start of day across daylight-saving changes",
        arguments: [
            ("America/New_York", "2026-03-07", "2026-03-07T05:00:00Z"),
            ("America/New_York", "2026-03-08", "2026-03-08T05:00:00Z"),  // spring forward at 02:00
            ("America/New_York", "2026-03-09", "2026-03-09T04:00:00Z"),
            ("America/New_York", "2026-11-01", "2026-11-01T04:00:00Z"),  // fall back at 02:00
            ("America/New_York", "2026-11-02", "2026-11-02T05:00:00Z"),
            ("Europe/London", "2026-03-29", "2026-03-29T00:00:00Z"),  // BST from 01:00 UTC
            ("Europe/London", "2026-03-30", "2026-03-29T23:00:00Z"),
            ("Europe/London", "2026-10-25", "2026-10-24T23:00:00Z"),  // GMT from 01:00 UTC
            ("Europe/London", "2026-10-26", "2026-10-26T00:00:00Z"),
            ("America/Havana", "2026-03-08", "2026-03-08T05:00:00Z"),  // midnight skipped: day starts 01:00
            ("America/Santiago", "2026-09-06", "2026-09-06T04:00:00Z"),  // midnight skipped: day starts 01:00
            ("Asia/Kolkata", "2026-11-21", "2026-11-20T18:30:00Z"),
            ("Pacific/Chatham", "2026-11-21", "2026-11-20T10:15:00Z"),
            ("UTC", "1969-12-31", "1969-12-31T00:00:00Z"),
        ])
    func startOfDay(zone: String, day: String, expected: String) throws {
        let timeZone = try TenantTimeZone(zone)
        #expect(timeZone.startOfDay(date(day)) == instant(expected))
        #expect(timeZone.localDate(of: instant(expected)) == date(day))
        #expect(timeZone.localDate(of: instant(expected) - .microseconds(1)) == date(day).adding(days: -1))
    }

    @Test(
        "Local date on either side of midnight and of the change",
        arguments: [
            ("America/New_York", "2026-03-08T04:59:59.999999Z", "2026-03-07"),
            ("America/New_York", "2026-03-08T06:59:59Z", "2026-03-08"),
            ("America/New_York", "2026-03-08T07:00:00Z", "2026-03-08"),
            ("America/New_York", "2026-03-09T03:59:59.999999Z", "2026-03-08"),
            ("America/New_York", "2026-11-01T03:59:59.999999Z", "2026-10-31"),
            ("America/New_York", "2026-11-01T05:30:00Z", "2026-11-01"),  // 01:30 EDT
            ("America/New_York", "2026-11-01T06:30:00Z", "2026-11-01"),  // 01:30 EST, the repeated hour
            ("America/New_York", "2026-11-02T04:59:59.999999Z", "2026-11-01"),
            ("Europe/London", "2026-03-29T23:00:00Z", "2026-03-30"),
            ("Europe/London", "2026-10-24T23:00:00Z", "2026-10-25"),
            ("Europe/London", "2026-10-24T22:59:59.999999Z", "2026-10-24"),
            ("UTC", "1969-12-31T23:59:59.999999Z", "1969-12-31"),
            ("UTC", "2026-11-21T23:59:59.999999Z", "2026-11-21"),
            ("Africa/Johannesburg", "1950-06-30T21:59:59.999999Z", "1950-06-30"),
        ])
    func localDate(zone: String, at text: String, expected: String) throws {
        #expect(try TenantTimeZone(zone).localDate(of: instant(text)) == date(expected))
    }

    @Test("Instants outside years 1–9999 still have a local date")
    func extremeInstants() throws {
        let farFuture = Instant(microsecondsSinceEpoch: 250_000 * 31_556_952 * 1_000_000)
        let date = TenantTimeZone.utc.localDate(of: farFuture)
        #expect(date.daysSinceEpoch == farFuture.secondsSinceEpoch.floorDivided(by: 86_400))
        #expect(date.year > 250_000)
        let farPast = Instant(microsecondsSinceEpoch: -100_000 * 31_556_952 * 1_000_000)
        #expect(try TenantTimeZone("Europe/London").localDate(of: farPast).year < -98_000)
    }

    @Test func offsets() throws {
        let newYork = try TenantTimeZone("America/New_York")
        #expect(newYork.secondsFromUTC(at: instant("2026-03-08T06:59:59Z")) == -18_000)
        #expect(newYork.secondsFromUTC(at: instant("2026-03-08T07:00:00Z")) == -14_400)
        #expect(newYork.secondsFromUTC(at: instant("2026-11-01T05:59:59Z")) == -14_400)
        #expect(newYork.secondsFromUTC(at: instant("2026-11-01T06:00:00Z")) == -18_000)
        #expect(TenantTimeZone.utc.secondsFromUTC(at: instant("2026-07-01T00:00:00Z")) == 0)
    }

    @Test("localDate and startOfDay agree with each other and the zone offset on 3,000 random instants per zone")
    func properties() throws {
        var generator = SeededGenerator(seed: 0x7157)
        let zones = ["America/New_York", "Europe/London", "Africa/Johannesburg", "Australia/Lord_Howe", "America/Havana", "UTC"]
        for name in zones {
            let zone = try TenantTimeZone(name)
            for _ in 0..<3_000 {
                // 1950 … 2060, with extra weight on the last microsecond before a local midnight.
                var micros = Int64.random(in: -631_152_000_000_000...2_871_763_200_000_000, using: &generator)
                let probe = Instant(microsecondsSinceEpoch: micros)
                if generator.next() % 2 == 0 {
                    micros = zone.startOfDay(zone.localDate(of: probe)).microsecondsSinceEpoch - 1
                }
                let instant = Instant(microsecondsSinceEpoch: micros)
                let localSeconds = instant.secondsSinceEpoch + Int64(zone.secondsFromUTC(at: instant))
                let expected = LocalDate(daysSinceEpoch: localSeconds.floorDivided(by: 86_400))
                let actual = zone.localDate(of: instant)
                #expect(actual == expected, "\(name) \(instant)")
                let start = zone.startOfDay(actual)
                #expect(start <= instant)
                #expect(zone.localDate(of: start) == actual)
                #expect(zone.localDate(of: start - .microseconds(1)) < actual)
            }
        }
    }

    @Test(
        "Unknown zones are invalid",
        arguments: ["", "Mars/Olympus_Mons", "America/New York", "New_York", "Europe/Londres", "../etc/passwd", "america/new_york"])
    func unknown(identifier: String) {
        let error = #expect(throws: PortalError.self) { try TenantTimeZone(identifier, field: "tenant.time_zone") }
        #expect(error?.code == .invalid)
        #expect(error?.field == "tenant.time_zone")
        let defaulted = #expect(throws: PortalError.self) { try TenantTimeZone(identifier) }
        #expect(defaulted?.field == "time_zone")
    }

    @Test func identityAndCoding() throws {
        let zone = try TenantTimeZone("Europe/London")
        #expect(zone == (try TenantTimeZone("Europe/London")))
        #expect(zone != TenantTimeZone.utc)
        #expect(zone.description == "Europe/London")
        let json = String(decoding: try JSONEncoder().encode([zone]), as: UTF8.self)
        #expect(json == #"["Europe\/London"]"# || json == #"["Europe/London"]"#)
        #expect(try JSONDecoder().decode([TenantTimeZone].self, from: Data(#"["Asia/Tokyo"]"#.utf8)).first?.identifier == "Asia/Tokyo")
        #expect(throws: (any Error).self) { try JSONDecoder().decode([TenantTimeZone].self, from: Data(#"["Nowhere/Else"]"#.utf8)) }
    }
}
