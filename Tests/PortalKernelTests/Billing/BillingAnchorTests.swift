import PortalTesting
import Testing

@testable import PortalKernel

@Suite("BillingAnchor")
struct BillingAnchorTests {
    private func day(_ text: String) -> LocalDate { BillingFixtures.day(text) }

    @Test(
        "First allowed billing date",
        arguments: [
            ("2024-01-10", [1, 15], "2024-01-15"),
            ("2024-01-15", [1, 15], "2024-01-15"),
            ("2024-01-16", [15, 1], "2024-02-01"),
            ("2024-12-02", [1], "2025-01-01"),
            ("2024-02-10", [31], "2024-02-29"),
            ("2025-02-10", [31], "2025-02-28"),
            ("2024-04-01", [31], "2024-04-30"),
            ("2024-01-31", [31], "2024-01-31"),
            ("2024-01-31", [30], "2024-02-29"),
            ("2025-01-31", [29, 30], "2025-02-28"),
            ("2024-02-29", [30, 5], "2024-02-29"),
            ("2024-03-01", [30, 5], "2024-03-05"),
            ("2024-01-16", [], "2024-01-16"),
        ])
    func first(start: String, allowed: [Int], expected: String) throws {
        #expect(try BillingAnchor.first(onOrAfter: day(start), allowedDays: allowed) == day(expected))
    }

    @Test("Allowed days outside 1...31 are rejected", arguments: [[0], [32], [1, -5], [15, 31, 40]])
    func firstRejects(allowed: [Int]) {
        BillingFixtures.expectInvalid(field: "billing_day") {
            try BillingAnchor.first(onOrAfter: day("2024-01-01"), allowedDays: allowed)
        }
    }

    @Test("Validating a chosen billing day")
    func validate() throws {
        try BillingAnchor.validate(day: 15, allowedDays: [1, 15])
        try BillingAnchor.validate(day: 31, allowedDays: [])
        try BillingAnchor.validate(day: 1, allowedDays: [])
        for (chosen, allowed) in [(10, [1, 15]), (0, []), (32, []), (-1, [1]), (31, [30])] {
            BillingFixtures.expectInvalid(field: "billing_day") {
                try BillingAnchor.validate(day: chosen, allowedDays: allowed)
            }
        }
    }

    /// Whether `date` is a billing date for `allowedDays`, with the month-end rule.
    private func isBillingDate(_ date: LocalDate, _ allowedDays: [Int]) -> Bool {
        let length = LocalDate.daysIn(month: date.month, year: date.year)
        return allowedDays.isEmpty || allowedDays.contains { min($0, length) == date.day }
    }

    @Test("Never before the start, always allowed, and the first such date")
    func property() throws {
        var random = SplitMix64(seed: 0xA_4C40)
        for _ in 0..<5_000 {
            let start = random.anchorDate()
            let allowed = (0..<random.int(in: 0...4)).map { _ in random.int(in: 1...31) }
            let anchor = try BillingAnchor.first(onOrAfter: start, allowedDays: allowed)
            let skipped = start.days(until: anchor)
            guard anchor >= start, skipped <= 62, isBillingDate(anchor, allowed),
                !(0..<skipped).contains(where: { isBillingDate(start.adding(days: $0), allowed) })
            else {
                Issue.record("start \(start), allowed \(allowed): got \(anchor)")
                return
            }
        }
    }
}
