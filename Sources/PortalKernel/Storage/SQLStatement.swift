/// A SQL statement and its bound values, written once for both databases.
///
/// Build statements with string interpolation: every interpolated value becomes a bound
/// parameter (`$1`, `$2`, … in order), never text spliced into the SQL, so a statement is
/// injection-safe by construction:
///
/// ```swift
/// let rows = try connection.query("SELECT id, name FROM companies WHERE tenant_id = \(tenantID) AND name = \(name)")
/// ```
///
/// Use ``StringInterpolation/appendInterpolation(raw:)`` only for trusted SQL fragments
/// (identifiers or clauses chosen by code, never by input), and
/// ``StringInterpolation/appendInterpolation(list:)`` for `IN (…)` lists.
///
/// Placeholders are always `$n`: PostgreSQL reads them natively and the SQLite adapter binds
/// them by name, so the same text runs on both.
public struct SQLStatement: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The SQL text with `$n` placeholders.
    public var sql: String
    /// The values for `$1 … $n`.
    public var bindings: [SQLValue]

    public init(sql: String, bindings: [SQLValue] = []) {
        self.sql = sql
        self.bindings = bindings
    }

    public init(stringLiteral value: String) {
        self.init(sql: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(sql: stringInterpolation.sql, bindings: stringInterpolation.bindings)
    }

    /// The SQL text and binding kinds, never the bound values.
    public var description: String {
        bindings.isEmpty ? sql : "\(sql) -- bindings: \(bindings.map(\.description).joined(separator: ", "))"
    }

    /// Appends another statement, renumbering its placeholders.
    public mutating func append(_ other: SQLStatement) {
        var interpolation = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        interpolation.sql = sql
        interpolation.bindings = bindings
        interpolation.appendInterpolation(other)
        sql = interpolation.sql
        bindings = interpolation.bindings
    }

    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var sql = ""
        var bindings: [SQLValue] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            bindings.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds a value as the next `$n` parameter.
        public mutating func appendInterpolation<Value: SQLEncodable>(_ value: Value) {
            bindings.append(value.sqlValue)
            sql += "$\(bindings.count)"
        }

        /// Binds an optional value: `nil` becomes SQL `NULL`.
        public mutating func appendInterpolation<Value: SQLEncodable>(_ value: Value?) {
            bindings.append(value?.sqlValue ?? .null)
            sql += "$\(bindings.count)"
        }

        /// Binds a raw ``SQLValue``.
        public mutating func appendInterpolation(value: SQLValue) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        /// Binds each element, comma-separated: `IN (\(list: ids))`. An empty list becomes `NULL`
        /// so `x IN (NULL)` matches nothing instead of being a syntax error.
        public mutating func appendInterpolation<Value: SQLEncodable>(list values: [Value]) {
            guard !values.isEmpty else {
                sql += "NULL"
                return
            }
            for (index, value) in values.enumerated() {
                if index > 0 { sql += ", " }
                appendInterpolation(value)
            }
        }

        /// Splices trusted SQL text as-is. Never pass user input.
        public mutating func appendInterpolation(raw fragment: String) {
            sql += fragment
        }

        /// Splices another statement, renumbering its `$n` placeholders after ours.
        public mutating func appendInterpolation(_ statement: SQLStatement) {
            let offset = bindings.count
            bindings.append(contentsOf: statement.bindings)
            guard offset > 0, !statement.bindings.isEmpty else {
                sql += statement.sql
                return
            }
            sql += SQLPlaceholders.renumber(statement.sql, offset: offset)
        }
    }
}

/// Helpers for `$n` placeholders shared by the kernel and the adapters.
public enum SQLPlaceholders {
    /// Adds `offset` to every `$n` placeholder outside quotes.
    public static func renumber(_ sql: String, offset: Int) -> String {
        var out = ""
        var digits = ""
        var inDollar = false, inSingle = false, inDouble = false
        func flush() {
            if inDollar {
                out += digits.isEmpty ? "$" : "$\(Int(digits)! + offset)"
                digits = ""
                inDollar = false
            }
        }
        for char in sql {
            if inDollar {
                if char.isASCII, char.isNumber {
                    digits.append(char)
                    continue
                }
                flush()
            }
            switch char {
            case "'" where !inDouble: inSingle.toggle()
            case "\"" where !inSingle: inDouble.toggle()
            case "$" where !inSingle && !inDouble:
                inDollar = true
                continue
            default: break
            }
            out.append(char)
        }
        flush()
        return out
    }
}
