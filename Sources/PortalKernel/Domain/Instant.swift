import Foundation

/// A point in time with microsecond precision, stored as an integer so it round-trips
/// through every database exactly.
///
/// Use ``Instant`` for "when something happened"; use ``LocalDate`` for calendar days
/// such as due dates. Conversion between the two needs a ``TenantTimeZone``.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    public init(_ date: Date) {
        self.microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    public init(secondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = secondsSinceEpoch * 1_000_000
    }

    public var date: Date { Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000) }
    public var secondsSinceEpoch: Int64 { microsecondsSinceEpoch.floorDivided(by: 1_000_000) }
    public var millisecondsSinceEpoch: Int64 { microsecondsSinceEpoch.floorDivided(by: 1_000) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    public static func + (lhs: Instant, rhs: Duration) -> Instant {
        Instant(microsecondsSinceEpoch: lhs.microsecondsSinceEpoch + rhs.microseconds)
    }

    public static func - (lhs: Instant, rhs: Duration) -> Instant {
        Instant(microsecondsSinceEpoch: lhs.microsecondsSinceEpoch - rhs.microseconds)
    }

    public static func - (lhs: Instant, rhs: Instant) -> Duration {
        .microseconds(lhs.microsecondsSinceEpoch - rhs.microsecondsSinceEpoch)
    }

    /// RFC 3339 in UTC with six fraction digits: `2026-11-21T07:54:27.123456Z`.
    /// Fixed width, so text comparison orders instants correctly.
    public var iso8601: String {
        let seconds = secondsSinceEpoch
        let micros = microsecondsSinceEpoch - seconds * 1_000_000
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let day = LocalDate(daysSinceEpoch: days)
        let hour = secondOfDay / 3600, minute = (secondOfDay % 3600) / 60, second = secondOfDay % 60
        return "\(day.iso8601)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(micros, 6))Z"
    }

    public var description: String { iso8601 }

    /// Parses RFC 3339 / ISO 8601 timestamps, with `T` or a space between date and time,
    /// 0–9 fraction digits and `Z`, `+HH`, `+HH:MM` or `+HHMM` offsets (the forms SQLite
    /// text and PostgreSQL's `timestamptz` output use).
    public init?(iso8601 text: String) {
        guard let parsed = TimestampParser.parse(Array(text.utf8)) else { return nil }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Instant(iso8601: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected an RFC 3339 timestamp, got \(text)")
        }
        self = value
    }
}

extension Duration {
    /// The duration in whole microseconds (truncated).
    public var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}

extension Int64 {
    /// Division rounding towards negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// A small, allocation-free parser for the timestamp forms Portal reads back from storage and APIs.
enum TimestampParser {
    static func parse(_ bytes: [UInt8]) -> Instant? {
        var index = 0
        func number(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ char: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == char else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            let date = LocalDate(year: Int(year), month: Int(month), day: Int(day))
        else { return nil }
        guard index < bytes.count, bytes[index] == 84 || bytes[index] == 116 || bytes[index] == 32 else { return nil }
        index += 1
        guard let hour = number(2), expect(58), let minute = number(2), expect(58), let second = number(2),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 6 { for _ in digits..<6 { micros *= 10 } }
        }
        var offsetSeconds: Int64 = 0
        if index < bytes.count {
            let sign = bytes[index]
            if sign == 90 || sign == 122 {
                index += 1
            } else if sign == 43 || sign == 45 {
                index += 1
                guard let offsetHours = number(2), offsetHours < 24 else { return nil }
                var offsetMinutes: Int64 = 0
                if index < bytes.count {
                    _ = expect(58)
                    guard let minutes = number(2), minutes < 60 else { return nil }
                    offsetMinutes = minutes
                }
                offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (sign == 45 ? -1 : 1)
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let seconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Instant(microsecondsSinceEpoch: seconds * 1_000_000 + micros)
    }
}
