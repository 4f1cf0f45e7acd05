/// The storage port: a transactional SQL database that use cases are written against once
/// and that runs on SQLite or PostgreSQL unchanged.
///
/// Work happens in synchronous transaction bodies that the adapter runs on its own thread
/// pool. A body sees one consistent transaction; returning commits it, throwing rolls it back
/// and nothing half-written remains.
///
/// ```swift
/// let id = try await database.write { connection in
///     try connection.execute("INSERT INTO notes(id, body) VALUES (\(noteID), \(body))")
///     try jobQueue.enqueue(job, on: connection)   // same transaction: both or neither
///     return noteID
/// }
/// ```
///
/// ## Implementation requirements
/// - Run every blocking C call on a dedicated thread pool, never on the caller's executor.
/// - ``write(_:_:)`` takes the write lock up front (SQLite `BEGIN IMMEDIATE`) and retries the
///   whole body when the backend reports a transient conflict (PostgreSQL SQLSTATE `40001`,
///   `40P01`; SQLite `SQLITE_BUSY` after the busy timeout), up to
///   ``TransactionOptions/maxRetries`` times. Bodies must therefore have no effects outside the
///   connection. When retries run out, a lost race (serialization failure, deadlock) surfaces as
///   `conflict` and a database that stays locked as `unavailable`.
/// - ``read(_:_:)`` gives a read-only, consistent snapshot.
/// - Map backend errors to ``PortalError`` as documented on ``SQLConnection``.
/// - When ``TransactionOptions/tenantScope`` is set, make it visible to the database for the
///   transaction (PostgreSQL: `set_config('portal.tenant_id', …, true)`, used by row-level security).
/// - Recover from a lost server: a later call reconnects without restarting the process.
/// - Never log bound values; ``SQLStatement/description`` is safe to log.
public protocol Database: Sendable {
    /// The SQL dialect, for the few statements that differ.
    var dialect: SQLDialect { get }

    /// Runs `body` in a read-only transaction and returns its result.
    func read<Result: Sendable>(
        _ options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result

    /// Runs `body` in a write transaction, commits when it returns and rolls back when it throws.
    func write<Result: Sendable>(
        _ options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result

    /// Checks that the database answers (used by readiness probes); throws `unavailable` when not.
    func ping() async throws

    /// Closes every connection. Later calls fail with `unavailable`.
    func close() async
}

extension Database {
    /// Runs `body` in a read-only transaction with default options.
    public func read<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await read(TransactionOptions(), body)
    }

    /// Runs `body` in a write transaction with default options.
    public func write<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await write(TransactionOptions(), body)
    }
}

/// Options for one transaction.
public struct TransactionOptions: Sendable, Hashable {
    /// The tenant whose rows this transaction may touch, when known. Adapters that support
    /// row-level security enforce it a second time in the database.
    public var tenantScope: String?
    /// The most times a transient conflict is retried before the error surfaces.
    public var maxRetries: Int

    public init(tenantScope: String? = nil, maxRetries: Int = 5) {
        self.tenantScope = tenantScope
        self.maxRetries = maxRetries
    }
}

/// A database that can copy itself, consistently, while in use.
public protocol OnlineBackup: Sendable {
    /// Writes a consistent copy of the whole database to `path`.
    func backup(to path: String) async throws
}
