import Foundation
import Testing

@testable import PortalKernel

@Suite("ISO 4217 currencies")
struct CurrencyTests {
    @Test(
        "Table spot checks",
        arguments: [
            ("JPY", 0), ("KRW", 0), ("VND", 0), ("ISK", 0), ("CLP", 0), ("XOF", 0), ("XAF", 0), ("UGX", 0), ("PYG", 0),
            ("USD", 2), ("EUR", 2), ("ZAR", 2), ("GBP", 2), ("CHF", 2), ("INR", 2), ("BRL", 2), ("CNY", 2), ("MXN", 2),
            ("SLE", 2), ("VED", 2), ("ZWG", 2), ("XCG", 2), ("XCD", 2),
            ("BHD", 3), ("KWD", 3), ("JOD", 3), ("OMR", 3), ("TND", 3), ("IQD", 3), ("LYD", 3),
            ("CLF", 4), ("UYW", 4), ("UYI", 0), ("USN", 2), ("BOV", 2),
        ])
    func exponents(code: String, exponent: Int) throws {
        let currency = try Currency(code: code)
        #expect(currency.code == code)
        #expect(currency.minorUnitExponent == exponent)
        var power: Int64 = 1
        for _ in 0..<exponent { power *= 10 }
        #expect(currency.minorUnitsPerUnit == power)
    }

    @Test func caseInsensitiveLookup() throws {
        #expect(try Currency(code: "usd") == .usd)
        #expect(try Currency(code: "Jpy") == .jpy)
        #expect(try Currency(code: "kWd").code == "KWD")
        #expect(Currency.lookup("eur") == .eur)
    }

    @Test(
        "Unknown, withdrawn and non-monetary codes are rejected",
        arguments: ["", "US", "USDD", "XYZ", "U$D", "US ", "ÜSD", "ＵＳＤ", "XAU", "XDR", "XXX", "XTS", "HRK", "ZWL", "usd\u{0}"])
    func unknown(code: String) {
        #expect(throws: PortalError.invalid("unknown currency", field: "currency")) { try Currency(code: code) }
        #expect(throws: PortalError.invalid("unknown currency", field: "invoice.currency")) {
            try Currency(code: code, field: "invoice.currency")
        }
        #expect(Currency.lookup(code) == nil)
    }

    @Test func tableIsWellFormed() {
        let all = Currency.all
        #expect(all.count == 165)
        #expect(Set(all.map(\.code)).count == all.count)
        #expect(all == all.sorted())
        #expect(all.allSatisfy { $0.code.utf8.count == 3 && $0.code.utf8.allSatisfy { (65...90).contains($0) } })
        #expect(all.allSatisfy { [0, 2, 3, 4].contains($0.minorUnitExponent) })
        let listed = ISO4217Table.zeroDecimal.count + ISO4217Table.twoDecimal.count
            + ISO4217Table.threeDecimal.count + ISO4217Table.fourDecimal.count
        #expect(listed == all.count)
        for constant in [Currency.usd, .eur, .gbp, .zar, .cad, .aud, .chf, .jpy, .krw, .kwd, .bhd] {
            #expect(all.contains(constant))
            #expect(Currency.lookup(constant.code)?.minorUnitExponent == constant.minorUnitExponent)
        }
    }

    @Test func coding() throws {
        let encoded = try JSONEncoder().encode([Currency.usd, .kwd])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["USD","KWD"]"#)
        #expect(try JSONDecoder().decode([Currency].self, from: Data(#"["zar"]"#.utf8)) == [.zar])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Currency].self, from: Data(#"["ABC"]"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Currency].self, from: Data(#"[840]"#.utf8)) }
    }

    @Test func sql() throws {
        #expect(Currency.eur.sqlValue == .text("EUR"))
        #expect(try Currency(sqlValue: .text("EUR")) == .eur)
        #expect(try Currency(sqlValue: .text("jpy")) == .jpy)
        #expect(throws: SQLDecodingError.self) { try Currency(sqlValue: .text("ABC")) }
        #expect(throws: SQLDecodingError.self) { try Currency(sqlValue: .integer(840)) }
        #expect(try Currency?(sqlValue: .null) == nil)
    }
}
