import Foundation
import Testing

@testable import PortalKernel

@Suite("LocalDate")
struct LocalDateTests {
    func date(_ text: String) -> LocalDate { LocalDate(iso8601: text)! }

    @Test("Civil conversion, weekday and ordering against a brute-force day counter, 1900–2100")
    func bruteForceCalendar() {
        // Walk day by day with an independent month-length table.
        func leap(_ year: Int) -> Bool { year % 400 == 0 || (year % 100 != 0 && year % 4 == 0) }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var (year, month, day) = (1900, 1, 1)
        var days: Int64 = -25_567  // 1900-01-01 is 70 years of 365 days plus 17 leap days before 1970.
        var weekday = 1  // 1900-01-01 was a Monday.
        var previous: LocalDate?
        while year <= 2100 {
            guard let made = LocalDate(year: year, month: month, day: day) else {
                Issue.record("\(year)-\(month)-\(day) rejected")
                return
            }
            let converted = LocalDate(daysSinceEpoch: days)
            #expect(converted == made)
            #expect(made.daysSinceEpoch == days)
            #expect(made.weekday == weekday)
            if let previous {
                #expect(previous < made)
                #expect(previous.adding(days: 1) == made)
                #expect(previous.days(until: made) == 1)
            }
            let length = month == 2 && leap(year) ? 29 : lengths[month - 1]
            #expect(made.isLastDayOfMonth == (day == length))
            #expect(LocalDate.daysIn(month: month, year: year) == length)
            #expect(LocalDate(iso8601: made.iso8601) == made)
            previous = made
            days += 1
            weekday = weekday % 7 + 1
            day += 1
            if day > length {
                day = 1
                month += 1
                if month > 12 {
                    month = 1
                    year += 1
                }
            }
        }
        #expect(days == 47_847)  // 2101-01-01
    }

    @Test(
        "Adding months clamps to the end of shorter months",
        arguments: [
            ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"), ("2024-01-31", 2, "2024-03-31"),
            ("2024-01-31", 3, "2024-04-30"), ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"),
            ("2024-03-31", -1, "2024-02-29"), ("2023-03-31", -1, "2023-02-28"), ("2024-12-15", 1, "2025-01-15"),
            ("2024-01-15", -1, "2023-12-15"), ("2024-05-31", 0, "2024-05-31"), ("2000-02-29", -1200, "1900-02-28"),
            ("2024-08-31", -6, "2024-02-29"), ("2024-10-31", 25, "2026-11-30"),
        ])
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(date(start).adding(months: months) == date(expected))
    }

    @Test("Month arithmetic near the ends of the supported range does not trap")
    func addingMonthsAtTheEdges() {
        let last = LocalDate(year: 9999, month: 12, day: 31)!
        let next = last.adding(months: 1)
        #expect(next.year == 10_000 && next.month == 1 && next.day == 31)
        #expect(next.daysSinceEpoch == last.daysSinceEpoch + 31)
        let first = LocalDate(year: 1, month: 1, day: 31)!
        let before = first.adding(months: -1)
        #expect(before.year == 0 && before.month == 12 && before.day == 31)
        #expect(before.daysSinceEpoch == first.daysSinceEpoch - 31)
    }

    @Test func weekdays() {
        #expect(date("1970-01-01").weekday == 4)
        #expect(date("2026-11-21").weekday == 6)
        #expect(date("2024-02-29").weekday == 4)
        #expect(date("2000-01-01").weekday == 6)
        #expect(date("1969-12-28").weekday == 7)
        #expect(date("0001-01-01").weekday == 1)
    }

    @Test(
        "Parsing rejects anything but YYYY-MM-DD",
        arguments: [
            "", "2024", "2024-01", "2024-1-01", "2024-01-1", "24-01-01", "2024-13-01", "2024-00-10", "2024-01-00",
            "2023-02-29", "2024-04-31", "0000-01-01", "2024-01-01T00:00:00Z", " 2024-01-01", "2024-01-01 ",
            "2024/01/01", "+024-01-01", "-024-01-01", "2024-+1-01", "2024-01-+1", "2024--1-01", "20240101",
            "2024-01-01-", "２０２４-01-01", "2024-0a-01",
        ])
    func rejection(text: String) {
        #expect(LocalDate(iso8601: text) == nil, "\(text)")
    }

    @Test func validation() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2024, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 0, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 2024, month: 6, day: 0) == nil)
    }

    @Test("Round trip of daysSinceEpoch over 10,000 random days in 0001–9999")
    func randomRoundTrip() {
        var generator = SeededGenerator(seed: 0xDA7E)
        for _ in 0..<10_000 {
            let days = Int64.random(in: -719_162...2_932_896, using: &generator)
            let made = LocalDate(daysSinceEpoch: days)
            #expect(made.daysSinceEpoch == days)
            #expect(LocalDate(iso8601: made.iso8601) == made)
            #expect(made.adding(days: 0) == made)
        }
    }

    @Test func coding() throws {
        let json = String(decoding: try JSONEncoder().encode([date("2024-02-29")]), as: UTF8.self)
        #expect(json == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: Data(#"["0987-06-05"]"#.utf8)) == [date("0987-06-05")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2023-02-29"]"#.utf8)) }
        #expect(date("2024-02-29").sqlValue == .date(date("2024-02-29")))
        #expect(try LocalDate(sqlValue: .text("2024-02-29")) == date("2024-02-29"))
    }
}
