import PortalKernel

extension StorageConformance {
    /// Concurrent write transactions and reads running while writes run.
    static var concurrencyChecks: [StorageCheck] {
        [
            StorageCheck(name: "concurrent writers serialise increments", run: concurrentWritersSerialiseIncrements),
            StorageCheck(name: "concurrent inserts", run: concurrentInserts),
            StorageCheck(name: "reads see consistent snapshots while writes run", run: readsSeeSnapshotsDuringWrites),
            StorageCheck(name: "reads are not blocked by an open write", run: readsAreNotBlockedByOpenWrite),
        ]
    }

    static let concurrentTasks = 8
    static let writesPerTask = 50

    @Sendable static func concurrentWritersSerialiseIncrements(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_counters (name TEXT PRIMARY KEY, value \(schema.bigint) NOT NULL);")
        _ = try await database.write { connection in
            try connection.execute("INSERT INTO conf_counters (name, value) VALUES (\("hits"), \(0)), (\("other"), \(0))")
        }

        let returned = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<concurrentTasks {
                group.addTask {
                    var values: [Int64] = []
                    for _ in 0..<writesPerTask {
                        let value = try await database.write { connection in
                            try connection.queryScalar(
                                "UPDATE conf_counters SET value = value + 1 WHERE name = \("hits") RETURNING value",
                                as: Int64.self)
                        }
                        guard let value else { throw ConformanceFailure("UPDATE … RETURNING value returned no row") }
                        values.append(value)
                    }
                    return values
                }
            }
            var all: [Int64] = []
            for try await values in group { all += values }
            return all
        }

