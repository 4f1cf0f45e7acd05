/// How often a subscription bills: a whole number of calendar months, 1 to 120.
///
/// Named intervals have constants (``monthly``, ``quarterly``, ``yearly``); any other length
/// is written as a count of months. Codable as the integer number of months (`3`).
///
/// ```swift
/// let interval = try BillingInterval(name: "quarterly")   // 3 months
/// interval.name                                            // "quarter"
/// try BillingInterval(months: 6).name                      // "6 months"
/// ```
public struct BillingInterval: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The accepted lengths, in months.
    public static let allowedMonths: ClosedRange<Int> = 1...120

    /// The length of one period in calendar months, within ``allowedMonths``.
    public let months: Int

    /// An interval of `months` calendar months.
    ///
    /// - Throws: `PortalError.invalid` with field `interval_months` outside 1...120.
    public init(months: Int) throws {
        try self.init(months: months, field: "interval_months")
    }

    private init(months: Int, field: String) throws {
        guard Self.allowedMonths.contains(months) else {
            throw PortalError.invalid("billing interval must be 1 to 120 months", field: field)
        }
        self.months = months
    }

    /// A length already known to be in range; only for the constants below.
    private init(known months: Int) {
        self.months = months
    }

    /// One month.
    public static let monthly = BillingInterval(known: 1)
    /// Three months.
    public static let quarterly = BillingInterval(known: 3)
    /// Twelve months.
    public static let yearly = BillingInterval(known: 12)

    /// `"month"`, `"quarter"`, `"year"`, or `"N months"` for any other length.
    public var name: String {
        switch months {
        case 1: "month"
        case 3: "quarter"
        case 12: "year"
        default: "\(months) months"
        }
    }

    /// Same as ``name``.
    public var description: String { name }

    /// Parses an interval name, ignoring ASCII case: `month`/`monthly`, `quarter`/`quarterly`,
    /// `year`/`yearly`/`annual`/`annually`, or a number of months written as plain digits
    /// (`"6"`), optionally followed by ` months` so that every ``name`` parses back.
    ///
    /// - Throws: `PortalError.invalid` with field `interval` for anything else or a length
    ///   outside 1...120.
    public init(name: String) throws {
        let text = name.lowercased()
        switch text {
        case "month", "monthly": self = .monthly
        case "quarter", "quarterly": self = .quarterly
        case "year", "yearly", "annual", "annually": self = .yearly
        default:
            var digits = Substring(text)
            if digits.hasSuffix(" months") {
                digits = digits.dropLast(7)
            } else if digits.hasSuffix(" month") {
                digits = digits.dropLast(6)
            }
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let months = Int(digits)
            else {
                throw PortalError.invalid(
                    "interval must be month, quarter, year or a number of months", field: "interval")
            }
            try self.init(months: months, field: "interval")
        }
    }

    /// Encodes the number of months.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(months)
    }

    /// Decodes a number of months in 1...120.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let months = try container.decode(Int.self)
        guard Self.allowedMonths.contains(months) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "billing interval must be 1 to 120 months, got \(months)")
        }
        self.months = months
    }
}
