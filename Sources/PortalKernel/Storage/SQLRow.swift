/// One row of a result, with its values normalised by the adapter (see ``SQLValue``).
///
/// ```swift
/// let name: String = try row.get("name")
/// let archivedAt: Instant? = try row.get("archived_at")
/// ```
public struct SQLRow: Sendable {
    /// Column names shared by every row of one result.
    public let columns: SQLColumns
    /// Values in column order.
    public let values: [SQLValue]

    public init(columns: SQLColumns, values: [SQLValue]) {
        precondition(columns.names.count == values.count, "a row must have one value per column")
        self.columns = columns
        self.values = values
    }

    /// The raw value of `column`; throws `internal` when there is no such column.
    public func value(_ column: String) throws -> SQLValue {
        guard let index = columns.index(of: column) else {
            throw PortalError.internal(debugDetail: "result has no column '\(column)' (has \(columns.names))")
        }
        return values[index]
    }

    /// Decodes `column` as `T`. A NULL decodes only into an `Optional`.
    public func get<T: SQLDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decode(try value(column), column: column)
    }

    /// Decodes the value at `index` (0-based) as `T`.
    public func get<T: SQLDecodable>(at index: Int, as type: T.Type = T.self) throws -> T {
        try decode(values[index], column: columns.names[index])
    }

    private func decode<T: SQLDecodable>(_ value: SQLValue, column: String) throws -> T {
        do {
            if value.isNull, !(T.self is any _OptionalMarker.Type) {
                throw SQLDecodingError(expected: "\(T.self)", found: value)
            }
            return try T(sqlValue: value)
        } catch let error as SQLDecodingError {
            throw PortalError.internal(debugDetail: "column '\(column)': \(error)")
        }
    }
}

/// Lets ``SQLRow`` tell an optional target type from a non-optional one.
public protocol _OptionalMarker {}
extension Optional: _OptionalMarker {}

/// The column names of a result, with a name → index lookup built once per result.
public final class SQLColumns: Sendable {
    public let names: [String]
    private let indexes: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var indexes = [String: Int](minimumCapacity: names.count)
        for (index, name) in names.enumerated() where indexes[name] == nil {
            indexes[name] = index
        }
        self.indexes = indexes
    }

    public func index(of name: String) -> Int? { indexes[name] }
}
