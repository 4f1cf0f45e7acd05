import Foundation
import PortalKernel
import PortalPostgres
import PortalTesting
import Testing

/// Values through PostgreSQL's types, streaming, and the prepared-statement cache.
@Suite("PostgreSQL values and statements")
struct PostgresValueTests {
    typealias Support = PostgresTestSupport

    @Test("every SQLValue case round-trips through its PostgreSQL type")
    func valuesRoundTrip() async throws {
        try await Support.withFreshDatabase { database in
            try await database.write { connection in
                try connection.executeScript(
                    """
                    CREATE TABLE pg_values (
                        id BIGINT PRIMARY KEY, small SMALLINT, normal INTEGER, flag BOOLEAN, ratio DOUBLE PRECISION,
                        single REAL, label TEXT, bytes BYTEA, at TIMESTAMPTZ, local_at TIMESTAMP, day DATE,
                        amount NUMERIC(12, 2), token UUID
                    )
                    """)
            }
            let instant = Instant(microsecondsSinceEpoch: 1_795_766_067_123_456)
            let day = try #require(LocalDate(year: 2026, month: 2, day: 28))
            let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xfe, 0xff]
            try await database.write { connection in
                try connection.execute(
                    """
                    INSERT INTO pg_values (id, small, normal, flag, ratio, single, label, bytes, at, local_at, day, amount, token)
                    VALUES (\(Int64.max), \(-7), \(Int32.min), \(true), \(0.1), \(1.5), \("Zoë 🚀 'quoted' \\ back"),
                            \(bytes), \(instant), \(instant), \(day), \("1234.50"), \("6f1c1e4e-8c3b-4f55-9a51-0a3c2f7d9e10"))
                    """)
                try connection.execute("INSERT INTO pg_values (id) VALUES (\(1))")
            }
            let row = try #require(
                try await database.read { try $0.queryFirst("SELECT * FROM pg_values WHERE id = \(Int64.max)") })
            #expect(row.values[0] == .integer(Int64.max))
            #expect(try row.value("small") == .integer(-7))
            #expect(try row.value("normal") == .integer(Int64(Int32.min)))
            #expect(try row.value("flag") == .bool(true))
            #expect(try row.value("ratio") == .real(0.1))
            #expect(try row.value("single") == .real(1.5))
            #expect(try row.value("label") == .text("Zoë 🚀 'quoted' \\ back"))
            #expect(try row.value("bytes") == .blob(bytes))
            #expect(try row.value("at") == .timestamp(instant))
            #expect(try row.value("local_at") == .timestamp(instant))
            #expect(try row.value("day") == .date(day))
            #expect(try row.value("amount") == .text("1234.50"))
            #expect(try row.value("token") == .text("6f1c1e4e-8c3b-4f55-9a51-0a3c2f7d9e10"))

            let empty = try #require(
                try await database.read { try $0.queryFirst("SELECT * FROM pg_values WHERE id = \(1)") })
            #expect(empty.values.dropFirst().allSatisfy { $0.isNull })
        }
    }

    @Test("special doubles, empty blobs and text with NUL")
    func edgeValues() async throws {
        try await Support.withFreshDatabase { database in
            let values = try await database.read { connection in
                try connection.queryFirst(
                    "SELECT \(Double.infinity)::float8 AS inf, \(-Double.infinity)::float8 AS ninf, \(Double.nan)::float8 AS nan, \([UInt8]())::bytea AS nothing, \(false)::boolean AS no"
                )
            }
            let row = try #require(values)
            #expect(try row.value("inf") == .real(.infinity))
            #expect(try row.value("ninf") == .real(-.infinity))
            #expect(try row.get("nan", as: Double.self).isNaN)
            #expect(try row.value("nothing") == .blob([]))
            #expect(try row.value("no") == .bool(false))

            let error = try await #require(throws: PortalError.self) {
                try await database.read { connection in _ = try connection.query("SELECT \("a\u{0}b") AS t") }
            }
            #expect(error.code == .invalid)
        }
    }

    @Test("forEachRow streams every row and leaves the connection usable when its body throws")
    func streaming() async throws {
        try await Support.withFreshDatabase(poolSize: 1) { database in
            let sum = try await database.read { connection in
                var sum: Int64 = 0
                var count = 0
                try connection.forEachRow("SELECT g AS n FROM generate_series(1, \(50_000)) AS g") { row in
                    sum += try row.get("n", as: Int64.self)
                    count += 1
                }
                return (sum, count)
            }
            #expect(sum.0 == 1_250_025_000)
            #expect(sum.1 == 50_000)

            struct Stop: Error {}
            await #expect(throws: Stop.self) {
                try await database.read { connection in
                    try connection.forEachRow("SELECT g FROM generate_series(1, 1000) AS g") { row in
                        if try row.get("g", as: Int.self) == 10 { throw Stop() }
                    }
                }
            }
            let first = try await database.read { connection in
                try connection.queryFirst("SELECT g FROM generate_series(5, 9) AS g")?.get("g", as: Int.self)
            }
            #expect(first == 5)
        }
    }

    @Test("a body that swallows a failed statement cannot commit")
    func swallowedFailureIsReported() async throws {
        try await Support.withFreshDatabase { database in
            try await database.write { connection in
                try connection.executeScript("CREATE TABLE pg_swallow (id TEXT PRIMARY KEY)")
                try connection.execute("INSERT INTO pg_swallow (id) VALUES (\("a"))")
            }
            let error = try await #require(throws: PortalError.self) {
                try await database.write { connection in
                    try connection.execute("INSERT INTO pg_swallow (id) VALUES (\("b"))")
                    _ = try? connection.execute("INSERT INTO pg_swallow (id) VALUES (\("a"))")
                }
            }
            #expect(error.code == .conflict)
            #expect(
                try await database.read { try $0.queryScalar("SELECT count(*) FROM pg_swallow", as: Int.self) } == 1)
        }
    }

    @Test("the statement cache stays bounded and survives stale and lost statements")
    func statementCache() async throws {
        try await Support.withFreshDatabase(poolSize: 1) { database in
            try await database.write { connection in
                for index in 0..<300 {
                    _ = try connection.query("SELECT \(index) + \(raw: String(index)) AS n")
                }
            }
            let prepared = try await database.read { connection in
                try connection.queryScalar("SELECT count(*) FROM pg_prepared_statements", as: Int.self)
            }
            #expect((prepared ?? 0) <= 130)

            // A prepared `SELECT *` whose result type changes under it is prepared afresh.
            try await database.write { connection in
                try connection.executeScript(
                    "CREATE TABLE pg_stale (id BIGINT PRIMARY KEY); INSERT INTO pg_stale VALUES (1)")
            }
            let before = try await database.read { try $0.query("SELECT * FROM pg_stale").first?.columns.names }
            #expect(before == ["id"])
            try await database.write { connection in
                try connection.executeScript("ALTER TABLE pg_stale ADD COLUMN label TEXT")
            }
            let after = try await database.read { try $0.query("SELECT * FROM pg_stale").first?.columns.names }
            #expect(after == ["id", "label"])

            // Statements the server forgot (DISCARD ALL) are prepared again.
            try await database.write { connection in try connection.executeScript("DEALLOCATE ALL") }
            let again = try await database.read { try $0.query("SELECT * FROM pg_stale").first?.columns.names }
            #expect(again == ["id", "label"])
        }
    }
}
