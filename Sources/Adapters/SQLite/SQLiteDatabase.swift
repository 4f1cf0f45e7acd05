import Foundation
import Logging
import PortalBlocking
import PortalKernel

/// The storage port over one SQLite file: a single writer connection and a pool of readers,
/// in WAL mode, all driven from a dedicated ``BlockingThreadPool``.
///
/// ```swift
/// let database = try await SQLiteDatabase.open(
///     configuration: SQLiteConfiguration(path: "/var/lib/portal/portal.db"), logger: logger)
/// let count = try await database.read { connection in
///     try connection.queryScalar("SELECT COUNT(*) FROM notes", as: Int.self) ?? 0
/// }
/// await database.close()
/// ```
///
/// - ``write(_:_:)`` runs on the one writer connection inside `BEGIN IMMEDIATE` … `COMMIT`, so
///   write transactions are serialised and take the file's write lock up front. When another
///   process holds that lock past ``SQLiteConfiguration/busyTimeout``, the whole body is run
///   again, up to ``TransactionOptions/maxRetries`` times with a short growing pause, and then
///   the call fails with `unavailable`.
/// - ``read(_:_:)`` runs on a reader connection (`PRAGMA query_only=1`) inside a deferred
///   `BEGIN` … `COMMIT`: one consistent snapshot, never blocked by the writer (WAL).
/// - ``TransactionOptions/tenantScope`` has no effect: SQLite has no row-level security, so
///   tenant isolation rests on the queries alone.
/// - Every connection has `foreign_keys=ON`, `synchronous=NORMAL` and the busy timeout.
/// - Values are stored as the table on ``SQLValue`` describes (booleans as 0/1, instants and
///   dates as fixed-width ISO 8601 text).
///
/// Call ``close()`` when done: it waits for running transactions, closes every connection and
/// stops the threads. Later calls fail with `unavailable`.
public final class SQLiteDatabase: Database, OnlineBackup {
    /// The settings this database was opened with.
    public let configuration: SQLiteConfiguration
    let logger: Logger
    let threads: BlockingThreadPool
    /// The single read-write connection.
    let writer: ConnectionPool<SQLiteConnection>
    /// The read-only connections.
    let readers: ConnectionPool<SQLiteConnection>
    let lifecycle = SQLiteLifecycle()

    /// SQLite: one writer at a time, no row locks.
    public var dialect: SQLDialect { .sqlite }

    /// Opens the database file, creating it when missing (its directory must exist), and
    /// switches it to WAL mode.
    ///
    /// This initializer opens the file once on the calling thread to report a bad path at
    /// once; from async code prefer ``open(configuration:logger:)``, which does that on the
    /// database's own threads.
    /// - Throws: `unavailable` naming the path when the file cannot be opened.
    public convenience init(configuration: SQLiteConfiguration, logger: Logger = Logger(label: "portal.sqlite")) throws {
        let probe = try SQLiteConnection(path: configuration.path, role: .writer, configuration: configuration)
        probe.close()
        self.init(checked: configuration, logger: logger)
    }

