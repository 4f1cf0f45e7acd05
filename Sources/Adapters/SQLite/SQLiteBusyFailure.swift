import PortalKernel

/// A transaction attempt that failed because another connection held the lock past the busy
/// timeout. Internal to the adapter: the transaction runner retries the whole body, and turns
/// the last one into ``PortalError/Code/unavailable``.
struct SQLiteBusyFailure: Error {
    /// The busy error as reported by the failing statement.
    let error: PortalError
}
