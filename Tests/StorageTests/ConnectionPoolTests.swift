import Foundation
import PortalBlocking
import PortalKernel
import PortalSQLite
import Testing

/// ``ConnectionPool`` hands each connection to one job at a time, queues jobs beyond its
/// connections and serves them as connections free up, replaces broken connections, and hands
/// the slot of a failed open to the next job.
@Suite("Connection pool")
struct ConnectionPoolTests {
    /// A connection that notices being used by two jobs at once.
    final class FakeConnection: @unchecked Sendable {  // `inUse`, `uses` guarded by `lock`
        let id: Int
        private let lock = NSLock()
        private var inUse = false
        private(set) var uses = 0
        init(id: Int) { self.id = id }

        /// Marks the connection used for the duration of `body`; `false` when it already was.
        func use(_ body: () -> Void) -> Bool {
            let free = lock.withLock {
                defer { inUse = true }
                return !inUse
            }
            body()
            lock.withLock {
                inUse = false
                uses += 1
            }
            return free
        }

        var useCount: Int { lock.withLock { uses } }
    }

    /// Counts opened and closed connections; `failOpens` opens fail first.
    final class Ledger: @unchecked Sendable {  // every property guarded by `lock`
        private let lock = NSLock()
        private var opened = 0
        private var closed = 0
        private var failOpens: Int

        init(failOpens: Int = 0) { self.failOpens = failOpens }

        func open() throws -> FakeConnection {
            try lock.withLock {
                if failOpens > 0 {
                    failOpens -= 1
                    throw PortalError.unavailable("cannot open")
                }
                opened += 1
                return FakeConnection(id: opened)
            }
        }

        func close(_ connection: FakeConnection) { lock.withLock { closed += 1 } }
        var counts: (opened: Int, closed: Int) { lock.withLock { (opened, closed) } }
    }

    private func makePool(
        connections: Int, ledger: Ledger, reusable: @escaping @Sendable (FakeConnection) -> Bool = { _ in true }
    ) -> (ConnectionPool<FakeConnection>, BlockingThreadPool) {
        let threads = BlockingThreadPool(name: "pool-test", threads: connections)
        let pool = ConnectionPool(
            maxConnections: connections, threads: threads, open: { try ledger.open() }, close: { ledger.close($0) },
            isReusable: reusable)
        return (pool, threads)
    }

    @Test("more jobs than connections: each runs once, alone on its connection, within the limit")
    func queuedJobs() async throws {
        let ledger = Ledger()
        let (pool, threads) = makePool(connections: 2, ledger: ledger)
        let results = try await withThrowingTaskGroup(of: (job: Int, connection: Int, alone: Bool).self) { group in
            for job in 0..<64 {
                group.addTask {
                    try await pool.withConnection { connection in
                        let alone = connection.use { for _ in 0..<1_000 { _ = UUID() } }
                        return (job, connection.id, alone)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.map(\.job).sorted() == Array(0..<64))
        #expect(results.allSatisfy { $0.alone })
        #expect(Set(results.map(\.connection)).count <= 2)
        #expect(ledger.counts.opened <= 2)
        #expect(pool.openConnections <= 2)
        await pool.close()
        #expect(ledger.counts.closed == ledger.counts.opened)
        await threads.shutdownGracefully()
    }

    @Test("a connection that is not reusable is closed, and the next job opens a fresh one")
    func brokenConnectionsAreReplaced() async throws {
        let ledger = Ledger()
        // Every connection breaks at its third use.
        let (pool, threads) = makePool(connections: 2, ledger: ledger) { $0.useCount < 3 }
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for job in 0..<30 {
                group.addTask { try await pool.withConnection { connection in _ = connection.use {}; return job } }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<30))
        let counts = ledger.counts
        #expect(counts.opened >= 10, "30 uses at 3 per connection need at least 10 connections")
        #expect(counts.opened - counts.closed == pool.openConnections)
        #expect(pool.openConnections <= 2)
        await pool.close()
        await threads.shutdownGracefully()
    }

    @Test("a failed open fails its own job only; the next job opens a connection")
    func failedOpenPassesTheSlotOn() async throws {
        let ledger = Ledger(failOpens: 1)
        let (pool, threads) = makePool(connections: 1, ledger: ledger)
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { (try? await pool.withConnection { _ in true }) ?? false }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { !$0 }.count == 1)
        #expect(outcomes.filter { $0 }.count == 7)
        #expect(ledger.counts.opened == 1)
        await pool.close()
        await threads.shutdownGracefully()
    }

    @Test("a closed pool refuses new jobs with unavailable")
    func closedPoolRefuses() async throws {
        let ledger = Ledger()
        let (pool, threads) = makePool(connections: 1, ledger: ledger)
        #expect(try await pool.withConnection { $0.id } == 1)
        await pool.close()
        await #expect(throws: PortalError.self) { try await pool.withConnection { $0.id } }
        #expect(ledger.counts.closed == 1)
        await threads.shutdownGracefully()
    }

    @Test("a reader's cached statement follows a column renamed by the writer")
    func cachedColumnNamesFollowRenames() async throws {
        try await withSQLiteDatabase(readerCount: 1) { database, _ in
            _ = try await database.write { try $0.executeScript("CREATE TABLE t (a INTEGER, b INTEGER); INSERT INTO t VALUES (1, 2);") }
            let before = try await database.read { try $0.queryFirst("SELECT * FROM t")?.columns.names }
            _ = try await database.write { try $0.executeScript("ALTER TABLE t RENAME COLUMN b TO c;") }
            let after = try await database.read { connection in
                (try connection.queryFirst("SELECT * FROM t")?.columns.names, try connection.queryFirst("SELECT * FROM t")?.get("c", as: Int.self))
            }
            #expect(before == ["a", "b"])
            #expect(after.0 == ["a", "c"])
            #expect(after.1 == 2)
        }
    }
}