    /// Opens the database file, creating it when missing (its directory must exist), and
    /// switches it to WAL mode; the blocking work runs on the database's own threads.
    /// - Throws: `unavailable` naming the path when the file cannot be opened.
    public static func open(
        configuration: SQLiteConfiguration,
        logger: Logger = Logger(label: "portal.sqlite")
    ) async throws -> SQLiteDatabase {
        let database = SQLiteDatabase(checked: configuration, logger: logger)
        do {
            // Opens the writer (the first connection, which sets WAL) and keeps it in the pool.
            try await database.writer.withConnection { _ in }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    private init(checked configuration: SQLiteConfiguration, logger: Logger) {
        var logger = logger
        logger[metadataKey: "sqlite.path"] = .string(configuration.path)
        let readerCount = configuration.effectiveReaderCount
        let threads = BlockingThreadPool(name: "sqlite", threads: readerCount + 1)
        let path = configuration.path
        let connectionLogger = logger
        func pool(_ role: SQLiteConnection.Role, size: Int) -> ConnectionPool<SQLiteConnection> {
            ConnectionPool(
                maxConnections: size,
                threads: threads,
                open: {
                    let connection = try SQLiteConnection(path: path, role: role, configuration: configuration)
                    connectionLogger.debug("opened SQLite connection", metadata: ["sqlite.role": .string(role.rawValue)])
                    return connection
                },
                close: { $0.close() },
                isReusable: { !$0.inTransaction }
            )
        }
        self.configuration = configuration
        self.logger = logger
        self.threads = threads
        self.writer = pool(.writer, size: 1)
        self.readers = pool(.reader, size: readerCount)
    }

    // MARK: Database

    /// Runs `body` in a read-only snapshot on a reader connection. `tenantScope` is ignored.
    public func read<Result: Sendable>(
        _ options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await transaction(on: readers, begin: "BEGIN", kind: "read", options: options, body)
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer connection, retrying it as a
    /// whole while the file stays locked by another process. `tenantScope` is ignored.
    public func write<Result: Sendable>(
        _ options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await transaction(on: writer, begin: "BEGIN IMMEDIATE", kind: "write", options: options, body)
    }

    /// Runs `SELECT 1` on a reader connection; throws `unavailable` when that fails.
    public func ping() async throws {
        try lifecycle.enter()
        defer { lifecycle.leave() }
        do {
            let one = try await readers.withConnection { connection in
                try connection.queryScalar("SELECT 1", as: Int64.self)
            }
            guard one == 1 else {
                throw PortalError.unavailable(
                    "The SQLite database did not answer.", debugDetail: "SELECT 1 returned \(one.map(String.init) ?? "no row")")
            }
        } catch let error as PortalError where error.code != .unavailable {
            throw PortalError.unavailable("The SQLite database did not answer.", debugDetail: error.debugDetail)
        }
    }

    /// Waits for running transactions, closes every connection and stops the threads.
    /// Later calls fail with `unavailable`; closing again does nothing.
    public func close() async {
        guard await lifecycle.close() else { return }
        await writer.close()
        await readers.close()
        await threads.shutdownGracefully()
        logger.debug("closed SQLite database")
    }

    // MARK: Transactions

    /// Runs one transaction on a connection of `pool`, retrying it while SQLite reports busy.
    private func transaction<Result: Sendable>(
        on pool: ConnectionPool<SQLiteConnection>,
        begin: String,
        kind: String,
        options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try lifecycle.enter()
        defer { lifecycle.leave() }
        var retries = 0
        while true {
            do {
                return try await pool.withConnection { connection in
                    try connection.transaction(begin: begin, body)
                }
            } catch let busy as SQLiteBusyFailure {
                guard retries < options.maxRetries else {
                    logger.warning(
                        "SQLite \(kind) transaction gave up: database busy",
                        metadata: ["sqlite.attempts": .stringConvertible(retries + 1)])
                    throw PortalError.unavailable(
                        "The database is busy; try again shortly.",
                        debugDetail: "\(busy.error.debugDetail ?? "SQLITE_BUSY") (after \(retries + 1) attempts)")
                }
                retries += 1
                logger.debug(
                    "SQLite \(kind) transaction busy; retrying",
                    metadata: ["sqlite.retry": .stringConvertible(retries)])
                try await Task.sleep(for: Self.pause(beforeRetry: retries))
            }
        }
    }

    /// A short pause that grows with each retry (10, 20, 40 … 320 ms), with jitter so that
    /// processes waiting on the same lock do not retry in step.
    static func pause(beforeRetry retry: Int) -> Duration {
        let base = 10 << min(max(retry - 1, 0), 5)
        return .milliseconds(base + Int.random(in: 0...(base / 2)))
    }
}
