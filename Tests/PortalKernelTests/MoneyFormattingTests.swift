import Testing

@testable import PortalKernel

@Suite("Money: formatting and decimal parsing")
struct MoneyFormattingTests {
    static let clf = try! Currency(code: "CLF")

    @Test(
        "formatted() and decimalString",
        arguments: [
            (Money(minorUnits: 123_456, currency: .usd), "USD 1,234.56", "1234.56"),
            (Money(minorUnits: 1_235, currency: .jpy), "JPY 1,235", "1235"),
            (Money(minorUnits: 1_235, currency: .kwd), "KWD 1.235", "1.235"),
            (Money(minorUnits: -500, currency: .usd), "-USD 5.00", "-5.00"),
            (Money(minorUnits: 5, currency: .usd), "USD 0.05", "0.05"),
            (Money(minorUnits: -5, currency: .usd), "-USD 0.05", "-0.05"),
            (Money(minorUnits: 0, currency: .usd), "USD 0.00", "0.00"),
            (Money(minorUnits: 0, currency: .jpy), "JPY 0", "0"),
            (Money(minorUnits: 100_000_000, currency: .usd), "USD 1,000,000.00", "1000000.00"),
            (Money(minorUnits: 99_999, currency: .usd), "USD 999.99", "999.99"),
            (Money(minorUnits: -1_234_567, currency: .krw), "-KRW 1,234,567", "-1234567"),
            (Money(minorUnits: 12_345, currency: clf), "CLF 1.2345", "1.2345"),
            (Money(minorUnits: 1, currency: clf), "CLF 0.0001", "0.0001"),
            (Money(minorUnits: .max, currency: .usd), "USD 92,233,720,368,547,758.07", "92233720368547758.07"),
            (Money(minorUnits: .min, currency: .usd), "-USD 92,233,720,368,547,758.08", "-92233720368547758.08"),
        ])
    func formatting(money: Money, formatted: String, decimal: String) throws {
        #expect(money.formatted() == formatted)
        #expect(money.description == formatted)
        #expect(money.decimalString == decimal)
        #expect(try Money(decimal: decimal, currency: money.currency) == money)
    }

    @Test(
        "Parsing decimal amounts",
        arguments: [
            ("1234.5", Currency.usd, 123_450 as Int64), ("1234", .usd, 123_400), ("1234.56", .usd, 123_456),
            ("0.01", .usd, 1), ("-0.5", .usd, -50), ("-0", .usd, 0), ("007.10", .usd, 710),
            ("1235", .jpy, 1_235), ("1.2", .kwd, 1_200), ("1.235", .kwd, 1_235), ("92233720368547758.07", .usd, .max),
            ("-92233720368547758.08", .usd, .min), ("9223372036854775807", .jpy, .max),
        ])
    func parsing(text: String, currency: Currency, minorUnits: Int64) throws {
        #expect(try Money(decimal: text, currency: currency) == Money(minorUnits: minorUnits, currency: currency))
    }

    @Test(
        "Rejected decimal amounts name the field",
        arguments: [
            ("1234.567", Currency.usd, "USD amounts have at most 2 decimal places"),
            ("1235.0", .jpy, "JPY amounts have no decimal places"),
            ("1.2345", .kwd, "KWD amounts have at most 3 decimal places"),
            ("92233720368547758.08", .usd, "amount out of range"),
            ("-92233720368547758.09", .usd, "amount out of range"),
            ("100000000000000000000000", .usd, "amount out of range"),
            ("", .usd, "must be a decimal amount such as 1234.50"),
            ("abc", .usd, "must be a decimal amount such as 1234.50"),
            ("1,234.56", .usd, "must be a decimal amount such as 1234.50"),
            ("1234.", .usd, "must be a decimal amount such as 1234.50"),
            (".5", .usd, "must be a decimal amount such as 1234.50"),
            ("+5", .usd, "must be a decimal amount such as 1234.50"),
            ("-", .usd, "must be a decimal amount such as 1234.50"),
            (" 5", .usd, "must be a decimal amount such as 1234.50"),
            ("5 ", .usd, "must be a decimal amount such as 1234.50"),
            ("1e3", .usd, "must be a decimal amount such as 1234.50"),
            ("USD 5.00", .usd, "must be a decimal amount such as 1234.50"),
            ("$5", .usd, "must be a decimal amount such as 1234.50"),
            ("5.0.0", .usd, "must be a decimal amount such as 1234.50"),
            ("--5", .usd, "must be a decimal amount such as 1234.50"),
            ("١٢", .usd, "must be a decimal amount such as 1234.50"),
        ])
    func rejection(text: String, currency: Currency, message: String) {
        #expect(throws: PortalError.invalid(message, field: "payment.amount")) {
            try Money(decimal: text, currency: currency, field: "payment.amount")
        }
    }

    @Test func defaultFieldIsAmount() {
        let error = #expect(throws: PortalError.self) { try Money(decimal: "x", currency: .usd) }
        #expect(error?.field == "amount")
    }

    @Test("decimalString and formatted() round-trip for 20,000 random amounts in every exponent")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 0xF0F0)
        let currencies = [Currency.jpy, .usd, .kwd, Self.clf]
        for _ in 0..<20_000 {
            let money = Money(minorUnits: generator.int64(), currency: currencies.randomElement(using: &generator)!)
            let decimal = money.decimalString
            #expect(try Money(decimal: decimal, currency: money.currency) == money, "\(decimal)")
            // The human form is the same number with a code and grouping commas.
            var human = money.formatted()
            let negative = human.hasPrefix("-")
            if negative { human.removeFirst() }
            #expect(human.hasPrefix(money.currency.code + " "))
            let number = human.dropFirst(4)
            let groups = number.split(separator: ".")[0].split(separator: ",")
            #expect(groups.first!.count <= 3 && groups.first!.count >= 1)
            #expect(groups.dropFirst().allSatisfy { $0.count == 3 })
            let ungrouped = (negative ? "-" : "") + String(number.filter { $0 != "," })
            #expect(ungrouped == decimal)
            // Exactly the currency's exponent of fraction digits.
            let fraction = decimal.split(separator: ".").dropFirst().first ?? ""
            #expect(fraction.count == money.currency.minorUnitExponent)
        }
    }
}
