import Foundation

/// A tenant's IANA time zone, used to turn instants into calendar days and back
/// (billing periods, due dates, "today" for reminders).
public struct TenantTimeZone: Sendable, Hashable, Codable, CustomStringConvertible {
    public let identifier: String
    private let zone: TimeZone

    /// Fails with `invalid` when the identifier is not a known IANA zone.
    public init(_ identifier: String, field: String = "time_zone") throws {
        guard let zone = TimeZone(identifier: identifier) else {
            throw PortalError.invalid("Unknown time zone '\(identifier)'; use an IANA name such as Africa/Johannesburg.", field: field)
        }
        self.identifier = identifier
        self.zone = zone
    }

    public static let utc = try! TenantTimeZone("UTC")

    public var description: String { identifier }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The calendar day on which `instant` falls in this zone.
    ///
    /// Computed from the zone's UTC offset at that instant with integer arithmetic, so it is
    /// exact to the microsecond and defined for every instant (even outside years 1–9999).
    public func localDate(of instant: Instant) -> LocalDate {
        let localSeconds = instant.secondsSinceEpoch + Int64(secondsFromUTC(at: instant))
        return LocalDate(daysSinceEpoch: localSeconds.floorDivided(by: 86_400))
    }

    /// The first instant of `date` in this zone (midnight, or the first valid time on a
    /// day whose midnight is skipped by a daylight-saving change).
    public func startOfDay(_ date: LocalDate) -> Instant {
        let components = DateComponents(year: date.year, month: date.month, day: date.day)
        let midnight = calendar.date(from: components)!
        return Instant(calendar.startOfDay(for: midnight))
    }

    /// The offset from UTC in seconds at `instant`.
    public func secondsFromUTC(at instant: Instant) -> Int {
        zone.secondsFromGMT(for: instant.date)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(identifier)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(container.decode(String.self))
    }

    public static func == (lhs: TenantTimeZone, rhs: TenantTimeZone) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
