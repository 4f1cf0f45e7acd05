/// The calendar days one charge covers: `start` (inclusive) up to `end` (exclusive).
///
/// `end` is the next period's `start`, so consecutive periods tile the calendar with no gap
/// and no overlap. Days are the tenant's local calendar days (see ``TenantTimeZone``), so a
/// period's length never depends on daylight-saving changes inside it.
///
/// Codable as `{"start": "2024-01-31", "end": "2024-02-29"}`.
///
/// ```swift
/// let anchor = LocalDate(year: 2024, month: 1, day: 31)!
/// let period = BillingSchedule(anchor: anchor, interval: .monthly).period(0)  // [2024-01-31, 2024-02-29)
/// period.days                  // 29
/// period.contains(period.end)  // false
/// ```
public struct ServicePeriod: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first day covered.
    public let start: LocalDate
    /// The day after the last day covered: the next period's start.
    public let end: LocalDate

    /// A period of the days `start ..< end`.
    ///
    /// - Precondition: `start < end`. A period is never empty; ``BillingSchedule`` always
    ///   satisfies this. Check dates that come from input before building a period (decoding
    ///   does, and throws instead).
    public init(start: LocalDate, end: LocalDate) {
        precondition(start < end, "A service period must end after it starts: \(start) ..< \(end)")
        self.start = start
        self.end = end
    }

    /// The number of calendar days covered (at least one).
    public var days: Int { start.days(until: end) }

    /// Whether `date` is one of the covered days (`start <= date < end`).
    public func contains(_ date: LocalDate) -> Bool {
        start <= date && date < end
    }

    /// `[start, end)`, such as `[2024-01-31, 2024-02-29)`.
    public var description: String { "[\(start), \(end))" }

    private enum CodingKeys: String, CodingKey {
        case start
        case end
    }

    /// Decodes `start` and `end`, rejecting a period that does not end after it starts.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(LocalDate.self, forKey: .start)
        let end = try container.decode(LocalDate.self, forKey: .end)
        guard start < end else {
            throw DecodingError.dataCorruptedError(
                forKey: .end, in: container, debugDescription: "a service period must end after it starts")
        }
        self.init(start: start, end: end)
    }

    /// Encodes `start` and `end`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
