/// A value bound to, or read from, a SQL statement.
///
/// The cases are the portable vocabulary both storage adapters speak. Adapters bind each
/// case natively (SQLite: integer/real/text/blob; PostgreSQL: text-format parameters whose
/// type the server infers from context) and normalise what they read back:
///
/// | case | SQLite stores | PostgreSQL column |
/// |---|---|---|
/// | `integer` | INTEGER | `bigint`, `integer`, `smallint` |
/// | `real` | REAL | `double precision` (never for money) |
/// | `text` | TEXT | `text`, `uuid`, `numeric`, … |
/// | `blob` | BLOB | `bytea` |
/// | `bool` | INTEGER 0/1 | `boolean` |
/// | `timestamp` | TEXT, ``Instant/iso8601`` (fixed width, sorts correctly) | `timestamptz` |
/// | `date` | TEXT `YYYY-MM-DD` | `date` |
///
/// Reading is lenient where the backends differ: a `bool` may come back as `integer`, a
/// `timestamp` as `text`; the ``SQLDecodable`` conformances accept both.
public enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)
    case timestamp(Instant)
    case date(LocalDate)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short description that never prints bound text or bytes (they may hold personal data).
    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer: "integer"
        case .real: "real"
        case .text(let text): "text(\(text.utf8.count) bytes)"
        case .blob(let bytes): "blob(\(bytes.count) bytes)"
        case .bool: "bool"
        case .timestamp: "timestamp"
        case .date: "date"
        }
    }
}
