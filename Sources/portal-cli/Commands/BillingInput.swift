import Foundation
import PortalKernel

/// What operators type for billing commands, read exactly: dates, decimal amounts (never
/// floating point), invoice lines and `label=value` pairs. Every failure is `invalid` naming the
/// field, so it exits 2 like any other bad input.
enum BillingInput {
    /// A `YYYY-MM-DD` day.
    static func date(_ text: String, field: String) throws -> LocalDate {
        guard let date = LocalDate(iso8601: text.trimmingCharacters(in: .whitespaces)) else {
            throw PortalError.invalid("\(field) must be a date such as 2026-11-21.", field: field)
        }
        return date
    }

    /// One of `Value`'s raw values, for a required option: ``InputValidation/choice(_:as:field:)``
    /// without the optional.
    static func choice<Value: RawRepresentable & CaseIterable>(
        _ text: String, as type: Value.Type, field: String
    ) throws -> Value where Value.RawValue == String {
        guard let value = try InputValidation.choice(text, as: type, field: field) else {
            throw PortalError.invalid("\(field) is required.", field: field)
        }
        return value
    }

    /// An ISO 4217 code (`ZAR`), or nil when not given.
    static func currency(_ text: String?, field: String = "currency") throws -> Currency? {
        try text.map { try Currency(code: $0.uppercased(), field: field) }
    }

    /// Decimal text (`1500.00`) in minor units of `currency`, through ``Money/init(decimal:currency:field:)``.
    static func amount(_ text: String, currency: Currency, field: String) throws -> Int64 {
        try Money(decimal: text.trimmingCharacters(in: .whitespaces), currency: currency, field: field).minorUnits
    }

    /// A positive whole number of usage credits.
    static func credits(_ text: String, field: String = "credits") throws -> Int64 {
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
            throw PortalError.invalid("\(field) must be a whole number of credits.", field: field)
        }
        return value
    }

    /// `label=value`, split at the first `=`; both parts required.
    static func pair(_ text: String, field: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "=") else {
            throw PortalError.invalid("\(field) must be written LABEL=VALUE.", field: field)
        }
        let label = text[..<equals].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty, !value.isEmpty else {
            throw PortalError.invalid("\(field) must be written LABEL=VALUE.", field: field)
        }
        return (label, value)
    }

    /// An invoice line written `description|quantity|unit amount[|tax code]`, the quantity
    /// optional (`Hosting||100.00` is one unit): `Website build|1|1500.00|VAT`. Fields are named
    /// like the kernel's (`lines[0].unit_amount`), counting `--line` options from 0.
    static func line(_ text: String, index: Int, currency: Currency) throws -> InvoiceLineInput {
        let field = "lines[\(index)]"
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard (3...4).contains(parts.count) else {
            throw PortalError.invalid(
                "A line is written \"description|quantity|unit amount|tax code\" (the tax code is optional).", field: field)
        }
        let quantity = parts[1].isEmpty ? nil : try Quantity(parts[1], field: "\(field).quantity")
        let taxCode = parts.count == 4 && !parts[3].isEmpty ? parts[3] : nil
        return InvoiceLineInput(
            description: parts[0], quantity: quantity,
            unitAmount: try amount(parts[2], currency: currency, field: "\(field).unit_amount"), taxCode: taxCode)
    }

    /// The first day of the month `months` before `date`'s month.
    static func startOfMonth(_ date: LocalDate, monthsBefore months: Int) -> LocalDate {
        let first = LocalDate(year: date.year, month: date.month, day: 1) ?? date
        return first.adding(months: -months)
    }
}

/// `label: value` lines with the values aligned, for `show` commands.
struct DetailLines {
    var lines: [(String, String)]

    init(_ lines: [(String, String)]) {
        self.lines = lines
    }

    var rendered: String {
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { label, value in
            label + ":" + String(repeating: " ", count: width - label.count + 2) + value
        }.joined(separator: "\n") + "\n"
    }
}

extension Money {
    /// `minorUnits` of `currency`, formatted (`ZAR 1,500.00`).
    static func text(_ minorUnits: Int64, _ currency: Currency) -> String {
        Money(minorUnits: minorUnits, currency: currency).formatted()
    }
}

extension Sequence<Money> {
    /// Amounts in several currencies, one after the other (`USD 10.00, ZAR 1,500.00`), or `-`.
    var listText: String {
        let parts = map { $0.formatted() }
        return parts.isEmpty ? "-" : parts.joined(separator: ", ")
    }
}
