import Foundation
import Testing

@testable import PortalKernel

@Suite("BillingInterval")
struct BillingIntervalTests {
    @Test("Named constants and names")
    func names() throws {
        #expect(BillingInterval.monthly.months == 1)
        #expect(BillingInterval.quarterly.months == 3)
        #expect(BillingInterval.yearly.months == 12)
        #expect(BillingInterval.monthly.name == "month")
        #expect(BillingInterval.quarterly.name == "quarter")
        #expect(BillingInterval.yearly.name == "year")
        #expect(try BillingInterval(months: 6).name == "6 months")
        #expect(try BillingInterval(months: 120).description == "120 months")
    }

    @Test("Months outside 1...120 are rejected")
    func range() {
        for months in [0, -1, 121, Int.max, Int.min] {
            BillingFixtures.expectInvalid(field: "interval_months") { try BillingInterval(months: months) }
        }
    }

    @Test(
        "Parses names",
        arguments: [
            ("month", 1), ("Monthly", 1), ("quarter", 3), ("QUARTERLY", 3), ("year", 12), ("yearly", 12),
            ("annual", 12), ("annually", 12), ("1", 1), ("6", 6), ("120", 120), ("6 months", 6), ("1 month", 1),
            ("007", 7),
        ])
    func parse(name: String, months: Int) throws {
        #expect(try BillingInterval(name: name).months == months)
    }

    @Test("Rejects other names", arguments: ["", "weekly", "0", "121", "-3", "+3", " 3", "3.0", "months", "3 weeks"])
    func parseRejects(name: String) {
        BillingFixtures.expectInvalid(field: "interval") { try BillingInterval(name: name) }
    }

    @Test("Every name parses back")
    func roundTripName() throws {
        for months in BillingInterval.allowedMonths {
            let interval = try BillingInterval(months: months)
            #expect(try BillingInterval(name: interval.name) == interval)
        }
    }

    @Test("Codable as the integer months")
    func codable() throws {
        let data = try JSONEncoder().encode([BillingInterval.quarterly])
        #expect(String(decoding: data, as: UTF8.self) == "[3]")
        #expect(try JSONDecoder().decode([BillingInterval].self, from: Data("[12]".utf8)) == [.yearly])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([BillingInterval].self, from: Data("[0]".utf8)) }
    }
}
