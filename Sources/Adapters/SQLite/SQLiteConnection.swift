import CSQLite
import PortalKernel

/// One `sqlite3*` handle, opened in multi-thread mode (`SQLITE_OPEN_NOMUTEX`), with its
/// prepared-statement cache. It is the ``SQLConnection`` handed to transaction bodies.
///
/// Not thread-safe: a ``ConnectionPool`` gives it to one task at a time, and every call runs on
/// the ``BlockingThreadPool``.
///
/// Parameters are the kernel's `$n` placeholders. SQLite reads `$1` as a *named* parameter and
/// numbers parameters by first appearance, so each parameter's name is mapped back to its
/// binding (`$n` → `bindings[n - 1]`): reused and out-of-order placeholders bind correctly.
final class SQLiteConnection: SQLConnection {
    /// What a connection is for; decides its per-connection settings.
    enum Role: String {
        /// The single read-write connection (switches the file to WAL).
        case writer
        /// A read-only connection (`PRAGMA query_only=1`).
        case reader
    }

    /// The open handle.
    let handle: OpaquePointer
    let role: Role
    let path: String
    private var cache: SQLiteStatementCache
    private var isClosed = false

    /// Whether a call failed with a `SQLITE_BUSY`-family code since ``resetBusyFlag()``; tells
    /// the transaction runner that the failure is transient and the whole body may be retried.
    private(set) var sawBusy = false

    var dialect: SQLDialect { .sqlite }

    /// Whether a transaction is open (SQLite is not in autocommit mode).
    var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Number of idle prepared statements cached.
    var cachedStatementCount: Int { cache.count }

