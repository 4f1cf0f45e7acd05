import Foundation
import PortalKernel
import PortalSQLite
import PortalTesting
import Testing

/// Behaviour specific to the SQLite adapter (the shared behaviour is in the conformance suite).
@Suite("SQLite adapter")
struct SQLiteTests {
    @Test("connections run in WAL mode with foreign keys on; readers are query-only")
    func connectionSettings() async throws {
        try await withSQLiteDatabase { database, _ in
            #expect(database.dialect == .sqlite)
            let reader = try await database.read { connection in
                (
                    try connection.queryScalar("PRAGMA journal_mode", as: String.self),
                    try connection.queryScalar("PRAGMA foreign_keys", as: Int.self),
                    try connection.queryScalar("PRAGMA synchronous", as: Int.self),
                    try connection.queryScalar("PRAGMA query_only", as: Int.self)
                )
            }
            #expect(reader.0 == "wal")
            #expect(reader.1 == 1)
            #expect(reader.2 == 1)  // NORMAL
            #expect(reader.3 == 1)
            let writer = try await database.write { connection in
                (
                    try connection.queryScalar("PRAGMA journal_mode", as: String.self),
                    try connection.queryScalar("PRAGMA foreign_keys", as: Int.self),
                    try connection.queryScalar("PRAGMA query_only", as: Int.self),
                    try connection.queryScalar("PRAGMA busy_timeout", as: Int.self)
                )
            }
            #expect(writer.0 == "wal")
            #expect(writer.1 == 1)
            #expect(writer.2 == 0)
            #expect(writer.3 == 5000)
        }
    }