        let total = Int64(concurrentTasks * writesPerTask)
        let sorted = returned.sorted()
        try conformanceExpect(sorted.count == Int(total), "got \(sorted.count) results, expected \(total)")
        try conformanceExpect(
            sorted == Array(1...total),
            "the returned values are not exactly 1…\(total): duplicates or gaps, e.g. \(firstMismatch(sorted, total))")
        let final = try await database.read { connection in
            try connection.query("SELECT name, value FROM conf_counters ORDER BY name").map {
                "\(try $0.get("name", as: String.self))=\(try $0.get("value", as: Int64.self))"
            }
        }
        try conformanceExpect(final == ["hits=\(total)", "other=0"], "final counters \(final)")
    }

    private static func firstMismatch(_ sorted: [Int64], _ total: Int64) -> String {
        for (index, value) in sorted.enumerated() where value != Int64(index + 1) {
            return "position \(index + 1) holds \(value)"
        }
        return "\(sorted.count) values"
    }

    @Sendable static func concurrentInserts(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            """
            CREATE TABLE conf_events (
                id \(schema.identity),
                worker \(schema.bigint) NOT NULL,
                seq \(schema.bigint) NOT NULL,
                UNIQUE (worker, seq)
            );
            """)
        let ids = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for worker in 0..<concurrentTasks {
                group.addTask {
                    var ids: [Int64] = []
                    for seq in 0..<writesPerTask {
                        let id = try await database.write { connection in
                            try connection.queryScalar(
                                "INSERT INTO conf_events (worker, seq) VALUES (\(worker), \(seq)) RETURNING id",
                                as: Int64.self)
                        }
                        guard let id else { throw ConformanceFailure("INSERT … RETURNING id returned no row") }
                        ids.append(id)
                    }
                    return ids
                }
            }
            var all: [Int64] = []
            for try await ids in group { all += ids }
            return all
        }
        let total = concurrentTasks * writesPerTask
        try conformanceExpect(ids.count == total, "\(ids.count) inserts returned, expected \(total)")
        try conformanceExpect(Set(ids).count == total, "concurrent inserts returned duplicate ids")
        try conformanceExpect(try await database.count("conf_events") == total, "the table does not hold \(total) rows")
        let perWorker = try await database.read { connection in
            try connection.query("SELECT worker, COUNT(*) AS n FROM conf_events GROUP BY worker ORDER BY worker").map {
                try $0.get("n", as: Int.self)
            }
        }
        try conformanceExpect(
            perWorker == Array(repeating: writesPerTask, count: concurrentTasks), "rows per worker: \(perWorker)")
    }

    /// Transfers keep `a + b == 1000`; every read, even across two statements, must see a
    /// committed state, and a reader never sees `b` go backwards.
    @Sendable static func readsSeeSnapshotsDuringWrites(_ database: any Database) async throws {
        let schema = ConformanceSchema(database)
        try await database.createTables(
            "CREATE TABLE conf_balances (name TEXT PRIMARY KEY, balance \(schema.bigint) NOT NULL);")
        _ = try await database.write { connection in
            try connection.execute(
                "INSERT INTO conf_balances (name, balance) VALUES (\("a"), \(1000)), (\("b"), \(0))")
        }
        let transfers = 150
        let writerDone = ConformanceLatch()

        let readCount = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                defer { writerDone.open() }
                for _ in 0..<transfers {
                    _ = try await database.write { connection in
                        try connection.execute("UPDATE conf_balances SET balance = balance - \(1) WHERE name = \("a")")
                        try connection.execute("UPDATE conf_balances SET balance = balance + \(1) WHERE name = \("b")")
                    }
                }
                return 0
            }
            for _ in 0..<3 {
                group.addTask {
                    var lastB: Int64 = -1
                    var reads = 0
                    while true {
                        let finished = writerDone.opened
                        let (a, b) = try await database.read { connection in
                            let a = try connection.queryScalar(
                                "SELECT balance FROM conf_balances WHERE name = \("a")", as: Int64.self)
                            let b = try connection.queryScalar(
                                "SELECT balance FROM conf_balances WHERE name = \("b")", as: Int64.self)
                            return (a ?? -1, b ?? -1)
                        }
                        reads += 1
                        try conformanceExpect(a + b == 1000, "a read saw a half-done transfer: a=\(a), b=\(b)")
                        try conformanceExpect(b >= lastB, "a later read saw an older state: b went from \(lastB) to \(b)")
                        lastB = b
                        if finished { break }
                        await Task.yield()
                    }
                    return reads
                }
            }
            var reads = 0
            for try await count in group { reads += count }
            return reads
        }
        try conformanceExpect(readCount >= 3, "the readers ran only \(readCount) times")
        let final = try await database.read { connection in
            try connection.queryScalar("SELECT balance FROM conf_balances WHERE name = \("b")", as: Int64.self)
        }
        try conformanceExpect(final == Int64(transfers), "after \(transfers) transfers b = \(final ?? -1)")
    }

    @Sendable static func readsAreNotBlockedByOpenWrite(_ database: any Database) async throws {
        try await database.createTables("CREATE TABLE conf_pending (id TEXT PRIMARY KEY);")
        let insideWrite = ConformanceLatch()
        let readFinished = ConformanceLatch()

        async let writeSawRead: Bool = database.write { connection in
            try connection.execute("INSERT INTO conf_pending (id) VALUES (\("uncommitted"))")
            insideWrite.open()
            // A read blocked by this write would never finish; 60 s leaves room for a loaded machine.
            return readFinished.waitBlocking(timeout: .seconds(60))
        }
        guard try await insideWrite.wait(timeout: .seconds(120)) else {
            readFinished.open()
            _ = try? await writeSawRead
            throw ConformanceFailure("the write transaction did not start within 120 s")
        }
        let seenDuringWrite: Int
        do {
            seenDuringWrite = try await database.count("conf_pending")
        } catch {
            readFinished.open()
            _ = try? await writeSawRead
            throw error
        }
        readFinished.open()
        let readCompletedFirst = try await writeSawRead

        try conformanceExpect(readCompletedFirst, "a read waited for an open write transaction to finish")
        try conformanceExpect(seenDuringWrite == 0, "a read saw \(seenDuringWrite) uncommitted rows")
        try conformanceExpect(try await database.count("conf_pending") == 1, "the write did not commit")
    }
}
