import CLibPQ
import Logging
import PortalKernel

/// How one attempt at a transaction ended, when it did not throw.
enum PostgresTransactionOutcome<Value: Sendable>: Sendable {
    /// The body returned and the transaction committed.
    case committed(Value)
    /// The transaction was rolled back for a reason that rerunning it may cure.
    case retry(PostgresFailure)
}

/// The kinds of transaction ``PostgresDatabase`` runs.
enum PostgresTransactionKind: Sendable {
    /// Read committed, read-write.
    case write
    /// A read-only snapshot (repeatable read).
    case read

    var beginSQL: String {
        switch self {
        case .write: "BEGIN ISOLATION LEVEL READ COMMITTED"
        case .read: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
        }
    }
}

extension PostgresConnection {
    /// The tenant setting read by row-level security policies.
    static let tenantScopeStatement = "SELECT set_config('portal.tenant_id', $1, true)"

    /// Runs one attempt of a transaction: `BEGIN`, `body`, then `COMMIT`, or `ROLLBACK` when
    /// the body throws (rethrowing its error unchanged). Returns ``PostgresTransactionOutcome/retry(_:)``
    /// instead of throwing when the transaction failed for a transient reason.
    func transaction<Value: Sendable>(
        _ kind: PostgresTransactionKind, tenantScope: String?, _ body: (any SQLConnection) throws -> Value
    ) throws -> PostgresTransactionOutcome<Value> {
        do {
            try begin(kind, tenantScope: tenantScope)
        } catch {
            rollback()
            throw error
        }
        let value: Value
        do {
            value = try body(self)
        } catch {
            rollback()
            if let failure = transactionFailure, failure.retryReason != nil { return .retry(failure) }
            throw error
        }
        if let handle, PQtransactionStatus(handle) == PQTRANS_INERROR {
            // The body caught a failed statement and returned; PostgreSQL cannot commit
            // after that, so report the failure the body swallowed.
            rollback()
            if let failure = transactionFailure {
                if failure.retryReason != nil { return .retry(failure) }
                throw failure.error
            }
            throw PortalError.internal(debugDetail: "PostgreSQL transaction aborted by an earlier error")
        }
        do {
            let result = try run(script: "COMMIT")
            guard result.commandStatus != "ROLLBACK" else {
                throw PortalError.internal(debugDetail: "PostgreSQL rolled back the transaction at COMMIT")
            }
        } catch {
            rollback()
            if let failure = transactionFailure, failure.retryReason != nil { return .retry(failure) }
            throw error
        }
        return .committed(value)
    }

    /// Starts a transaction, reconnecting first when the connection is known to be lost,
    /// and once more when `BEGIN` itself finds it lost (safe: nothing has run yet).
    func begin(_ kind: PostgresTransactionKind, tenantScope: String?) throws {
        if isBroken { try reconnect() }
        deallocateEvictedStatements()
        transactionFailure = nil
        // A tenant scope that is an identifier (hex digits and dashes, so it cannot break out of
        // the literal) is set in the same round trip as BEGIN; any other value is bound.
        let inlineScope = tenantScope.flatMap(Self.inlineScopeStatement)
        let script = kind.beginSQL + (inlineScope.map { "; " + $0 } ?? "")
        do {
            try run(script: script)
        } catch let error as PortalError where isBroken || error.code == .unavailable {
            // The server went away since this connection was last used (a restart ends idle
            // sessions with 57P01); libpq notices only now. Nothing ran, so start afresh.
            logger.notice("PostgreSQL connection lost; reconnecting")
            try reconnect()
            transactionFailure = nil
            try run(script: script)
        }
        if let tenantScope, inlineScope == nil {
            _ = try run(SQLStatement(sql: Self.tenantScopeStatement, bindings: [.text(tenantScope)]))
        }
    }

    /// `SELECT set_config('portal.tenant_id', '<scope>', true)` with the scope written inline,
    /// or nil unless the scope is 1 to 64 hex digits and dashes (every tenant id is a UUID).
    static func inlineScopeStatement(_ scope: String) -> String? {
        guard !scope.isEmpty, scope.utf8.count <= 64,
            scope.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) })
        else { return nil }
        return "SELECT set_config('portal.tenant_id', '\(scope)', true)"
    }

    /// Rolls back the current transaction, if any. A failure leaves the connection not
    /// reusable, so the pool drops it.
    func rollback() {
        guard let handle, PQtransactionStatus(handle) != PQTRANS_IDLE else { return }
        let result = PQexec(handle, "ROLLBACK").map(PostgresResult.init)
        if result?.succeeded != true {
            logger.debug("PostgreSQL ROLLBACK failed; the connection will be replaced")
        }
    }

    /// Checks the server answers, reconnecting when the connection was lost.
    func ping() throws {
        if isBroken { try reconnect() }
        do {
            _ = try run(script: "SELECT 1")
        } catch let error as PortalError where isBroken || error.code == .unavailable {
            try reconnect()
            _ = try run(script: "SELECT 1")
        }
    }
}
