import Foundation
import PortalKernel

/// Translates SQLite result codes into ``PortalError``s.
///
/// | SQLite (extended) code | PortalError |
/// |---|---|
/// | `CONSTRAINT_UNIQUE` 2067, `CONSTRAINT_PRIMARYKEY` 1555, `CONSTRAINT_FOREIGNKEY` 787 | `conflict`, with `constraint` |
/// | `CONSTRAINT_NOTNULL` 1299, `CONSTRAINT_CHECK` 275 | `invalid`, with `constraint` |
/// | `BUSY`, `LOCKED`, `IOERR`, `FULL`, `CANTOPEN`, `READONLY` (any extended form) | `unavailable` |
/// | anything else | `internal` |
///
/// The driver's message and the SQL text go to ``PortalError/debugDetail``; bound values never do.
enum SQLiteError {
    static let ok: Int32 = 0
    static let busy: Int32 = 5
    static let locked: Int32 = 6
    static let readOnly: Int32 = 8
    static let ioError: Int32 = 10
    static let full: Int32 = 13
    static let cantOpen: Int32 = 14
    static let row: Int32 = 100
    static let done: Int32 = 101

    static let constraintCheck: Int32 = 275
    static let constraintForeignKey: Int32 = 787
    static let constraintNotNull: Int32 = 1299
    static let constraintPrimaryKey: Int32 = 1555
    static let constraintUnique: Int32 = 2067

    /// `SQLITE_BUSY` and its extended forms (`BUSY_RECOVERY` 261, `BUSY_SNAPSHOT` 517, `BUSY_TIMEOUT` 773):
    /// another connection holds the lock; the whole transaction may be retried.
    static func isBusy(_ code: Int32) -> Bool {
        code == 5 || code == 261 || code == 517 || code == 773
    }

    /// The ``PortalError`` for a failed SQLite call.
    /// - Parameters:
    ///   - code: the (extended) result code.
    ///   - message: `sqlite3_errmsg` at the time of the failure.
    ///   - sql: the statement text, if a statement failed (never its bound values).
    static func portalError(code: Int32, message: String, sql: String?) -> PortalError {
        let detail = debugDetail(code: code, message: message, sql: sql)
        switch code {
        case constraintUnique, constraintPrimaryKey:
            return PortalError(
                .conflict, "This conflicts with a record that already exists.",
                constraint: constraintName(in: message) ?? "UNIQUE", debugDetail: detail)
        case constraintForeignKey:
            return PortalError(
                .conflict, "This refers to a record that does not exist, or is still referred to.",
                constraint: constraintName(in: message) ?? "FOREIGN KEY", debugDetail: detail)
        case constraintNotNull:
            return PortalError(
                .invalid, "A required value is missing.",
                constraint: constraintName(in: message) ?? "NOT NULL", debugDetail: detail)
        case constraintCheck:
            return PortalError(
                .invalid, "A value breaks a rule of the stored data.",
                constraint: constraintName(in: message) ?? "CHECK", debugDetail: detail)
        default:
            break
        }
        switch code & 0xFF {
        case busy, locked:
            return .unavailable("The database is busy; try again shortly.", debugDetail: detail)
        case ioError, full, cantOpen, readOnly:
            return .unavailable("The database is not available right now.", debugDetail: detail)
        default:
            return .internal(debugDetail: detail)
        }
    }

    /// The constraint named after the colon of a SQLite constraint message:
    /// `"UNIQUE constraint failed: t.name"` → `"t.name"`, `"… failed: t.a, t.b"` → `"t.a, t.b"`.
    static func constraintName(in message: String) -> String? {
        guard let range = message.range(of: "constraint failed: ") else { return nil }
        let name = message[range.upperBound...].trimmingSpaces()
        return name.isEmpty ? nil : name
    }

    static func debugDetail(code: Int32, message: String, sql: String?) -> String {
        var detail = "SQLite error \(code): \(message)"
        if let sql { detail += " — SQL: \(sql)" }
        return detail
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " { slice = slice.dropFirst() }
        while let last = slice.last, last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
