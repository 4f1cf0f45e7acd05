import Foundation
import Logging
import PortalBlocking
import PortalKernel

/// The storage port on PostgreSQL, through libpq.
///
/// ```swift
/// let database = try PostgresDatabase(
///     configuration: PostgresConfiguration(url: "postgresql://portal@localhost/portal"),
///     logger: logger)
/// let count = try await database.read { connection in
///     try connection.queryScalar("SELECT count(*) FROM companies", as: Int.self) ?? 0
/// }
/// await database.close()
/// ```
///
/// - Connections are opened lazily, on first use, into a pool of
///   ``PostgresConfiguration/poolSize`` connections served by as many dedicated threads; every
///   libpq call runs there, never on the caller's executor.
/// - Each connection uses UTC, UTF-8 and the configured `statement_timeout`, and keeps up to
///   128 prepared statements (least recently used evicted), parameters typed by the server.
/// - ``write(_:_:)`` runs the body in a read-committed transaction, ``read(_:_:)`` in a
///   repeatable-read, read-only one. A serialization failure or deadlock (SQLSTATE `40001`,
///   `40P01`) reruns the whole body after a jittered pause, up to
///   ``TransactionOptions/maxRetries`` times, then fails with `conflict`.
/// - ``TransactionOptions/tenantScope`` is set as `portal.tenant_id` for the transaction
///   (`set_config(…, true)`), for row-level security policies.
/// - Errors: unique and foreign-key violations are `conflict` (with the constraint's name),
///   NOT NULL, CHECK and data exceptions `invalid`, a timeout or a lost server `unavailable`.
/// - After the server restarts, the next transaction reconnects by itself; a transaction that
///   was running when the connection broke fails with `unavailable`.
public final class PostgresDatabase: Database {
    /// PostgreSQL's dialect.
    public var dialect: SQLDialect { .postgres }
    /// How this handle connects. Its description hides the password.
    public let configuration: PostgresConfiguration

    private let pool: ConnectionPool<PostgresConnection>
    private let threads: BlockingThreadPool
    private let logger: Logger

    /// Creates the database handle without connecting (the first transaction connects).
    ///
    /// - Throws: `invalid` with field `database.url` when the URL is not a `postgres://` or
    ///   `postgresql://` URL libpq can parse, or field `database.pool_size` when the pool is empty.
    public init(configuration: PostgresConfiguration, logger: Logger) throws {
        try configuration.validate()
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "db.system"] = "postgresql"
        let threads = BlockingThreadPool(name: "postgres", threads: configuration.poolSize)
        let connectionLogger = logger
        self.logger = logger
        self.threads = threads
        self.pool = ConnectionPool(
            maxConnections: configuration.poolSize,
            threads: threads,
            open: { try PostgresConnection(configuration: configuration, logger: connectionLogger) },
            close: { $0.close() },
            isReusable: { $0.isReusable })
    }

    /// Runs `body` in a repeatable-read, read-only transaction (one consistent snapshot).
    public func read<Result: Sendable>(
        _ options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await transaction(.read, options, body)
    }

    /// Runs `body` in a read-committed transaction: commits when it returns, rolls back and
    /// rethrows when it throws, and reruns it after a serialization failure or deadlock.
    public func write<Result: Sendable>(
        _ options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        try await transaction(.write, options, body)
    }

    /// Runs `SELECT 1`, reconnecting if needed; throws `unavailable` when the server does not answer.
    public func ping() async throws {
        do {
            try await pool.withConnection { try $0.ping() }
        } catch let error as PortalError where error.code != .unavailable {
            throw PortalError.unavailable("The database is not answering.", debugDetail: error.debugDetail)
        }
    }

    /// Closes every connection and stops the worker threads. Later calls fail with `unavailable`.
    public func close() async {
        await pool.close()
        await threads.shutdownGracefully()
    }

    /// Runs attempts of a transaction until one commits, fails for good, or runs out of retries.
    private func transaction<Result: Sendable>(
        _ kind: PostgresTransactionKind,
        _ options: TransactionOptions,
        _ body: @escaping @Sendable (any SQLConnection) throws -> Result
    ) async throws -> Result {
        var retries = 0
        while true {
            let outcome = try await pool.withConnection { connection in
                try connection.transaction(kind, tenantScope: options.tenantScope, body)
            }
            switch outcome {
            case .committed(let value):
                return value
            case .retry(let failure):
                guard retries < options.maxRetries else { throw Self.exhausted(failure, retries: retries) }
                retries += 1
                logger.debug(
                    "Retrying PostgreSQL transaction",
                    metadata: ["attempt": "\(retries + 1)", "sqlstate": "\(failure.sqlState?.code ?? "-")"])
                try await Task.sleep(for: Self.backoff(afterRetry: retries))
            }
        }
    }

    /// The error once retries are used up: `conflict` for a lost race, else the failure itself.
    private static func exhausted(_ failure: PostgresFailure, retries: Int) -> PortalError {
        guard failure.retryReason == .conflict else { return failure.error }
        var error = PortalError.conflict("The change conflicted with concurrent changes; try again.")
        error.debugDetail = "gave up after \(retries) retries: \(failure.error.debugDetail ?? "")"
        return error
    }

    /// Exponential backoff from 5 ms to 320 ms, each pause drawn from its upper half.
    static func backoff(afterRetry retry: Int) -> Duration {
        let ceiling = 5_000 << min(max(retry - 1, 0), 6)  // microseconds
        return .microseconds(Int.random(in: (ceiling / 2)...ceiling))
    }
}
