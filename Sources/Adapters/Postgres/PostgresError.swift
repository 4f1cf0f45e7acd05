import CLibPQ
import Foundation
import PortalKernel

/// A PostgreSQL SQLSTATE: five characters, the first two naming the class.
struct SQLState: Hashable, Sendable, CustomStringConvertible {
    let code: String

    init(_ code: String) { self.code = code }

    /// The two-character class (`23` integrity constraint violation, `08` connection exception…).
    var errorClass: Substring { code.prefix(2) }
    var description: String { code }

    static let uniqueViolation = SQLState("23505")
    static let foreignKeyViolation = SQLState("23503")
    static let notNullViolation = SQLState("23502")
    static let checkViolation = SQLState("23514")
    static let serializationFailure = SQLState("40001")
    static let deadlockDetected = SQLState("40P01")
    static let queryCanceled = SQLState("57014")
    static let adminShutdown = SQLState("57P01")
    static let crashShutdown = SQLState("57P02")
    static let cannotConnectNow = SQLState("57P03")
    static let tooManyConnections = SQLState("53300")
    static let invalidStatementName = SQLState("26000")
    static let featureNotSupported = SQLState("0A000")

    /// A conflict with a concurrent transaction: rerunning the whole transaction may succeed.
    var isTransientConflict: Bool { self == .serializationFailure || self == .deadlockDetected }
}

/// Why a transaction should be run again from the start.
enum PostgresRetryReason: Sendable {
    /// `40001` or `40P01`: lost a race with a concurrent transaction.
    case conflict
    /// A cached prepared statement vanished or went stale (`26000`, "cached plan must not change
    /// result type"); the cache entry is gone and the next attempt prepares afresh.
    case staleStatement
}

/// One failed libpq call: what to throw, and what the transaction loop needs to know.
struct PostgresFailure: Error, Sendable {
    /// The error callers see.
    let error: PortalError
    /// The server's SQLSTATE, when it sent one.
    let sqlState: SQLState?
    /// Set when rerunning the whole transaction may succeed.
    let retryReason: PostgresRetryReason?
}

/// Turns libpq failures into ``PortalError``s.
///
/// `debugDetail` carries the SQLSTATE, the server's primary message and the SQL text, never
/// bound values: the server's detail line (which quotes key values) is left out, and for data
/// exceptions (class `22`), whose messages quote the offending input, the quoted part is cut.
enum PostgresErrorMapping {
    /// Reads the failure out of `result` (or the connection's last message when libpq gave no result).
    static func failure(result: PostgresResult?, connection: OpaquePointer?, sql: String?) -> PostgresFailure {
        let sqlState = result?.errorField("C").map(SQLState.init)
        var message = result?.errorField("M") ?? result?.errorMessage ?? connection.flatMap(connectionMessage) ?? ""
        if message.isEmpty { message = "no error message from libpq" }
        let connectionBroken = connection.map { PQstatus($0) != CONNECTION_OK } ?? true
        return failure(
            sqlState: sqlState, message: message, constraint: result?.errorField("n"), column: result?.errorField("c"),
            sql: sql, connectionBroken: connectionBroken)
    }

    /// Maps the parts of a server error (separated so the mapping can be tested without a server).
    static func failure(
        sqlState: SQLState?, message: String, constraint: String?, column: String?, sql: String?,
        connectionBroken: Bool
    ) -> PostgresFailure {
        let detail = debugDetail(sqlState: sqlState, message: message, constraint: constraint, column: column, sql: sql)
        var retryReason: PostgresRetryReason?
        let error: PortalError
        switch sqlState {
        case .uniqueViolation?:
            error = PortalError(
                .conflict, "A record with the same unique value already exists.", constraint: constraint,
                debugDetail: detail)
        case .foreignKeyViolation?:
            error = PortalError(
                .conflict, "The record refers to a record that does not exist, or is still referred to.",
                constraint: constraint, debugDetail: detail)
        case .notNullViolation?:
            error = PortalError(.invalid, "A required value is missing.", constraint: constraint, debugDetail: detail)
        case .checkViolation?:
            error = PortalError(.invalid, "A value breaks a rule.", constraint: constraint, debugDetail: detail)
        case let state? where state.errorClass == "22":
            error = PortalError(.invalid, "A value is not valid.", debugDetail: detail)
        case let state? where state.isTransientConflict:
            retryReason = .conflict
            error = PortalError(
                .conflict, "The change conflicted with a concurrent change; try again.", debugDetail: detail)
        case .queryCanceled?:
            error = PortalError(.unavailable, "The database statement timed out.", debugDetail: detail)
        case .invalidStatementName?:
            retryReason = .staleStatement
            error = PortalError(.internal, "An internal error occurred.", debugDetail: detail)
        case .featureNotSupported? where message.contains("cached plan must not change result type"):
            retryReason = .staleStatement
            error = PortalError(.internal, "An internal error occurred.", debugDetail: detail)
        case let state?
        where state.errorClass == "08" || state == .adminShutdown || state == .crashShutdown
            || state == .cannotConnectNow || state == .tooManyConnections:
            error = PortalError(.unavailable, "The database is not reachable right now.", debugDetail: detail)
        case _ where connectionBroken:
            error = PortalError(.unavailable, "The database is not reachable right now.", debugDetail: detail)
        default:
            error = PortalError(.internal, "An internal error occurred.", debugDetail: detail)
        }
        return PostgresFailure(error: error, sqlState: sqlState, retryReason: retryReason)
    }

    /// The operator-only description of a failure.
    static func debugDetail(sqlState: SQLState?, message: String, constraint: String?, column: String?, sql: String?)
        -> String
    {
        var text = "PostgreSQL"
        if let sqlState { text += " SQLSTATE \(sqlState)" }
        text += ": \(safeMessage(message, sqlState: sqlState))"
        if let constraint { text += " [constraint \(constraint)]" }
        if let column { text += " [column \(column)]" }
        if let sql { text += " -- SQL: \(sql.count > 2000 ? String(sql.prefix(2000)) + "…" : sql)" }
        return text
    }

    /// The message without quoted input values (data exceptions quote what was bound).
    static func safeMessage(_ message: String, sqlState: SQLState?) -> String {
        var text = message.trimmingTrailingNewlines
        if sqlState?.errorClass == "22", let quote = text.range(of: ": \"") {
            text = String(text[..<quote.lowerBound]) + ": (value omitted)"
        }
        return text
    }

    private static func connectionMessage(_ connection: OpaquePointer) -> String? {
        guard let message = PQerrorMessage(connection) else { return nil }
        let text = String(cString: message).trimmingTrailingNewlines
        return text.isEmpty ? nil : text
    }
}
