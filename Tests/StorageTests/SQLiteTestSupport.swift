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