    /// Opens and configures a connection (blocking).
    /// - Throws: `unavailable` naming the path when the file cannot be opened or configured.
    init(path: String, role: Role, configuration: SQLiteConfiguration) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw PortalError.unavailable(
                "The SQLite database at \(path) cannot be opened.",
                debugDetail: SQLiteError.debugDetail(code: code, message: message, sql: nil))
        }
        self.handle = opened
        self.role = role
        self.path = path
        self.cache = SQLiteStatementCache(capacity: configuration.statementCacheCapacity)
        do {
            try configure(busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
        } catch {
            close()
            throw PortalError.unavailable(
                "The SQLite database at \(path) cannot be opened.",
                debugDetail: (error as? PortalError)?.debugDetail ?? "\(error)")
        }
    }

    /// Applies the per-connection settings. The busy timeout comes first so that switching the
    /// journal mode waits for other processes instead of failing at once.
    private func configure(busyTimeoutMilliseconds: Int32) throws {
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        if role == .writer {
            let mode = try queryScalar("PRAGMA journal_mode=WAL", as: String.self)
            guard mode?.lowercased() == "wal" else {
                throw PortalError.unavailable(
                    "The SQLite database at \(path) cannot use write-ahead logging.",
                    debugDetail: "PRAGMA journal_mode=WAL returned \(mode ?? "nothing")")
            }
        }
        try executeScript("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;")
        if role == .reader {
            try executeScript("PRAGMA query_only=1;")
        }
    }

    /// Finalizes cached statements and closes the handle. Idempotent.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        cache.removeAll()
        sqlite3_close_v2(handle)
    }

    deinit {
        close()
    }

    /// Forgets earlier busy failures (at the start of a transaction attempt).
    func resetBusyFlag() {
        sawBusy = false
    }

    // MARK: SQLConnection

    func query(_ statement: SQLStatement) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(statement) { rows.append($0) }
        return rows
    }

    func forEachRow(_ statement: SQLStatement, _ body: (SQLRow) throws -> Void) throws {
        try run(statement) { handle, columns in
            try body(SQLiteConnection.readRow(handle, columns: columns))
        }
    }

    @discardableResult
    func execute(_ statement: SQLStatement) throws -> Int {
        let before = sqlite3_total_changes64(handle)
        try run(statement) { _, _ in }
        // `sqlite3_changes` keeps the last INSERT/UPDATE/DELETE's count; a statement that changed
        // nothing (DDL, a SELECT, an UPDATE matching no row) must report 0, not that stale count.
        guard sqlite3_total_changes64(handle) != before else { return 0 }
        return Int(sqlite3_changes64(handle))
    }

    func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code != SQLITE_OK else { return }
        let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
        sqlite3_free(message)
        throw failure(code, message: text, sql: sql)
    }

    // MARK: Running statements

    /// Prepares (or reuses), binds and steps `statement`, calling `onRow` with the statement
    /// handle and the result's column names for each row; the statement is reset and returned
    /// to the cache afterwards, with the column names for its next run.
    private func run(_ statement: SQLStatement, onRow: (OpaquePointer, SQLColumns) throws -> Void) throws {
        guard !isClosed else { throw PortalError.unavailable("The SQLite connection is closed.") }
        let sql = statement.sql
        var prepared = try cache.checkOut(sql) ?? prepare(sql)
        defer { cache.checkIn(sql, prepared) }
        try bind(statement.bindings, to: prepared, sql: sql)
        var columns: SQLColumns?
        while true {
            let code = sqlite3_step(prepared.handle)
            if code == SQLITE_ROW {
                if columns == nil {
                    // Read at the first row, once any automatic re-preparation has settled them.
                    let current = SQLiteConnection.resultColumns(prepared.handle, cached: prepared.columns)
                    prepared.columns = current
                    columns = current.columns
                }
                try onRow(prepared.handle, columns!)
            } else if code == SQLITE_DONE {
                return
            } else {
                throw failure(code, sql: sql)
            }
        }
    }

    /// The column names of the statement's current result: `cached` while the statement has not
    /// been re-prepared since and has as many columns, else read anew.
    private static func resultColumns(_ statement: OpaquePointer, cached: SQLiteResultColumns?) -> SQLiteResultColumns {
        let reprepareCount = sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0)
        let count = sqlite3_column_count(statement)
        if let cached, cached.reprepareCount == reprepareCount, cached.columns.names.count == Int(count) {
            return cached
        }
        let names = SQLColumns((0..<count).map { String(cString: sqlite3_column_name(statement, $0)) })
        return SQLiteResultColumns(columns: names, reprepareCount: reprepareCount)
    }

    /// Compiles one statement and maps its parameters to bindings.
    private func prepare(_ sql: String) throws -> SQLitePreparedStatement {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let code = sql.withCString { text in
            let code = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
            if code == SQLITE_OK, let rest = tail, rest.pointee != 0, hasAnotherStatement(rest) {
                sqlite3_finalize(statement)
                statement = nil
                return Int32(-1)
            }
            return code
        }
        if code == -1 {
            throw PortalError.internal(
                debugDetail: "a statement must hold one SQL command (use executeScript for several) — SQL: \(sql)")
        }
        guard code == SQLITE_OK else { throw failure(code, sql: sql) }
        guard let statement else {
            throw PortalError.internal(debugDetail: "empty SQL statement — SQL: \(sql)")
        }
        do {
            return SQLitePreparedStatement(handle: statement, bindingIndexes: try bindingIndexes(of: statement, sql: sql))
        } catch {
            sqlite3_finalize(statement)
            throw error
        }
    }

    /// Whether the text after a prepared statement holds another statement (not just blanks or comments).
    private func hasAnotherStatement(_ rest: UnsafePointer<CChar>) -> Bool {
        var next: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, rest, -1, &next, nil)
        defer { sqlite3_finalize(next) }
        return code != SQLITE_OK || next != nil
    }

    /// For each SQLite parameter (1-based, in order of first appearance), the binding index its
    /// name designates: `$n` and `?n` → `n - 1`; an anonymous `?` → its position.
    private func bindingIndexes(of statement: OpaquePointer, sql: String) throws -> [Int] {
        let count = Int(sqlite3_bind_parameter_count(statement))
        var indexes: [Int] = []
        indexes.reserveCapacity(count)
        for position in 0..<count {
            guard let cName = sqlite3_bind_parameter_name(statement, Int32(position + 1)) else {
                indexes.append(position)
                continue
            }
            let name = String(cString: cName)
            guard let sigil = name.first, sigil == "$" || sigil == "?", let number = Int(name.dropFirst()), number >= 1
            else {
                throw PortalError.internal(
                    debugDetail: "unsupported SQL parameter \(name); use $1…$n — SQL: \(sql)")
            }
            indexes.append(number - 1)
        }
        return indexes
    }

    private func bind(_ bindings: [SQLValue], to prepared: SQLitePreparedStatement, sql: String) throws {
        for (offset, bindingIndex) in prepared.bindingIndexes.enumerated() {
            guard bindingIndex < bindings.count else {
                throw PortalError.internal(
                    debugDetail: "the statement uses $\(bindingIndex + 1) but has \(bindings.count) bindings — SQL: \(sql)")
            }
            let code = SQLiteConnection.bind(bindings[bindingIndex], to: prepared.handle, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw failure(code, sql: sql) }
        }
    }

    /// Binds one value natively (see the table on ``SQLValue``); text and bytes are copied.
    private static func bind(_ value: SQLValue, to statement: OpaquePointer, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(statement, index)
        case .integer(let number):
            return sqlite3_bind_int64(statement, index, number)
        case .real(let number):
            return sqlite3_bind_double(statement, index, number)
        case .bool(let flag):
            return sqlite3_bind_int64(statement, index, flag ? 1 : 0)
        case .text(let text):
            return bindText(text, to: statement, at: index)
        case .timestamp(let instant):
            return bindText(instant.iso8601, to: statement, at: index)
        case .date(let date):
            return bindText(date.iso8601, to: statement, at: index)
        case .blob(let bytes):
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(statement, index, 0) }
            return bytes.withUnsafeBytes { buffer in
                portal_sqlite3_bind_blob_copy(statement, index, buffer.baseAddress, UInt64(buffer.count))
            }
        }
    }

    private static func bindText(_ text: String, to statement: OpaquePointer, at index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return portal_sqlite3_bind_text_copy(statement, index, "", 0)
            }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                portal_sqlite3_bind_text_copy(statement, index, chars, UInt64(buffer.count))
            }
        }
    }

    /// Reads the current row, whose column names are `columns`.
    private static func readRow(_ statement: OpaquePointer, columns: SQLColumns) -> SQLRow {
        let count = Int32(columns.names.count)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            values.append(readValue(statement, column))
        }
        return SQLRow(columns: columns, values: values)
    }

    private static func readValue(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            let length = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            guard let bytes = sqlite3_column_blob(statement, column) else { return .blob([]) }
            let length = Int(sqlite3_column_bytes(statement, column))
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: length)))
        default:
            return .null
        }
    }

    // MARK: Errors

    /// The ``PortalError`` for a failed call, remembering busy failures.
    func failure(_ code: Int32, message: String? = nil, sql: String?) -> PortalError {
        if SQLiteError.isBusy(code) { sawBusy = true }
        let text = message ?? String(cString: sqlite3_errmsg(handle))
        return SQLiteError.portalError(code: code, message: text, sql: sql)
    }
}