    @Test("opening a file in a missing directory fails with unavailable naming the path")
    func openFailure() async throws {
        let path = "/nonexistent-portal-directory-\(UUID().uuidString)/portal.db"
        let configuration = SQLiteConfiguration(path: path)
        do {
            _ = try SQLiteDatabase(configuration: configuration)
            Issue.record("opening \(path) succeeded")
        } catch let error as PortalError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains(path))
        }
        do {
            let database = try await SQLiteDatabase.open(configuration: configuration)
            await database.close()
            Issue.record("opening \(path) succeeded")
        } catch let error as PortalError {
            #expect(error.code == .unavailable)
            #expect(error.message.contains(path))
        }
    }

    @Test("the synchronous initializer opens a usable database")
    func synchronousInitializer() async throws {
        let scratch = try SQLiteScratchDirectory()
        defer { scratch.remove() }
        let database = try SQLiteDatabase(configuration: SQLiteConfiguration(path: scratch.path("sync.db"), readerCount: 1))
        try await database.ping()
        let mode = try await database.write { try $0.queryScalar("PRAGMA journal_mode", as: String.self) }
        #expect(mode == "wal")
        await database.close()
        await database.close()
        await #expect(throws: PortalError.self) { try await database.ping() }
    }

    @Test("values are stored as the SQLValue table says")
    func storageClasses() async throws {
        try await withSQLiteDatabase { database, _ in
            let at = try #require(Instant(iso8601: "1969-07-20T20:17:40.5Z"))
            let day = try #require(LocalDate(year: 2024, month: 2, day: 29))
            let row = try await database.write { connection in
                try connection.executeScript("CREATE TABLE kinds (flag, at, day, n, r, b, t);")
                try connection.execute(
                    "INSERT INTO kinds VALUES (\(true), \(at), \(day), \(Int64(5)), \(1.5), \([UInt8]([0, 255])), \("x"))")
                return try connection.queryFirst(
                    """
                    SELECT typeof(flag) AS flag_type, flag, typeof(at) AS at_type, at, typeof(day) AS day_type, day,
                           typeof(n) AS n_type, typeof(r) AS r_type, typeof(b) AS b_type, typeof(t) AS t_type
                    FROM kinds
                    """)
            }
            let kinds = try #require(row)
            #expect(try kinds.get("flag_type", as: String.self) == "integer")
            #expect(try kinds.value("flag") == .integer(1))
            #expect(try kinds.get("at_type", as: String.self) == "text")
            #expect(try kinds.value("at") == .text("1969-07-20T20:17:40.500000Z"))
            #expect(try kinds.get("day_type", as: String.self) == "text")
            #expect(try kinds.value("day") == .text("2024-02-29"))
            #expect(try kinds.get("n_type", as: String.self) == "integer")
            #expect(try kinds.get("r_type", as: String.self) == "real")
            #expect(try kinds.get("b_type", as: String.self) == "blob")
            #expect(try kinds.get("t_type", as: String.self) == "text")
        }
    }

    @Test("constraint errors name the constraint and keep bound values out")
    func constraintErrors() async throws {
        try await withSQLiteDatabase { database, _ in
            _ = try await database.write { connection in
                try connection.executeScript(
                    """
                    CREATE TABLE people (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, age INTEGER CHECK (age >= 0));
                    INSERT INTO people VALUES ('p1', 'ada@example.com', 36);
                    """)
            }
            let sql = "INSERT INTO people (id, email, age) VALUES ($1, $2, $3)"
            func insert(_ id: String, _ email: String?, _ age: Int) async throws -> PortalError? {
                do {
                    _ = try await database.write { connection in
                        try connection.execute(SQLStatement(sql: sql, bindings: [.text(id), email.sqlValue, .integer(Int64(age))]))
                    }
                    return nil
                } catch let error as PortalError {
                    return error
                }
            }
            let unique = try #require(try await insert("p2", "ada@example.com", 1))
            #expect(unique.code == .conflict)
            #expect(unique.constraint == "people.email")
            #expect(unique.debugDetail?.contains("UNIQUE constraint failed: people.email") == true)
            #expect(unique.debugDetail?.contains(sql) == true)
            #expect(unique.debugDetail?.contains("ada@example.com") == false)
            #expect(!unique.description.contains("ada@example.com"))

            let primary = try #require(try await insert("p1", "other@example.com", 1))
            #expect(primary.code == .conflict)
            #expect(primary.constraint == "people.id")

            let notNull = try #require(try await insert("p3", nil, 1))
            #expect(notNull.code == .invalid)
            #expect(notNull.constraint == "people.email")

            let check = try #require(try await insert("p4", "young@example.com", -1))
            #expect(check.code == .invalid)
            #expect(check.constraint != nil)
            #expect(check.debugDetail?.contains("young@example.com") == false)
        }
    }

    @Test("a statement must hold exactly one command; syntax errors are internal")
    func oneCommandPerStatement() async throws {
        try await withSQLiteDatabase { database, _ in
            let several = await #expect(throws: PortalError.self) {
                _ = try await database.read { try $0.query("SELECT 1; SELECT 2") }
            }
            #expect(several?.code == .internal)
            let trailing = try await database.read { connection in
                (
                    try connection.queryScalar("SELECT 1;", as: Int.self),
                    try connection.queryScalar("SELECT 2; -- done", as: Int.self),
                    try connection.queryScalar("SELECT 3 /* done */ ;  ", as: Int.self)
                )
            }
            #expect(trailing.0 == 1 && trailing.1 == 2 && trailing.2 == 3)
            let syntax = await #expect(throws: PortalError.self) {
                _ = try await database.read { try $0.query("SELEKT 1") }
            }
            #expect(syntax?.code == .internal)
            #expect(syntax?.debugDetail?.contains("SELEKT 1") == true)
            let missingBinding = await #expect(throws: PortalError.self) {
                _ = try await database.read { try $0.query(SQLStatement(sql: "SELECT $1, $2", bindings: [.integer(1)])) }
            }
            #expect(missingBinding?.code == .internal)
        }
    }

    @Test("the statement cache keeps working across many distinct statements, nesting and schema changes")
    func statementCache() async throws {
        try await withSQLiteDatabase(readerCount: 1) { database, _ in
            let sums = try await database.read { connection in
                try (0..<300).map { index in
                    try connection.queryScalar("SELECT \(raw: String(index)) + \(Int64(1000))", as: Int64.self) ?? -1
                }
            }
            #expect(sums == (0..<300).map { Int64($0) + 1000 })
            let again = try await database.read { connection in
                try (0..<300).reversed().map { index in
                    try connection.queryScalar("SELECT \(raw: String(index)) + \(Int64(2000))", as: Int64.self) ?? -1
                }
            }
            #expect(again == (0..<300).reversed().map { Int64($0) + 2000 })

            _ = try await database.write { connection in
                try connection.executeScript(
                    "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO items (name) VALUES ('a'), ('b'), ('c');")
            }
            // The same SQL run again inside its own forEachRow gets its own statement.
            let nested = try await database.read { connection in
                var pairs: [String] = []
                try connection.forEachRow("SELECT id, name FROM items WHERE id >= \(1) ORDER BY id") { outer in
                    let inner = try connection.query("SELECT id, name FROM items WHERE id >= \(3) ORDER BY id")
                    pairs.append("\(try outer.get("name", as: String.self))\(inner.count)")
                }
                return pairs
            }
            #expect(nested == ["a1", "b1", "c1"])

            let before = try await database.write { try $0.queryFirst("SELECT * FROM items ORDER BY id")?.columns.names }
            _ = try await database.write { try $0.executeScript("ALTER TABLE items ADD COLUMN note TEXT DEFAULT 'n';") }
            let after = try await database.write { try $0.queryFirst("SELECT * FROM items ORDER BY id")?.columns.names }
            #expect(before == ["id", "name"])
            #expect(after == ["id", "name", "note"])
        }
    }

    @Test("tenant scope is accepted and has no effect")
    func tenantScopeIgnored() async throws {
        try await withSQLiteDatabase { database, _ in
            let options = TransactionOptions(tenantScope: "tenant-1", maxRetries: 0)
            let value = try await database.write(options) { try $0.queryScalar("SELECT 41 + 1", as: Int.self) }
            let read = try await database.read(options) { try $0.queryScalar("SELECT 'ok'", as: String.self) }
            #expect(value == 42)
            #expect(read == "ok")
        }
    }

    @Test("backup copies a consistent database while writes continue")
    func backupDuringWrites() async throws {
        try await withSQLiteDatabase { database, scratch in
            _ = try await database.write { connection in
                try connection.executeScript(
                    "CREATE TABLE pairs (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, side TEXT NOT NULL, payload BLOB NOT NULL);")
                for batch in 0..<200 {
                    try Self.insertPair(batch, on: connection)
                }
            }
            let stop = ConformanceLatch()
            let writer = Task {
                var batch = 200
                while !stop.opened {
                    let next = batch
                    _ = try await database.write { connection in try Self.insertPair(next, on: connection) }
                    batch += 1
                }
                return batch
            }
            try await Task.sleep(for: .milliseconds(20))
            let backupPath = scratch.path("copy.db")
            try await database.backup(to: backupPath)
            stop.open()
            let batches = try await writer.value
            #expect(batches > 200)

            let refused = await #expect(throws: PortalError.self) { try await database.backup(to: backupPath) }
            #expect(refused?.code == .conflict)
            #expect(refused?.field == "path")

            let names = try scratch.fileNames().filter { $0.contains("partial") }
            #expect(names.isEmpty, "temporary backup files left behind: \(names)")

            let copy = try await SQLiteDatabase.open(configuration: SQLiteConfiguration(path: backupPath, readerCount: 1))
            let (rows, broken, maxBatch) = try await copy.read { connection in
                (
                    try connection.queryScalar("SELECT COUNT(*) FROM pairs", as: Int.self) ?? -1,
                    try connection.queryScalar(
                        "SELECT COUNT(*) FROM (SELECT batch FROM pairs GROUP BY batch HAVING COUNT(*) <> 2)", as: Int.self),
                    try connection.queryScalar("SELECT MAX(batch) FROM pairs", as: Int.self) ?? -1
                )
            }
            await copy.close()
            #expect(rows >= 400)
            #expect(rows % 2 == 0)
            #expect(broken == 0)
            #expect(rows == (maxBatch + 1) * 2)
            #expect(maxBatch < batches)
        }
    }

    private static func insertPair(_ batch: Int, on connection: any SQLConnection) throws {
        let payload = [UInt8](repeating: UInt8(batch % 256), count: 512)
        try connection.execute("INSERT INTO pairs (batch, side, payload) VALUES (\(batch), \("left"), \(payload))")
        try connection.execute("INSERT INTO pairs (batch, side, payload) VALUES (\(batch), \("right"), \(payload))")
    }

    @Test("a write blocked by another handle's transaction past the busy timeout fails with unavailable")
    func busyWriteIsUnavailable() async throws {
        try await withSQLiteDatabase(busyTimeout: .milliseconds(100)) { first, scratch in
            _ = try await first.write { try $0.executeScript("CREATE TABLE marks (id INTEGER PRIMARY KEY, who TEXT NOT NULL);") }
            let second = try await SQLiteDatabase.open(
                configuration: SQLiteConfiguration(path: scratch.path("portal.db"), readerCount: 1, busyTimeout: .milliseconds(100)))
            let holding = ConformanceLatch()
            let release = ConformanceLatch()
            // The holder keeps its lock until the test releases it (however loaded the machine), and
            // is released on every way out of the test.
            defer { release.open() }
            let holder = Task {
                try await second.write { connection in
                    try connection.execute("INSERT INTO marks (who) VALUES (\("second"))")
                    holding.open()
                    _ = release.waitBlocking(timeout: .seconds(600))
                }
            }
            #expect(try await holding.wait(timeout: .seconds(120)))

            let started = ContinuousClock.now
            let busy = await #expect(throws: PortalError.self) {
                _ = try await first.write(TransactionOptions(maxRetries: 1)) { connection in
                    try connection.execute("INSERT INTO marks (who) VALUES (\("first"))")
                }
            }
            let waited = ContinuousClock.now - started
            #expect(busy?.code == .unavailable)
            #expect(waited >= .milliseconds(190), "two attempts should each wait out the busy timeout; waited \(waited)")

            // Readers are not blocked by the other handle's write lock.
            let visible = try await first.read { try $0.queryScalar("SELECT COUNT(*) FROM marks", as: Int.self) }
            #expect(visible == 0)

            release.open()
            try await holder.value
            await second.close()

            _ = try await first.write { connection in
                try connection.execute("INSERT INTO marks (who) VALUES (\("first"))")
            }
            let who = try await first.read { connection in
                try connection.query("SELECT who FROM marks ORDER BY id").map { try $0.get("who", as: String.self) }
            }
            #expect(who == ["second", "first"])
        }
    }

    @Test("a busy write is retried as a whole until the lock frees")
    func busyWriteIsRetried() async throws {
        try await withSQLiteDatabase(busyTimeout: .milliseconds(50)) { first, scratch in
            _ = try await first.write { try $0.executeScript("CREATE TABLE marks (id INTEGER PRIMARY KEY, who TEXT NOT NULL);") }
            let second = try await SQLiteDatabase.open(
                configuration: SQLiteConfiguration(path: scratch.path("portal.db"), readerCount: 1, busyTimeout: .milliseconds(50)))
            let holding = ConformanceLatch()
            let holder = Task {
                try await second.write { connection in
                    try connection.execute("INSERT INTO marks (who) VALUES (\("second"))")
                    holding.open()
                    Thread.sleep(forTimeInterval: 0.3)
                }
            }
            #expect(try await holding.wait(timeout: .seconds(120)))
            let id = try await first.write(TransactionOptions(maxRetries: 20)) { connection in
                try connection.queryScalar("INSERT INTO marks (who) VALUES (\("first")) RETURNING id", as: Int.self)
            }
            try await holder.value
            await second.close()
            #expect(id == 2)
        }
    }
}
