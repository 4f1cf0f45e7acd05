/// An active ISO 4217 currency: its three-letter code and how many decimal places its
/// minor unit has (USD 2: cents; JPY 0; KWD 3: fils; CLF 4).
///
/// Only codes from the ISO 4217 table can be constructed, so a `Currency` always knows its
/// exponent. Two currencies are equal when their codes are.
///
/// Codable as the code string (`"USD"`); bound to SQL as text.
///
/// ```swift
/// let currency = try Currency(code: "zar")   // ZAR, exponent 2
/// try Currency(code: "ABC", field: "invoice.currency")  // throws invalid("unknown currency")
/// ```
public struct Currency: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The upper-case ISO 4217 alphabetic code, such as `USD`.
    public let code: String
    /// Decimal places of the minor unit: 2 for USD (cents), 0 for JPY, 3 for KWD.
    public let minorUnitExponent: Int

    /// Looks `code` up in the ISO 4217 table, ignoring ASCII case.
    ///
    /// - Parameter field: the input field named in the error.
    /// - Throws: `PortalError.invalid("unknown currency", field: field)` for anything that is not
    ///   an active code.
    public init(code: String, field: String = "currency") throws {
        guard let currency = Currency.lookup(code) else {
            throw PortalError.invalid("unknown currency", field: field)
        }
        self = currency
    }

    /// A currency known to be in the table; only for the constants below.
    private init(known code: String) {
        self.code = code
        self.minorUnitExponent = ISO4217Table.exponents[code] ?? 2
    }

    /// The currency for `code` (any ASCII case), or `nil` when it is not an active ISO 4217 code.
    public static func lookup(_ code: String) -> Currency? {
        let bytes = Array(code.utf8)
        guard bytes.count == 3 else { return nil }
        var upper: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): upper.append(byte - 32)
            default: return nil
            }
        }
        let normalized = String(decoding: upper, as: UTF8.self)
        guard ISO4217Table.exponents[normalized] != nil else { return nil }
        return Currency(known: normalized)
    }

    /// Every active currency in the table, ordered by code.
    public static let all: [Currency] = ISO4217Table.exponents.keys.sorted().map(Currency.init(known:))

    /// Minor units in one major unit: 10^``minorUnitExponent`` (100 for USD, 1 for JPY).
    public var minorUnitsPerUnit: Int64 { DecimalAmountText.powerOfTen(minorUnitExponent) }

    /// The code, such as `USD`.
    public var description: String { code }

    /// Orders by code, so lists of currencies sort alphabetically.
    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }

    /// Encodes the code string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// Decodes a code string; an unknown code is a data-corrupted error reading "unknown currency".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let currency = Currency.lookup(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown currency")
        }
        self = currency
    }

    // MARK: Common currencies

    /// United States dollar (2).
    public static let usd = Currency(known: "USD")
    /// Euro (2).
    public static let eur = Currency(known: "EUR")
    /// Pound sterling (2).
    public static let gbp = Currency(known: "GBP")
    /// South African rand (2).
    public static let zar = Currency(known: "ZAR")
    /// Canadian dollar (2).
    public static let cad = Currency(known: "CAD")
    /// Australian dollar (2).
    public static let aud = Currency(known: "AUD")
    /// Swiss franc (2).
    public static let chf = Currency(known: "CHF")
    /// Japanese yen (0).
    public static let jpy = Currency(known: "JPY")
    /// South Korean won (0).
    public static let krw = Currency(known: "KRW")
    /// Kuwaiti dinar (3).
    public static let kwd = Currency(known: "KWD")
    /// Bahraini dinar (3).
    public static let bhd = Currency(known: "BHD")
}

extension Currency: SQLEncodable, SQLDecodable {
    /// The code as text.
    public var sqlValue: SQLValue { .text(code) }

    /// Reads a code from a text column.
    public init(sqlValue: SQLValue) throws {
        guard case .text(let text) = sqlValue, let currency = Currency.lookup(text) else {
            throw SQLDecodingError(expected: "ISO 4217 currency code", found: sqlValue)
        }
        self = currency
    }
}
