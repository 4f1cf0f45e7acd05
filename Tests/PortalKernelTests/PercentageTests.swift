import Foundation
import Testing

@testable import PortalKernel

@Suite("Percentages, discounts and tax")
struct PercentageTests {
    func usd(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .usd) }

    @Test(
        "Parsing and canonical text",
        arguments: [
            ("15", 150_000 as Int64, "15"), ("12.5", 125_000, "12.5"), ("7.75", 77_500, "7.75"),
            ("0.0001", 1, "0.0001"), ("100", 1_000_000, "100"), ("0", 0, "0"), ("15.0000", 150_000, "15"),
            ("-5", -50_000, "-5"), ("250.25", 2_502_500, "250.25"), ("007.50", 75_000, "7.5"),
        ])
    func parsing(text: String, partsPerMillion: Int64, canonical: String) throws {
        let percentage = try Percentage(text)
        #expect(percentage.partsPerMillion == partsPerMillion)
        #expect(percentage.stringValue == canonical)
        #expect(percentage.description == canonical + "%")
        #expect(try Percentage(canonical) == percentage)
    }

    @Test(
        "Rejected percentages name the field",
        arguments: [
            ("0.00001", "percentage has more than 4 decimal places"),
            ("", "percentage must be a decimal number such as 12.5"),
            ("15%", "percentage must be a decimal number such as 12.5"),
            ("12,5", "percentage must be a decimal number such as 12.5"),
            ("1e2", "percentage must be a decimal number such as 12.5"),
            (" 15", "percentage must be a decimal number such as 12.5"),
            ("+15", "percentage must be a decimal number such as 12.5"),
            ("12.", "percentage must be a decimal number such as 12.5"),
            ("abc", "percentage must be a decimal number such as 12.5"),
            ("922337203685478", "percentage out of range"),
        ])
    func rejection(text: String, message: String) {
        #expect(throws: PortalError.invalid(message, field: "tax_rate")) { try Percentage(text, field: "tax_rate") }
    }

    @Test func literalsAndOrdering() throws {
        let rate: Percentage = 15
        #expect(rate == (try Percentage("15")))
        #expect(Percentage.hundred == 100)
        #expect(Percentage.zero < (try Percentage("0.0001")))
        #expect(try Percentage("7.75") < Percentage("12.5"))
    }

    @Test func coding() throws {
        let encoded = try JSONEncoder().encode([Percentage(partsPerMillion: 125_000), Percentage(partsPerMillion: 1)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["12.5","0.0001"]"#)
        let decoded = try JSONDecoder().decode([Percentage].self, from: Data(#"["7.75", 15]"#.utf8))
        #expect(decoded == [Percentage(partsPerMillion: 77_500), 15])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Percentage].self, from: Data(#"[12.5]"#.utf8)) }
        let error = #expect(throws: PortalError.self) {
            try JSONCoding.decode([String: Percentage].self, from: #"{"rate":"1.23456"}"#)
        }
        #expect(error?.message == "percentage has more than 4 decimal places")
        #expect(error?.field == "rate")
    }

    @Test func workedExamples() throws {
        #expect(try usd(10_000).percentage(15) == usd(1_500))
        #expect(try usd(99).percentage(Percentage("12.5")) == usd(12))  // 12.375 cents
        #expect(try usd(1_999).percentage(Percentage("7.75")) == usd(155))  // 154.9225
        #expect(try usd(100_000).percentage(Percentage("0.0001")) == usd(0))  // 0.1 cent
        #expect(try usd(100_000).percentage(Percentage("0.0001"), rounding: .up) == usd(1))
        #expect(try usd(-1_999).percentage(Percentage("7.75")) == usd(-155))
        #expect(try usd(12_345).percentage(.hundred) == usd(12_345))
        #expect(try usd(100_000).applyingDiscount(Percentage("12.5")) == usd(87_500))
        #expect(try usd(100_000).applyingTax(15) == usd(115_000))
        #expect(try Money(decimal: "115.00", currency: .zar).includedTax(at: 15) == Money(minorUnits: 1_500, currency: .zar))
        #expect(try usd(1_000).includedTax(at: 0) == usd(0))
        // A discount then tax, rounded at each step: 19.99 less 10% = 17.99 (1.999 → 2.00 off), plus 15% = 20.69 (2.6985).
        let discounted = try usd(1_999).applyingDiscount(10)
        #expect(discounted == usd(1_799))
        #expect(try discounted.applyingTax(15) == usd(2_069))
        #expect(try Money(minorUnits: 1_235, currency: .kwd).percentage(Percentage("7.75")) == Money(minorUnits: 96, currency: .kwd))
    }

    @Test func overflowThrows() {
        #expect(throws: PortalError.invalid("amount out of range")) { try usd(.max).percentage(200) }
        #expect(throws: PortalError.invalid("amount out of range")) { try usd(.max).applyingTax(1) }
        #expect(throws: PortalError.invalid("amount out of range")) { try usd(100).includedTax(at: -100) }
    }

    @available(macOS 15.0, *)
    @Test("percentage, discount, tax and included tax agree with exact rational arithmetic (10,000 random cases)")
    func properties() throws {
        var generator = SeededGenerator(seed: 0x9E4C)
        for _ in 0..<10_000 {
            let amount = usd(generator.int64())
            let rate = Percentage(partsPerMillion: Int64.random(in: -2_000_000...20_000_000, using: &generator))
            #expect(try Percentage(rate.stringValue) == rate)
            for rule in RoundingRule.allCases {
                let expected = ExactReference.multiply(amount.minorUnits, rate.partsPerMillion, 1_000_000, rule)
                guard let expected else {
                    #expect(throws: PortalError.invalid("amount out of range")) { try amount.percentage(rate, rounding: rule) }
                    continue
                }
                let portion = try amount.percentage(rate, rounding: rule)
                #expect(portion.minorUnits == expected)
                // The discount and the discounted amount add back to the original exactly.
                if let discounted = try? amount.applyingDiscount(rate, rounding: rule) {
                    #expect(try discounted.adding(portion) == amount)
                }
                if let gross = try? amount.applyingTax(rate, rounding: rule) {
                    #expect(try gross.subtracting(portion) == amount)
                }
                let divisor = 1_000_000 + rate.partsPerMillion
                if divisor != 0 {
                    let included = ExactReference.multiply(amount.minorUnits, rate.partsPerMillion, divisor, rule)
                    #expect((try? amount.includedTax(at: rate, rounding: rule).minorUnits) == included)
                }
            }
        }
    }
}
