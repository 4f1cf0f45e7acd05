import Testing

@testable import PortalKernel

/// Shorthands for the billing tests.
enum BillingFixtures {
    /// The date written as `YYYY-MM-DD`.
    static func day(_ text: String) -> LocalDate {
        LocalDate(iso8601: text)!
    }

    /// `minorUnits` US cents.
    static func usd(_ minorUnits: Int64) -> Money {
        Money(minorUnits: minorUnits, currency: .usd)
    }

    /// Expects `body` to throw `PortalError.invalid` naming `field`.
    static func expectInvalid<Result>(
        field: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Result
    ) {
        let error = #expect(throws: PortalError.self, sourceLocation: sourceLocation) { _ = try body() }
        #expect(error?.code == .invalid, sourceLocation: sourceLocation)
        #expect(error?.field == field, sourceLocation: sourceLocation)
    }
}
