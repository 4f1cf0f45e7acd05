/// What differs between the databases, as data, so use cases branch on capabilities
/// rather than on backend names.
public struct SQLDialect: Sendable, Hashable, CustomStringConvertible {
    /// The backend's name: `"sqlite"` or `"postgres"`.
    public let name: String
    /// Appended to a `SELECT` that claims rows for exclusive processing: `FOR UPDATE SKIP LOCKED`
    /// where the backend has row locks, empty where writes are already serialised (SQLite).
    public let claimLockingClause: String
    /// Whether concurrent write transactions run in parallel (and may need row locks), or one at a time.
    public let hasConcurrentWriters: Bool

    /// Appended to a `SELECT` that reads rows it will change: ` FOR UPDATE` where writers run
    /// in parallel, empty where writes are already serialised (SQLite).
    public var rowLockClause: SQLStatement { hasConcurrentWriters ? " FOR UPDATE" : "" }
    /// A statement that serialises migrations across processes inside a transaction, if needed.
    public let migrationLockStatement: String?
    /// A query returning a row when the table named by `$1` exists.
    public let tableExistsQuery: String

    public init(
        name: String, claimLockingClause: String, hasConcurrentWriters: Bool, migrationLockStatement: String?,
        tableExistsQuery: String
    ) {
        self.name = name
        self.claimLockingClause = claimLockingClause
        self.hasConcurrentWriters = hasConcurrentWriters
        self.migrationLockStatement = migrationLockStatement
        self.tableExistsQuery = tableExistsQuery
    }

    public var description: String { name }

    /// SQLite: one writer at a time (`BEGIN IMMEDIATE`), no row locks.
    public static let sqlite = SQLDialect(
        name: "sqlite", claimLockingClause: "", hasConcurrentWriters: false, migrationLockStatement: nil,
        tableExistsQuery: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1")

    /// PostgreSQL: concurrent writers, `FOR UPDATE SKIP LOCKED`, an advisory lock around migrations.
    public static let postgres = SQLDialect(
        name: "postgres", claimLockingClause: " FOR UPDATE SKIP LOCKED", hasConcurrentWriters: true,
        migrationLockStatement: "SELECT pg_advisory_xact_lock(7418270001)",
        tableExistsQuery:
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1")
}
