import Foundation
import PortalKernel
import PortalSQLite

/// A temporary directory for SQLite files, removed by ``remove()``.
struct SQLiteScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("portal-sqlite-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// The names of the files in the directory.
    func fileNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh SQLite database in a temporary directory, then closes it and
/// removes the directory, whether `body` throws or not.
func withSQLiteDatabase<Result>(
    readerCount: Int = 4,
    busyTimeout: Duration = .seconds(5),
    _ body: (SQLiteDatabase, SQLiteScratchDirectory) async throws -> Result
) async throws -> Result {
    let scratch = try SQLiteScratchDirectory()
    defer { scratch.remove() }
    let configuration = SQLiteConfiguration(
        path: scratch.path("portal.db"), readerCount: readerCount, busyTimeout: busyTimeout)
    let database = try await SQLiteDatabase.open(configuration: configuration)
    do {
        let result = try await body(database, scratch)
        await database.close()
        return result
    } catch {
        await database.close()
        throw error
    }
}

/// A one-way flag shared between a transaction body (on the adapter's threads) and a test.
final class SQLiteTestLatch: @unchecked Sendable {  // `isOpen` guarded by `lock`
    private let lock = NSLock()
    private var isOpen = false

    func open() {
        lock.withLock { isOpen = true }
    }

    var opened: Bool {
        lock.withLock { isOpen }
    }

    /// Blocks the calling thread until opened; `false` on timeout. For transaction bodies only.
    func waitBlocking(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !opened {
            guard ContinuousClock.now < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return true
    }

    /// Suspends until opened; `false` on timeout.
    func wait(timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !opened {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(2))
        }
        return true
    }
}
