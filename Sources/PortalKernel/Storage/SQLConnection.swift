/// A database connection inside one transaction, handed to the body of
/// ``Database/read(_:_:)`` and ``Database/write(_:_:)``.
///
/// Every method blocks: bodies run on the storage adapter's dedicated thread pool, never on
/// an event loop or the cooperative pool. A connection is valid only inside the body that
/// received it and must not escape it.
///
/// Errors are `PortalError`s: a unique or foreign-key violation is `conflict` (with
/// ``PortalError/constraint`` set), a NOT NULL or CHECK violation is `invalid`, a lost server
/// or a busy database is `unavailable`.
public protocol SQLConnection {
    /// The dialect of the database behind this connection.
    var dialect: SQLDialect { get }

    /// Runs a statement and returns all its rows.
    func query(_ statement: SQLStatement) throws -> [SQLRow]

    /// Runs a statement and calls `body` for each row as it is read, without holding the
    /// whole result in memory (as far as the backend allows).
    func forEachRow(_ statement: SQLStatement, _ body: (SQLRow) throws -> Void) throws

    /// Runs a statement that returns no rows; returns the number of rows it changed.
    @discardableResult
    func execute(_ statement: SQLStatement) throws -> Int

    /// Runs several `;`-separated statements with no parameters (migrations, test fixtures).
    func executeScript(_ sql: String) throws
}

extension SQLConnection {
    /// The first row, or `nil` when there is none.
    public func queryFirst(_ statement: SQLStatement) throws -> SQLRow? {
        var first: SQLRow?
        try forEachRow(statement) { row in
            if first == nil { first = row }
        }
        return first
    }

    /// The single value of the first row's first column, decoded as `T`, or `nil` without rows.
    public func queryScalar<T: SQLDecodable>(_ statement: SQLStatement, as type: T.Type = T.self) throws -> T? {
        guard let row = try queryFirst(statement) else { return nil }
        return try row.get(at: 0, as: T.self)
    }
}
