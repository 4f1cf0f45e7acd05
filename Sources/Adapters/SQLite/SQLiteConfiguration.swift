import PortalKernel

/// How ``SQLiteDatabase`` opens and runs one SQLite file.
///
/// Only the path is required; every other setting has a default suited to a server process:
///
/// ```swift
/// let database = try SQLiteDatabase(configuration: SQLiteConfiguration(path: "/var/lib/portal/portal.db"), logger: logger)
/// ```
public struct SQLiteConfiguration: Sendable, Hashable {
    /// The database file. It is created when missing, but its directory must already exist.
    /// In-memory databases (`:memory:`) are not supported: every connection would see its own.
    public var path: String
    /// How many read-only connections serve ``SQLiteDatabase/read(_:_:)`` concurrently (at least 1).
    public var readerCount: Int
    /// How long a connection waits for a lock held by another connection or process before
    /// reporting `SQLITE_BUSY` (after which writes are retried as a whole).
    public var busyTimeout: Duration
    /// How many prepared statements each connection keeps, least recently used evicted first.
    public var statementCacheCapacity: Int

    /// - Parameters:
    ///   - path: the database file; its directory must exist.
    ///   - readerCount: read-only connections (clamped to at least 1).
    ///   - busyTimeout: the SQLite busy timeout per statement (clamped to 0…`Int32.max` ms).
    ///   - statementCacheCapacity: prepared statements kept per connection (0 disables the cache).
    public init(
        path: String,
        readerCount: Int = 4,
        busyTimeout: Duration = .seconds(5),
        statementCacheCapacity: Int = 64
    ) {
        self.path = path
        self.readerCount = readerCount
        self.busyTimeout = busyTimeout
        self.statementCacheCapacity = statementCacheCapacity
    }

    /// ``readerCount``, at least 1.
    var effectiveReaderCount: Int { max(1, readerCount) }

    /// ``busyTimeout`` in whole milliseconds, as SQLite takes it.
    var busyTimeoutMilliseconds: Int32 {
        let milliseconds = busyTimeout.microseconds / 1_000
        return Int32(clamping: max(0, milliseconds))
    }
}
