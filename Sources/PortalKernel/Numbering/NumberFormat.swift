/// Turns a sequence value into document text with a pattern such as `INV-{period}-{n:5}`.
///
/// Placeholders: `{n}` the value, `{n:W}` the value zero-padded to at least W digits, `{period}`
/// the sequence period, `{yyyy}`/`{mm}` the year and month of a ``LocalDate``. Text outside braces
/// is copied as it is.
///
/// ```swift
/// NumberFormat("CT-{yyyy}-{n:5}").format(17, date: LocalDate(year: 2026, month: 3, day: 1)!)  // "CT-2026-00017"
/// ```
public struct NumberFormat: Sendable, Hashable {
    public let pattern: String

    public init(_ pattern: String) {
        self.pattern = pattern
    }

    /// Formats `value`, filling `{period}` from `period` and `{yyyy}`/`{mm}` from `date`.
    public func format(_ value: Int64, period: String = "", date: LocalDate? = nil) -> String {
        var out = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let token = rest[rest.index(after: open)..<close]
            out += expand(token, value: value, period: period, date: date) ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    private func expand(_ token: Substring, value: Int64, period: String, date: LocalDate?) -> String? {
        switch token {
        case "n": return String(value)
        case "period": return period
        case "yyyy": return date.map { pad(Int64($0.year), 4) }
        case "mm": return date.map { pad(Int64($0.month), 2) }
        default:
            guard token.hasPrefix("n:"), let width = Int(token.dropFirst(2)), (1...18).contains(width) else { return nil }
            return value < 0 ? String(value) : pad(value, width)
        }
    }
}
