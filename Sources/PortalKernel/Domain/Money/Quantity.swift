/// An exact decimal quantity with up to three decimal places: hours worked, units sold.
///
/// Stored as an integer count of thousandths, so `2.5` hours is `2500`. Quantities may be
/// negative (a credit line). Multiply a price by a quantity with
/// ``Money/multiplied(by:rounding:)``.
///
/// Codable as a decimal string (`"2.5"`); decoding also accepts a JSON integer (`3`).
/// Never a floating-point number.
///
/// ```swift
/// let hours = try Quantity("2.5")
/// let fee = try Money(decimal: "150.00", currency: .usd).multiplied(by: hours)  // USD 375.00
/// ```
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// Thousandths per whole unit.
    public static let scale: Int64 = 1_000
    /// Decimal places a quantity can carry.
    public static let decimalPlaces = 3

    /// The quantity in thousandths (`2.5` is `2500`).
    public let thousandths: Int64

    /// A quantity of `thousandths` / 1000.
    public init(thousandths: Int64) {
        self.thousandths = thousandths
    }

    /// A whole quantity from a literal, such as `let quantity: Quantity = 3`.
    public init(integerLiteral value: Int64) {
        let (scaled, overflow) = value.multipliedReportingOverflow(by: Quantity.scale)
        precondition(!overflow, "quantity literal out of range")
        self.thousandths = scaled
    }

    /// Parses a decimal such as `"2.5"`, `"-1"` or `"0.125"`.
    ///
    /// - Throws: `PortalError.invalid` with `field` when the text is not a plain decimal, has more
    ///   than three decimal places, or is out of range.
    public init(_ text: String, field: String = "quantity") throws {
        do throws(DecimalAmountText.Failure) {
            self.thousandths = try DecimalAmountText.parse(text, scale: Quantity.decimalPlaces)
        } catch {
            throw Quantity.error(for: error, field: field)
        }
    }

    /// Zero.
    public static let zero = Quantity(thousandths: 0)

    /// The shortest exact decimal text: `"2.5"`, `"3"`, `"-0.125"`.
    public var stringValue: String {
        DecimalAmountText.format(thousandths, scale: Quantity.decimalPlaces, trimmingZeros: true)
    }

    /// Same as ``stringValue``.
    public var description: String { stringValue }

    /// Orders by value.
    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.thousandths < rhs.thousandths }

    /// Encodes ``stringValue``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stringValue)
    }

    /// Decodes a decimal string or a whole JSON integer.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let whole = try? container.decode(Int64.self) {
            let (scaled, overflow) = whole.multipliedReportingOverflow(by: Quantity.scale)
            guard !overflow else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "quantity out of range")
            }
            self.thousandths = scaled
            return
        }
        let text = try container.decode(String.self)
        do throws(DecimalAmountText.Failure) {
            self.thousandths = try DecimalAmountText.parse(text, scale: Quantity.decimalPlaces)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: Quantity.error(for: error, field: "").message)
        }
    }

    private static func error(for failure: DecimalAmountText.Failure, field: String) -> PortalError {
        switch failure {
        case .malformed: .invalid("quantity must be a decimal number such as 2.5", field: field)
        case .tooManyDecimals: .invalid("quantity has more than 3 decimal places", field: field)
        case .outOfRange: .invalid("quantity out of range", field: field)
        }
    }
}
