import Testing

@testable import PortalKernel

@Suite("InstalmentSplit")
struct BillingInstalmentSplitTests {
    private func usd(_ minorUnits: Int64) -> Money { BillingFixtures.usd(minorUnits) }

    @Test("Earlier instalments take the extra cents")
    func examples() throws {
        #expect(try InstalmentSplit.split(usd(500_000), into: 3) == [usd(166_667), usd(166_667), usd(166_666)])
        #expect(try InstalmentSplit.split(usd(250_000), into: 3) == [usd(83_334), usd(83_333), usd(83_333)])
        #expect(try InstalmentSplit.split(usd(100), into: 1) == [usd(100)])
        #expect(try InstalmentSplit.split(usd(2), into: 4) == [usd(1), usd(1), usd(0), usd(0)])
        #expect(try InstalmentSplit.split(usd(-5), into: 3) == [usd(-2), usd(-2), usd(-1)])
    }

    @Test("At least one instalment")
    func rejectsZero() {
        BillingFixtures.expectInvalid(field: "instalments") { try InstalmentSplit.split(usd(100), into: 0) }
        BillingFixtures.expectInvalid(field: "instalments") { try InstalmentSplit.split(usd(100), into: -2) }
    }
}
