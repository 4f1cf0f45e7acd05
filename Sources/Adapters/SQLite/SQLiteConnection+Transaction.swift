import PortalKernel

extension SQLiteConnection {
    /// Runs `body` in one transaction on this connection: `begin`, the body, then `COMMIT`, or
    /// `ROLLBACK` when anything throws.
    ///
    /// The body's own error is rethrown unchanged, except when it is the `unavailable` error of
    /// a statement that found the database busy: that, like a busy `BEGIN` or `COMMIT`, comes out
    /// as ``SQLiteBusyFailure`` so the caller can retry the whole transaction.
    func transaction<Result>(begin: String, _ body: (any SQLConnection) throws -> Result) throws -> Result {
        resetBusyFlag()
        do {
            try execute(SQLStatement(sql: begin))
        } catch let error as PortalError {
            rollbackIfOpen()
            throw sawBusy ? SQLiteBusyFailure(error: error) : error
        }
        let result: Result
        do {
            result = try body(self)
        } catch {
            rollbackIfOpen()
            if sawBusy, let portalError = error as? PortalError, portalError.code == .unavailable {
                throw SQLiteBusyFailure(error: portalError)
            }
            throw error
        }
        do {
            try execute(SQLStatement(sql: "COMMIT"))
        } catch let error as PortalError {
            // A failed COMMIT (busy, a deferred constraint) leaves the transaction open.
            rollbackIfOpen()
            throw sawBusy ? SQLiteBusyFailure(error: error) : error
        }
        return result
    }

    /// Rolls back the open transaction, if any. Some errors (a full disk, an I/O error) make
    /// SQLite roll back by itself; a failing `ROLLBACK` leaves the connection marked unusable
    /// (``inTransaction``), so the pool replaces it.
    func rollbackIfOpen() {
        guard inTransaction else { return }
        _ = try? execute(SQLStatement(sql: "ROLLBACK"))
    }
}
