import PortalTesting
import Testing

@testable import PortalKernel

@Suite("Invoice calculation")
struct InvoiceCalculatorTests {
    static let vat = AppliedTax(code: "VAT", name: "VAT 15%", percent: 15, inclusive: false)
    static let vatInclusive = AppliedTax(code: "VATI", name: "VAT 15% incl.", percent: 15, inclusive: true)

    func line(_ unit: Int64, quantity: Int64 = 1_000, discount: Int64 = 0, tax: AppliedTax? = nil) -> InvoiceCalculator.LineSpec {
        InvoiceCalculator.LineSpec(
            description: "x", quantity: Quantity(thousandths: quantity), unitAmount: Money(minorUnits: unit, currency: .zar),
            discountPercent: Percentage(partsPerMillion: discount), tax: tax)
    }

    @Test func halfUpPerLineInTheDocumentedOrder() throws {
        // 0.05 × 0.5 = 2.5 cents → 3; 15% of 3 = 0.45 → 0.
        let small = try InvoiceCalculator.amounts(of: line(5, quantity: 500, tax: Self.vat), currency: .zar)
        #expect([small.gross, small.discount, small.net, small.tax, small.total].map(\.minorUnits) == [3, 0, 3, 0, 3])
        // 10% off 9,999 = 999.9 → 1,000; 15% of 8,999 = 1,349.85 → 1,350.
        let discounted = try InvoiceCalculator.amounts(of: line(9_999, discount: 100_000, tax: Self.vat), currency: .zar)
        #expect([discounted.gross, discounted.discount, discounted.net, discounted.tax, discounted.total].map(\.minorUnits)
            == [9_999, 1_000, 8_999, 1_350, 10_349])
        // Inclusive: 100.00 contains 13.04 (13.043…) of tax.
        let inclusive = try InvoiceCalculator.amounts(of: line(10_000, tax: Self.vatInclusive), currency: .zar)
        #expect([inclusive.net, inclusive.tax, inclusive.total].map(\.minorUnits) == [8_696, 1_304, 10_000])
    }

    @Test func linesInAnotherCurrencyAreRefused() throws {
        var usd = line(100)
        usd.unitAmount = Money(minorUnits: 100, currency: .usd)
        #expect(throws: PortalError.self) { try InvoiceCalculator.amounts(of: usd, currency: .zar) }
    }

    /// Over thousands of random invoices: every line satisfies net + tax = total, the totals are
    /// exactly the sums of the lines and subtotal + tax = total, and each rounded amount is within
    /// half a cent of the exact value, so rounding never loses or creates a cent beyond its line.
    @Test func roundingNeverLosesOrCreatesACent() throws {
        var random = SplitMix64(seed: 0x1BADB002)
        for _ in 0..<3_000 {
            let taxes: [AppliedTax?] = [nil, Self.vat, Self.vatInclusive, AppliedTax(code: "T", name: "T", percent: Percentage(partsPerMillion: Int64.random(in: 0...300_000, using: &random)), inclusive: Bool.random(using: &random))]
            var specs: [InvoiceCalculator.LineSpec] = []
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                specs.append(line(
                    Int64.random(in: -50_000...5_000_000, using: &random), quantity: Int64.random(in: 1...50_000, using: &random),
                    discount: Int64.random(in: 0...1_000_000, using: &random), tax: taxes.randomElement(using: &random)!))
            }
            let discount = Percentage(partsPerMillion: Int64.random(in: 0...500_000, using: &random))
            specs += try InvoiceCalculator.companyDiscountLines(for: specs, discount: discount, currency: .zar)
            let amounts = try specs.map { try InvoiceCalculator.amounts(of: $0, currency: .zar) }
            for (spec, amount) in zip(specs, amounts) {
                #expect(try amount.net.adding(amount.tax) == amount.total)
                #expect(try amount.gross.subtracting(amount.discount) == (spec.tax?.inclusive == true ? amount.total : amount.net))
                // Gross within half a cent of quantity × unit.
                let exact = Double(spec.unitAmount.minorUnits) * Double(spec.quantity.thousandths) / 1_000
                #expect(abs(Double(amount.gross.minorUnits) - exact) <= 0.5 + 1e-6)
            }
            let totals = try InvoiceCalculator.totals(amounts, currency: .zar)
            #expect(try totals.subtotal.adding(totals.taxTotal) == totals.total)
            #expect(totals.total.minorUnits == amounts.reduce(0) { $0 + $1.total.minorUnits })
        }
    }

    @Test func companyDiscountIsOneLinePerTaxTreatmentAndExact() throws {
        let specs = [line(10_005, tax: Self.vat), line(2_000), line(3_333, tax: Self.vat)]
        let discounts = try InvoiceCalculator.companyDiscountLines(for: specs, discount: 10, currency: .zar)
        #expect(discounts.count == 2)
        #expect(discounts.map(\.unitAmount.minorUnits) == [-1_334, -200])  // 10% of 13,338 = 1,333.8 → 1,334
        #expect(discounts.map(\.tax) == [Self.vat, nil])
        #expect(try InvoiceCalculator.companyDiscountLines(for: specs, discount: .zero, currency: .zar).isEmpty)
    }
}
