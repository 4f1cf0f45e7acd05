import CLibPQ
import Logging
import PortalKernel

/// One libpq connection (`PGconn`) with its session settings and prepared-statement cache.
///
/// Not thread-safe: the ``ConnectionPool`` hands it to one task at a time, which uses it on
/// one of the ``BlockingThreadPool``'s threads. Every method blocks.
///
/// A connection repairs itself: when the server went away (a restart, a failover) the next
/// transaction reconnects before `BEGIN` (see ``begin(_:tenantScope:)``). Reconnecting
/// restores the session settings and empties the statement cache, since the server forgot them.
final class PostgresConnection {
    /// The live `PGconn`, or `nil` after ``close()``.
    private(set) var handle: OpaquePointer?
    let configuration: PostgresConfiguration
    let logger: Logger
    private let notices: PostgresNoticeSink
    var statements = PostgresStatementCache()
    /// Evicted statements to deallocate on the server at the next opportunity.
    var pendingDeallocations: [String] = []
    /// The first failure since the current transaction began; decides whether to retry it.
    var transactionFailure: PostgresFailure?

    /// Opens a connection and prepares its session; throws `unavailable` when the server
    /// cannot be reached.
    init(configuration: PostgresConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        self.notices = PostgresNoticeSink(logger: logger)
        self.handle = try openHandle()
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// Whether the connection can go back to the pool: open, healthy and outside a transaction.
    var isReusable: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Whether libpq knows the connection is lost (it notices only when a call fails).
    var isBroken: Bool {
        guard let handle else { return true }
        return PQstatus(handle) != CONNECTION_OK
    }

    /// Set by ``close()``: a closed connection never reconnects.
    private var isClosed = false

    /// Closes the connection; later calls fail with `unavailable`.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        isClosed = true
    }

    /// Replaces a lost connection with a fresh one.
    func reconnect() throws {
        guard !isClosed else { throw PortalError.unavailable("The database connection is closed.") }
        if let handle { PQfinish(handle) }
        handle = nil
        statements.removeAll()
        pendingDeallocations.removeAll()
        handle = try openHandle()
        logger.info("Reconnected to PostgreSQL")
    }

