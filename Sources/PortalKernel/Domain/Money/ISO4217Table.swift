/// The ISO 4217 list of active currency and funds codes with their minor-unit exponents
/// (the number of decimal places of the minor unit), as maintained by SIX for ISO.
///
/// Included: every code of the current list that has a minor unit, funds codes among them
/// (`BOV`, `CHE`, `CHW`, `CLF`, `COU`, `MXV`, `USN`, `UYI`, `UYW`). Excluded: codes whose minor
/// unit is "N.A." (precious metals `XAU`/`XAG`/`XPD`/`XPT`, `XDR`, `XSU`, `XUA`, the bond-market
/// units `XBA`–`XBD`, and the testing/no-currency codes `XTS`/`XXX`), and withdrawn codes
/// (`HRK`, `CUC`, `SLL`, `ZWL`, `ANG`, …). Recent additions: `VED` (2021), `SLE` (2022),
/// `ZWG` (2024), `XCG` (2025).
enum ISO4217Table {
    /// Minor-unit exponent by upper-case alphabetic code.
    static let exponents: [String: Int] = {
        var table: [String: Int] = [:]
        for code in zeroDecimal { table[code] = 0 }
        for code in twoDecimal { table[code] = 2 }
        for code in threeDecimal { table[code] = 3 }
        for code in fourDecimal { table[code] = 4 }
        return table
    }()

    /// Codes whose minor unit is the unit itself.
    static let zeroDecimal = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF",
        "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    ]

    /// Codes with cents (hundredths).
    static let twoDecimal = [
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM",
        "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN",
        "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY", "COP",
        "COU", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN",
        "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ",
        "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IRR", "JMD",
        "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
        "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
        "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
        "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR", "RON",
        "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
        "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT",
        "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "USN", "UYU", "UZS",
        "VED", "VES", "WST", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
    ]

    /// Codes with thousandths.
    static let threeDecimal = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    /// Codes with four decimal places (units of account).
    static let fourDecimal = ["CLF", "UYW"]
}
