import CSQLite
import Foundation
import PortalKernel

/// One run of SQLite's online backup API, from an open connection to a new file.
///
/// The pages are copied in a single `sqlite3_backup_step(-1)`, i.e. from one read snapshot
/// of the source: in WAL mode writers carry on meanwhile and the copy is consistent. Steps
/// that find the source or target busy or locked are retried until `busyTimeout` has passed.
/// The copy goes to a temporary file in the target's directory and is renamed into place
/// only when complete; the temporary file is removed on failure.
struct SQLiteBackup {
    let source: SQLiteConnection
    let target: String
    let busyTimeout: Duration

    /// Runs the backup (blocking).
    func run() throws {
        let files = FileManager.default
        guard !files.fileExists(atPath: target) else { throw Self.targetExists() }
        let targetURL = URL(fileURLWithPath: target)
        let temporary = targetURL.deletingLastPathComponent()
            .appendingPathComponent(".\(targetURL.lastPathComponent).\(UUID().uuidString).partial").path
        defer {
            for suffix in ["", "-journal", "-wal", "-shm"] where files.fileExists(atPath: temporary + suffix) {
                try? files.removeItem(atPath: temporary + suffix)
            }
        }
        try copy(into: temporary)
        do {
            try files.moveItem(atPath: temporary, toPath: target)
        } catch {
            if files.fileExists(atPath: target) { throw Self.targetExists() }
            throw PortalError.unavailable(
                "The backup could not be written.", debugDetail: "renaming the backup to \(target): \(error)")
        }
    }

    private static func targetExists() -> PortalError {
        PortalError.conflict("A file already exists at the backup path.", field: "path")
    }

    /// Copies every page of the source's main database into a new database file at `path`.
    private func copy(into path: String) throws {
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE
        let openCode = sqlite3_open_v2(path, &opened, flags, nil)
        guard openCode == SQLITE_OK, let destination = opened else {
            let message = opened.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(opened)
            throw failure(openCode, message)
        }
        var closed = false
        defer { if !closed { sqlite3_close_v2(destination) } }

        guard let backup = sqlite3_backup_init(destination, "main", source.handle, "main") else {
            throw failure(sqlite3_extended_errcode(destination), String(cString: sqlite3_errmsg(destination)))
        }
        let deadline = ContinuousClock.now + busyTimeout
        var stepCode: Int32
        repeat {
            stepCode = sqlite3_backup_step(backup, -1)
            let primary = stepCode & 0xFF
            if primary == SQLiteError.busy || primary == SQLiteError.locked {
                guard ContinuousClock.now < deadline else { break }
                Thread.sleep(forTimeInterval: 0.01)
                stepCode = SQLITE_OK
            }
        } while stepCode == SQLITE_OK
        let finishCode = sqlite3_backup_finish(backup)
        guard stepCode == SQLITE_DONE else {
            throw failure(stepCode, String(cString: sqlite3_errstr(stepCode)))
        }
        guard finishCode == SQLITE_OK else {
            throw failure(finishCode, String(cString: sqlite3_errmsg(destination)))
        }
        closed = true
        let closeCode = sqlite3_close_v2(destination)
        guard closeCode == SQLITE_OK else {
            throw failure(closeCode, "closing the backup file failed")
        }
    }

    private func failure(_ code: Int32, _ message: String) -> PortalError {
        let detail = SQLiteError.debugDetail(code: code, message: "backup to \(target): \(message)", sql: nil)
        let primary = code & 0xFF
        if primary == SQLiteError.busy || primary == SQLiteError.locked {
            return .unavailable("The database stayed busy; the backup could not be taken.", debugDetail: detail)
        }
        return .unavailable("The backup could not be written.", debugDetail: detail)
    }
}
