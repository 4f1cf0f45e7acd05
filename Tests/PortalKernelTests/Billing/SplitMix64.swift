@testable import PortalKernel

import PortalTesting

/// Draws for the billing property tests from ``SplitMix64``, so a failing case replays from its seed.
extension SplitMix64 {
    /// An integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// A day between 1900-01-01 and 2199-12-31.
    mutating func date() -> LocalDate {
        let first = LocalDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch
        let last = LocalDate(year: 2199, month: 12, day: 31)!.daysSinceEpoch
        return LocalDate(daysSinceEpoch: Int64.random(in: first...last, using: &self))
    }

    /// A day near the end of a month half the time, where clamping matters.
    mutating func anchorDate() -> LocalDate {
        let day = date()
        guard next() % 2 == 0 else { return day }
        let length = LocalDate.daysIn(month: day.month, year: day.year)
        return LocalDate(year: day.year, month: day.month, day: length - int(in: 0...3))!
    }

    /// An amount of minor units from a mix of magnitudes, including the `Int64` extremes.
    mutating func minorUnits() -> Int64 {
        switch next() % 6 {
        case 0: return Int64.random(in: 0...100, using: &self)
        case 1, 2: return Int64.random(in: 0...10_000_000, using: &self)
        case 3: return Int64.random(in: -10_000_000...10_000_000, using: &self)
        case 4: return Int64(bitPattern: next())
        default: return [Int64.max, Int64.max - 1, Int64.min, Int64.min + 1, 1, -1, 0].randomElement(using: &self)!
        }
    }

    /// One of the intervals worth exercising.
    mutating func interval() -> BillingInterval {
        try! BillingInterval(months: [1, 1, 2, 3, 6, 12, 5, 24, 120].randomElement(using: &self)!)
    }
}
