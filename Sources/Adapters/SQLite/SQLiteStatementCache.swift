import CSQLite
import PortalKernel

/// A prepared statement with the binding index for each of its SQLite parameters.
struct SQLitePreparedStatement {
    /// The `sqlite3_stmt*`; owned by whoever holds this value (the cache, or a running statement).
    let handle: OpaquePointer
    /// For SQLite parameter `i + 1`, the index into ``SQLStatement/bindings``: `$n` maps to `n - 1`.
    let bindingIndexes: [Int]
    /// The result's column names as last read, kept with the statement so that running it
    /// again does not rebuild them (see ``SQLiteResultColumns``).
    var columns: SQLiteResultColumns?
}

/// The column names of a prepared statement's result, and the statement's re-preparation count
/// when they were read.
///
/// SQLite re-prepares a statement by itself when the schema changes (a `SELECT *` may then
/// gain columns); ``SQLiteConnection`` reads the names again whenever
/// `SQLITE_STMTSTATUS_REPREPARE` differs from ``reprepareCount`` or the column count changed.
struct SQLiteResultColumns {
    let columns: SQLColumns
    let reprepareCount: Int32
}

/// One connection's prepared statements, keyed by SQL text, bounded, least recently used evicted.
///
/// A statement is *checked out* while it runs and *checked in* afterwards (reset, bindings
/// cleared). Running the same SQL again while it is checked out (a nested query inside
/// `forEachRow`) simply prepares a second copy; on check-in a duplicate is finalized.
///
/// Owned by one ``SQLiteConnection`` and used only by the thread currently holding it.
struct SQLiteStatementCache {
    private struct Entry {
        var statement: SQLitePreparedStatement
        var lastUse: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var useCounter: UInt64 = 0
    /// The most statements kept; 0 keeps none.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        entries.reserveCapacity(self.capacity)
    }

    /// Number of statements currently cached (idle).
    var count: Int { entries.count }

    /// Takes the cached statement for `sql` out of the cache, if there is one.
    mutating func checkOut(_ sql: String) -> SQLitePreparedStatement? {
        entries.removeValue(forKey: sql)?.statement
    }

    /// Returns a statement after use: resets it, clears its bindings and keeps it, evicting the
    /// least recently used statement when full. Finalizes it instead when it cannot be kept.
    mutating func checkIn(_ sql: String, _ statement: SQLitePreparedStatement) {
        sqlite3_reset(statement.handle)
        sqlite3_clear_bindings(statement.handle)
        guard capacity > 0, entries[sql] == nil else {
            sqlite3_finalize(statement.handle)
            return
        }
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries.removeValue(forKey: oldest.key)
            sqlite3_finalize(oldest.value.statement.handle)
        }
        useCounter &+= 1
        entries[sql] = Entry(statement: statement, lastUse: useCounter)
    }

    /// Finalizes every cached statement (before the connection closes).
    mutating func removeAll() {
        for entry in entries.values { sqlite3_finalize(entry.statement.handle) }
        entries.removeAll()
    }
}
