/// An exact percentage with up to four decimal places: a tax rate, a discount, a fee.
///
/// Stored as an integer number of millionths of the whole (parts per million), so `15%` is
/// `150_000`, `12.5%` is `125_000` and `0.0001%` is `1`. Percentages may exceed 100 (a markup)
/// and may be negative (an adjustment); callers that need a range check it themselves.
///
/// Codable as a decimal string without the percent sign (`"12.5"`); decoding also accepts a
/// JSON integer (`15`). Apply one with ``Money/percentage(_:rounding:)``,
/// ``Money/applyingDiscount(_:rounding:)`` or ``Money/applyingTax(_:rounding:)``.
///
/// ```swift
/// let vat = try Percentage("15")
/// let rate: Percentage = 20
/// ```
public struct Percentage: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Parts per million in 1%: `1% == Percentage(partsPerMillion: 10_000)`.
    public static let partsPerMillionPerPercent: Int64 = 10_000
    /// Decimal places of a percent that can be represented.
    public static let decimalPlaces = 4

    /// The percentage as parts per million of the whole (`15%` is `150_000`).
    public let partsPerMillion: Int64

    /// A percentage of `partsPerMillion` / 1,000,000 of the whole.
    public init(partsPerMillion: Int64) {
        self.partsPerMillion = partsPerMillion
    }

    /// A whole percentage from a literal: `let rate: Percentage = 15` is 15%.
    public init(integerLiteral value: Int64) {
        let (scaled, overflow) = value.multipliedReportingOverflow(by: Percentage.partsPerMillionPerPercent)
        precondition(!overflow, "percentage literal out of range")
        self.partsPerMillion = scaled
    }

    /// Parses a percent such as `"15"`, `"12.5"`, `"7.75"` or `"0.0001"` (no `%` sign).
    ///
    /// - Throws: `PortalError.invalid` with `field` when the text is not a plain decimal, has more
    ///   than four decimal places, or is out of range.
    public init(_ text: String, field: String = "percentage") throws {
        do throws(DecimalAmountText.Failure) {
            self.partsPerMillion = try DecimalAmountText.parse(text, scale: Percentage.decimalPlaces)
        } catch {
            throw Percentage.error(for: error, field: field)
        }
    }

    /// 0%.
    public static let zero = Percentage(partsPerMillion: 0)
    /// 100%.
    public static let hundred = Percentage(partsPerMillion: 1_000_000)

    /// The shortest exact decimal text of the percent: `"15"`, `"12.5"`, `"0.0001"`.
    public var stringValue: String {
        DecimalAmountText.format(partsPerMillion, scale: Percentage.decimalPlaces, trimmingZeros: true)
    }

    /// ``stringValue`` with a percent sign: `"12.5%"`.
    public var description: String { stringValue + "%" }

    /// Orders by value.
    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.partsPerMillion < rhs.partsPerMillion }

    /// Encodes ``stringValue``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stringValue)
    }

    /// Decodes a decimal string or a whole JSON integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let whole = try? container.decode(Int64.self) {
            let (scaled, overflow) = whole.multipliedReportingOverflow(by: Percentage.partsPerMillionPerPercent)
            guard !overflow else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "percentage out of range")
            }
            self.partsPerMillion = scaled
            return
        }
        let text = try container.decode(String.self)
        do throws(DecimalAmountText.Failure) {
            self.partsPerMillion = try DecimalAmountText.parse(text, scale: Percentage.decimalPlaces)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: Percentage.error(for: error, field: "").message)
        }
    }

    private static func error(for failure: DecimalAmountText.Failure, field: String) -> PortalError {
        switch failure {
        case .malformed: .invalid("percentage must be a decimal number such as 12.5", field: field)
        case .tooManyDecimals: .invalid("percentage has more than 4 decimal places", field: field)
        case .outOfRange: .invalid("percentage out of range", field: field)
        }
    }
}
