import Logging
import PortalBlocking
import PortalKernel

extension SQLiteDatabase {
    /// Writes a consistent copy of the whole database to `path` while it stays in use, with
    /// SQLite's online backup API: the copy is taken from one reader snapshot into a temporary
    /// file beside `path`, then renamed into place, so `path` never holds a partial copy.
    ///
    /// - Throws: `conflict` (field `"path"`) when a file already exists at `path`;
    ///   `unavailable` when the copy cannot be written.
    public func backup(to path: String) async throws {
        try lifecycle.enter()
        defer { lifecycle.leave() }
        let pause = configuration.busyTimeout
        try await readers.withConnection { source in
            try SQLiteBackup(source: source, target: path, busyTimeout: pause).run()
        }
        logger.info("SQLite backup written", metadata: ["sqlite.backup": .string(path)])
    }
}
