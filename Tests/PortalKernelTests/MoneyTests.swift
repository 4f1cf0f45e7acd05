import Foundation
import Testing

@testable import PortalKernel

@Suite("Money: values, arithmetic, comparison, coding")
struct MoneyTests {
    let mismatch = PortalError.invalid("currency mismatch")
    let outOfRange = PortalError.invalid("amount out of range")

    func usd(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .usd) }

    @Test func basics() {
        let amount = usd(-5)
        #expect(amount.minorUnits == -5)
        #expect(amount.currency == .usd)
        #expect(amount.isNegative && !amount.isZero && !amount.isPositive)
        #expect(Money.zero(.jpy).isZero)
        #expect(usd(5) != Money(minorUnits: 5, currency: .eur))
        #expect(amount.description == "-USD 0.05")
    }

    @Test func addingAndSubtracting() throws {
        #expect(try usd(150).adding(usd(275)) == usd(425))
        #expect(try usd(150).subtracting(usd(275)) == usd(-125))
        #expect(try usd(7).negated() == usd(-7))
        #expect(try usd(-7).magnitude() == usd(7))
        #expect(try usd(123).multiplied(by: -3) == usd(-369))
    }

    @Test func mixingCurrenciesThrows() {
        let euro = Money(minorUnits: 1, currency: .eur)
        #expect(throws: mismatch) { try usd(1).adding(euro) }
        #expect(throws: mismatch) { try usd(1).subtracting(euro) }
        #expect(throws: mismatch) { try usd(1).compare(euro) }
        #expect(throws: mismatch) { try Money.sum([usd(1), euro], currency: .usd) }
        #expect(throws: mismatch) { try [euro].sum(in: .usd) }
    }

    @Test func overflowThrows() {
        #expect(throws: outOfRange) { try usd(.max).adding(usd(1)) }
        #expect(throws: outOfRange) { try usd(.min).subtracting(usd(1)) }
        #expect(throws: outOfRange) { try usd(.min).negated() }
        #expect(throws: outOfRange) { try usd(.min).magnitude() }
        #expect(throws: outOfRange) { try usd(.max / 2 + 1).multiplied(by: 2) }
        #expect(throws: outOfRange) { try usd(.max).multiplied(by: Quantity("1.001")) }
        #expect(throws: outOfRange) { try Money.sum([usd(.max), usd(1)], currency: .usd) }
    }

    @Test func sumIsExactEvenWhenSubtotalsOverflow() throws {
        #expect(try Money.sum([usd(.max), usd(1), usd(-1)], currency: .usd) == usd(.max))
        #expect(try Money.sum([usd(.min), usd(-5), usd(.max), usd(10)], currency: .usd) == usd(4))
        #expect(try Money.sum([Money](), currency: .kwd) == Money.zero(.kwd))
        #expect(try [usd(100), usd(250), usd(-50)].sum(in: .usd) == usd(300))
    }

    @Test func comparisonWithinACurrency() throws {
        #expect(usd(1) < usd(2))
        #expect(usd(-3) <= usd(-3))
        #expect([usd(5), usd(-1), usd(3)].sorted() == [usd(-1), usd(3), usd(5)])
        #expect(try usd(1).compare(usd(2)) == .orderedAscending)
        #expect(try usd(2).compare(usd(2)) == .orderedSame)
        #expect(try usd(3).compare(usd(2)) == .orderedDescending)
    }

    @Test("Ordering amounts in different currencies traps rather than answering")
    func orderingAcrossCurrenciesTraps() async {
        await #expect(processExitsWith: .failure) {
            let dollars = Money(minorUnits: 1, currency: .usd)
            let euros = Money(minorUnits: 2, currency: .eur)
            _ = dollars < euros
        }
    }

    @Test func quantityMultiplication() throws {
        let rate = try Money(decimal: "150.00", currency: .usd)
        #expect(try rate.multiplied(by: Quantity("2.5")) == usd(37_500))
        #expect(try rate.multiplied(by: Quantity("0.001")) == usd(15))  // 15000 × 1 ÷ 1000
        #expect(try usd(5).multiplied(by: Quantity("0.5")) == usd(3))  // 2.5 → 3 (half up)
        #expect(try usd(5).multiplied(by: Quantity("0.5"), rounding: .halfEven) == usd(2))
        #expect(try usd(5).multiplied(by: Quantity("-0.5")) == usd(-3))
        #expect(try usd(1_999).multiplied(by: Quantity("1.333")) == usd(2_665))  // 2664.667
        let hours: Quantity = 3
        #expect(try rate.multiplied(by: hours) == usd(45_000))
    }

    @Test func quantityParsingAndCoding() throws {
        #expect(try Quantity("2.5").thousandths == 2_500)
        #expect(try Quantity("-0.125").thousandths == -125)
        #expect(try Quantity("007").thousandths == 7_000)
        #expect(try Quantity("2.500").stringValue == "2.5")
        #expect(Quantity(thousandths: 3_000).description == "3")
        for bad in ["", "2.", ".5", "1.0005", "1e3", "2,5", " 2", "+2", "--1", "1.2.3", "٣"] {
            #expect(throws: PortalError.self) { try Quantity(bad, field: "lines[0].quantity") }
        }
        let error = #expect(throws: PortalError.self) { try Quantity("1.0005", field: "lines[0].quantity") }
        #expect(error?.field == "lines[0].quantity")
        #expect(error?.code == .invalid)
        let encoded = try JSONEncoder().encode([Quantity(thousandths: 2_500)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2.5"]"#)
        let decoded = try JSONDecoder().decode([Quantity].self, from: Data(#"["0.125", 4]"#.utf8))
        #expect(decoded == [Quantity(thousandths: 125), Quantity(thousandths: 4_000)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Quantity].self, from: Data(#"[2.5]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Quantity].self, from: Data(#"["x"]"#.utf8)) }
    }

    @Test func jsonShape() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(usd(123_450)), as: UTF8.self)
        #expect(text == #"{"amount":123450,"currency":"USD"}"#)
        let decoded = try JSONDecoder().decode(Money.self, from: Data(#"{"currency":"kwd","amount":-1235}"#.utf8))
        #expect(decoded == Money(minorUnits: -1_235, currency: .kwd))
        for extreme in [Int64.max, Int64.min, 9_007_199_254_740_993] {
            let money = Money(minorUnits: extreme, currency: .jpy)
            #expect(try JSONDecoder().decode(Money.self, from: encoder.encode(money)) == money)
        }
        let rejected = [
            #"{"amount":12.5,"currency":"USD"}"#, #"{"amount":"1250","currency":"USD"}"#,
            #"{"amount":1250,"currency":"XYZ"}"#, #"{"amount":1250}"#, #"{"currency":"USD"}"#,
            #"{"amount":99999999999999999999,"currency":"USD"}"#,
        ]
        for json in rejected {
            #expect(throws: (any Error).self, "\(json)") { try JSONDecoder().decode(Money.self, from: Data(json.utf8)) }
        }
    }

    @Test func unknownCurrencyIsReportedWithItsPath() throws {
        let error = #expect(throws: PortalError.self) {
            try JSONCoding.decode([Money].self, from: #"[{"amount":1,"currency":"XYZ"}]"#)
        }
        #expect(error?.message == "unknown currency")
        #expect(error?.field == "[0].currency")
    }

    @available(macOS 15.0, *)
    @Test("Addition and subtraction are inverse; overflow is detected exactly (10,000 random pairs)")
    func additionProperties() throws {
        var generator = SeededGenerator(seed: 0xADD0)
        var overflows = 0
        for _ in 0..<10_000 {
            let a = usd(generator.int64()), b = usd(generator.int64())
            let exactSum = Int128(a.minorUnits) + Int128(b.minorUnits)
            let exactDifference = Int128(a.minorUnits) - Int128(b.minorUnits)
            if let sum = Int64(exactly: exactSum) {
                let total = try a.adding(b)
                #expect(total.minorUnits == sum)
                #expect(try total.subtracting(b) == a)
                #expect(try b.adding(a) == total)
            } else {
                overflows += 1
                #expect(throws: outOfRange) { try a.adding(b) }
            }
            if let difference = Int64(exactly: exactDifference) {
                let result = try a.subtracting(b)
                #expect(result.minorUnits == difference)
                #expect(try result.adding(b) == a)
            } else {
                #expect(throws: outOfRange) { try a.subtracting(b) }
            }
            let factor = Int64.random(in: -1_000...1_000, using: &generator)
            if let product = Int64(exactly: Int128(a.minorUnits) * Int128(factor)) {
                #expect(try a.multiplied(by: factor).minorUnits == product)
            } else {
                #expect(throws: outOfRange) { try a.multiplied(by: factor) }
            }
        }
        #expect(overflows > 100)
    }

    @available(macOS 15.0, *)
    @Test("Quantity multiplication matches exact arithmetic (10,000 random cases, every rule)")
    func quantityProperties() throws {
        var generator = SeededGenerator(seed: 0x0A17)
        for _ in 0..<10_000 {
            let price = usd(generator.int64())
            let quantity = Quantity(thousandths: Int64.random(in: -10_000_000...10_000_000, using: &generator))
            for rule in RoundingRule.allCases {
                if let expected = ExactReference.multiply(price.minorUnits, quantity.thousandths, 1_000, rule) {
                    #expect(try price.multiplied(by: quantity, rounding: rule).minorUnits == expected)
                } else {
                    #expect(throws: outOfRange) { try price.multiplied(by: quantity, rounding: rule) }
                }
            }
            #expect(try Quantity(quantity.stringValue) == quantity)
        }
    }
}
