import Foundation
import Testing

@testable import PortalKernel

@Suite("Instant")
struct InstantTests {
    /// 2026-11-21T07:54:27Z in seconds.
    static let reference: Int64 = 1_795_247_667

    @Test(
        "Formatting",
        arguments: [
            (0 as Int64, "1970-01-01T00:00:00.000000Z"),
            (1, "1970-01-01T00:00:00.000001Z"),
            (-1, "1969-12-31T23:59:59.999999Z"),
            (-1_000_000, "1969-12-31T23:59:59.000000Z"),
            (-86_400_000_000, "1969-12-31T00:00:00.000000Z"),
            (1_795_247_667_123_456, "2026-11-21T07:54:27.123456Z"),
            (-2_208_988_800_000_000, "1900-01-01T00:00:00.000000Z"),
            (-62_135_596_800_000_000, "0001-01-01T00:00:00.000000Z"),
            (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
            (951_782_400_000_000, "2000-02-29T00:00:00.000000Z"),
        ])
    func formatting(micros: Int64, text: String) {
        let instant = Instant(microsecondsSinceEpoch: micros)
        #expect(instant.iso8601 == text)
        #expect(instant.description == text)
        #expect(Instant(iso8601: text) == instant)
    }

    @Test(
        "Fraction digits 0–9 (beyond six are truncated)",
        arguments: [
            ("", 0 as Int64), (".1", 100_000), (".12", 120_000), (".123", 123_000), (".1234", 123_400),
            (".12345", 123_450), (".123456", 123_456), (".1234567", 123_456), (".12345678", 123_456),
            (".123456789", 123_456), (".999999999", 999_999), (".000001", 1),
        ])
    func fractionDigits(fraction: String, micros: Int64) {
        let parsed = Instant(iso8601: "2026-11-21T07:54:27\(fraction)Z")
        #expect(parsed == Instant(microsecondsSinceEpoch: Self.reference * 1_000_000 + micros))
    }

    @Test(
        "Offsets and separators",
        arguments: [
            ("2026-11-21T07:54:27Z", 0 as Int64), ("2026-11-21T07:54:27z", 0), ("2026-11-21t07:54:27Z", 0),
            ("2026-11-21 07:54:27Z", 0), ("2026-11-21T07:54:27", 0),
            ("2026-11-21T09:54:27+02:00", 0), ("2026-11-21T13:24:27+0530", 0), ("2026-11-20T23:54:27-08", 0),
            ("2026-11-20T23:54:27-08:00", 0), ("2026-11-21T07:54:27+00", 0), ("2026-11-21T07:54:27-00:00", 0),
            ("2026-11-21T13:39:27+05:45", 0), ("2026-11-21T07:54:27.5+00:00", 500_000),
            ("2026-11-21 07:54:27.1234+00", 123_400), ("2026-11-21 09:54:27.1234+02", 123_400),
        ])
    func offsets(text: String, micros: Int64) {
        #expect(Instant(iso8601: text) == Instant(microsecondsSinceEpoch: Self.reference * 1_000_000 + micros), "\(text)")
    }

    @Test(
        "Garbage is rejected",
        arguments: [
            "", "garbage", "2026-11-21", "2026-11-21T", "2026-11-21T07:54", "2026-11-21T07:54:27.", "2026-11-21T07:54:27.Z",
            "2026-11-21T07:54:27ZZ", "2026-11-21T07:54:27 Z", "2026-11-21T07:54:27+5", "2026-11-21T07:54:27+05:3",
            "2026-11-21T07:54:27+05:", "2026-11-21T07:54:27+05:300", "2026-11-21T07:54:27+05-30", "2026-11-21T07:54:27UTC",
            "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-21T24:00:00Z",
            "2026-11-21T07:60:00Z", "2026-11-21T07:54:61Z", "0000-01-01T00:00:00Z", "26-11-21T07:54:27Z",
            "2026/11/21T07:54:27Z", "2026-11-21X07:54:27Z", " 2026-11-21T07:54:27Z", "2026-11-21T07:54:27Z ",
            "+2026-11-21T07:54:27Z", "2026-11-21T07:54:27+24:00", "2026-11-21T07:54:27+05:60", "2026-11-21T07:54:27+99",
            "２０２６-11-21T07:54:27Z", "2026-11-21T07:54:27.１Z",
        ])
    func garbage(text: String) {
        #expect(Instant(iso8601: text) == nil, "\(text)")
    }

    @Test("Format/parse round trip over 20,000 random instants, negative epochs included")
    func roundTrip() {
        var generator = SeededGenerator(seed: 0x1257A47)
        let lowest: Int64 = -62_135_596_800_000_000  // 0001-01-01
        let highest: Int64 = 253_402_300_799_999_999  // 9999-12-31T23:59:59.999999
        for index in 0..<20_000 {
            let micros = index % 2 == 0
                ? Int64.random(in: lowest...highest, using: &generator)
                : Int64.random(in: -5_000_000_000_000_000...5_000_000_000_000_000, using: &generator) / 1_000
            let instant = Instant(microsecondsSinceEpoch: micros)
            let text = instant.iso8601
            #expect(text.utf8.count == 27)
            #expect(Instant(iso8601: text) == instant, "\(text)")
        }
    }

    @Test("Text order is time order")
    func textOrder() {
        var generator = SeededGenerator(seed: 77)
        let instants = (0..<2_000).map { _ in
            Instant(microsecondsSinceEpoch: Int64.random(in: -2_208_988_800_000_000...4_102_444_800_000_000, using: &generator))
        }
        #expect(instants.sorted().map(\.iso8601) == instants.map(\.iso8601).sorted())
    }

    @Test func secondsAndMillisecondsFloor() {
        let instant = Instant(microsecondsSinceEpoch: -1_500)
        #expect(instant.secondsSinceEpoch == -1)
        #expect(instant.millisecondsSinceEpoch == -2)
        #expect(Instant(microsecondsSinceEpoch: 1_999_999).secondsSinceEpoch == 1)
        #expect(Instant(secondsSinceEpoch: -3).microsecondsSinceEpoch == -3_000_000)
    }

    @Test func durationArithmetic() {
        let start = Instant(microsecondsSinceEpoch: 1_000)
        #expect(start + .milliseconds(1_500) == Instant(microsecondsSinceEpoch: 1_501_000))
        #expect(start - .seconds(1) == Instant(microsecondsSinceEpoch: -999_000))
        #expect(start + .milliseconds(-1_500) == Instant(microsecondsSinceEpoch: -1_499_000))
        #expect(Instant(microsecondsSinceEpoch: 5) - Instant(microsecondsSinceEpoch: 3_000_005) == .seconds(-3))
        #expect(Duration.milliseconds(-1_500).microseconds == -1_500_000)
        #expect(Duration.nanoseconds(-1_500).microseconds == -1)
        #expect(Duration.nanoseconds(2_999).microseconds == 2)
    }

    @Test func foundationDates() {
        let date = Date(timeIntervalSince1970: 1_795_247_667.123456)
        #expect(Instant(date).microsecondsSinceEpoch == 1_795_247_667_123_456)
        #expect(Instant(microsecondsSinceEpoch: -1_500_000).date == Date(timeIntervalSince1970: -1.5))
    }

    @Test func coding() throws {
        let instant = Instant(microsecondsSinceEpoch: 1_795_247_667_123_456)
        let json = String(decoding: try JSONEncoder().encode([instant]), as: UTF8.self)
        #expect(json == #"["2026-11-21T07:54:27.123456Z"]"#)
        #expect(try JSONDecoder().decode([Instant].self, from: Data(#"["2026-11-21 09:54:27.123456+02"]"#.utf8)) == [instant])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Instant].self, from: Data(#"["yesterday"]"#.utf8)) }
    }

    @Test func sql() throws {
        let instant = Instant(microsecondsSinceEpoch: -123_456_789)
        #expect(instant.sqlValue == .timestamp(instant))
        #expect(try Instant(sqlValue: .text(instant.iso8601)) == instant)
        #expect(try Instant(sqlValue: .text("1969-12-31 23:57:56.543211+00")) == instant)
        #expect(try Instant(sqlValue: .integer(-123_456_789)) == instant)
        #expect(throws: SQLDecodingError.self) { try Instant(sqlValue: .text("nope")) }
    }
}