    /// Opens a `PGconn`, installs the notice processor and applies the session settings.
    private func openHandle() throws -> OpaquePointer {
        // Defaults first, the URL last: with expand_dbname libpq lets later settings win, so
        // anything the operator put in the URL overrides these. TCP keepalives and a user timeout
        // turn a half-open connection (server host gone) into an error instead of a thread
        // blocked for good; they do not apply to Unix sockets.
        let keywords = [
            "connect_timeout", "application_name", "keepalives", "keepalives_idle", "keepalives_interval",
            "keepalives_count", "tcp_user_timeout", "dbname",
        ]
        let values = [
            String(configuration.connectTimeoutSeconds), configuration.applicationName, "1", "30", "10", "3", "60000",
            configuration.url,
        ]
        let connection = withCStringArray(keywords) { keywords in
            withCStringArray(values) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else {
            throw PortalError.unavailable(
                "The database is not reachable right now.", debugDetail: "PQconnectdbParams returned no connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
            PQfinish(connection)
            throw PortalError.unavailable(
                "The database is not reachable right now.",
                debugDetail: "PostgreSQL connection failed: "
                    + PostgresURL.scrub(message.trimmingTrailingNewlines, of: configuration.url))
        }
        PQsetNoticeProcessor(
            connection,
            { context, message in
                guard let context, let message else { return }
                Unmanaged<PostgresNoticeSink>.fromOpaque(context).takeUnretainedValue()
                    .receive(String(cString: message))
            }, Unmanaged.passUnretained(notices).toOpaque())
        let setup =
            "SET TimeZone = 'UTC'; SET client_encoding = 'UTF8'; SET DateStyle = 'ISO'; "
            + "SET bytea_output = 'hex'; SET statement_timeout = \(configuration.statementTimeoutMilliseconds)"
        let result = PQexec(connection, setup).map(PostgresResult.init)
        guard let result, result.succeeded else {
            let failure = PostgresErrorMapping.failure(result: result, connection: connection, sql: setup)
            PQfinish(connection)
            throw failure.error
        }
        logger.debug(
            "Connected to PostgreSQL",
            metadata: [
                "postgres.target": "\(PostgresURL.redacted(configuration.url))",
                "postgres.server_version": "\(PQserverVersion(connection))",
            ])
        return connection
    }

    /// The open handle, or `unavailable` after ``close()``.
    func liveHandle() throws -> OpaquePointer {
        guard let handle else {
            throw PortalError.unavailable("The database connection is closed.")
        }
        return handle
    }

    // MARK: - Running statements

    /// Records a failure of the current transaction and returns the error to throw.
    func fail(_ result: PostgresResult?, sql: String?) -> PortalError {
        let failure = PostgresErrorMapping.failure(result: result, connection: handle, sql: sql)
        if failure.retryReason == .staleStatement {
            if failure.sqlState == .invalidStatementName {
                // The server lost prepared statements this cache knew: forget them all.
                statements.removeAll()
                pendingDeallocations.removeAll()
            } else if let sql, let name = statements.remove(sql: sql) {
                pendingDeallocations.append(name)
            }
        }
        if transactionFailure == nil { transactionFailure = failure }
        return failure.error
    }

    /// Runs parameterless SQL (one or several `;`-separated statements) with `PQexec`.
    @discardableResult
    func run(script sql: String) throws -> PostgresResult {
        let handle = try liveHandle()
        let result = PQexec(handle, sql).map(PostgresResult.init)
        guard let result, result.succeeded else { throw fail(result, sql: sql) }
        return result
    }

    /// The name of the prepared statement for `sql`, preparing it on first use.
    /// Parameter types are left to the server to infer.
    func preparedName(for sql: String) throws -> String {
        if let name = statements.name(for: sql) { return name }
        let handle = try liveHandle()
        let name = statements.nextName()
        let result = PQprepare(handle, name, sql, 0, nil).map(PostgresResult.init)
        guard let result, result.succeeded else { throw fail(result, sql: sql) }
        if let evicted = statements.insert(sql: sql, name: name) {
            pendingDeallocations.append(evicted)
        }
        return name
    }

    /// Runs `statement` as a cached prepared statement and returns the whole result.
    func run(_ statement: SQLStatement) throws -> PostgresResult {
        let handle = try liveHandle()
        let name = try preparedName(for: statement.sql)
        let result = try PostgresParameters.with(statement.bindings) { count, values, lengths, formats in
            PQexecPrepared(handle, name, count, values, lengths, formats, 0).map(PostgresResult.init)
        }
        guard let result, result.succeeded else { throw fail(result, sql: statement.sql) }
        return result
    }

    /// Runs `statement` in single-row mode, calling `body` for each row as it arrives.
    /// The whole result is always read, even after `body` throws, so the connection stays usable.
    func stream(_ statement: SQLStatement, _ body: (SQLRow) throws -> Void) throws {
        let handle = try liveHandle()
        let name = try preparedName(for: statement.sql)
        let sent = try PostgresParameters.with(statement.bindings) { count, values, lengths, formats in
            PQsendQueryPrepared(handle, name, count, values, lengths, formats, 0)
        }
        guard sent == 1 else { throw fail(nil, sql: statement.sql) }
        if PQsetSingleRowMode(handle) != 1 {
            logger.debug("PostgreSQL refused single-row mode; reading the whole result")
        }
        var columns: SQLColumns?
        var firstError: (any Error)?
        while let pointer = PQgetResult(handle) {
            let result = PostgresResult(pointer)
            guard result.succeeded else {
                let error = fail(result, sql: statement.sql)
                if firstError == nil { firstError = error }
                continue
            }
            guard firstError == nil, result.rowCount > 0 else { continue }
            let resultColumns = columns ?? result.columns()
            columns = resultColumns
            do {
                for index in 0..<result.rowCount {
                    try body(result.row(index, columns: resultColumns))
                }
            } catch {
                firstError = error
            }
        }
        if let firstError { throw firstError }
    }

    /// Deallocates statements evicted from the cache. Best effort: a failure here only
    /// leaves an unused statement on the server, so it is logged and forgotten.
    func deallocateEvictedStatements() {
        guard !pendingDeallocations.isEmpty, let handle else { return }
        let sql = pendingDeallocations.map { "DEALLOCATE \($0)" }.joined(separator: "; ")
        pendingDeallocations.removeAll()
        let result = PQexec(handle, sql).map(PostgresResult.init)
        if result?.succeeded != true {
            logger.debug("Could not deallocate evicted prepared statements")
        }
    }
}

/// Calls `body` with a NULL-terminated C array of C strings, freed afterwards.
private func withCStringArray<Result>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result
) -> Result {
    let copies = strings.map { string -> UnsafeMutablePointer<CChar> in
        let utf8 = Array(string.utf8CString)
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count)
        copy.initialize(from: utf8, count: utf8.count)
        return copy
    }
    defer { for copy in copies { copy.deallocate() } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
