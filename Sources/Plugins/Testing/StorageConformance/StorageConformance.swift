import PortalKernel

/// The storage port's conformance suite: every behaviour the kernel relies on, written once
/// against ``Database`` and run by every adapter's tests (SQLite and PostgreSQL alike).
///
/// Each check gets a fresh, empty database (no migrations), creates the tables it needs and
/// throws when the adapter falls short. The checks cover:
/// - CRUD with `RETURNING`, commit, `execute` change counts, the query helpers, scripts;
/// - rollback (the body's error comes back unchanged), failed transactions, read-only snapshots;
/// - constraint errors: unique, primary key and foreign key → `conflict`; NOT NULL, CHECK → `invalid`;
/// - concurrent writers and inserts, reads during writes;
/// - values: Unicode, money (64-bit), booleans, NULLs, blobs, instants, offsets, dates;
/// - `$n` placeholders reused and out of order, `IN` lists (also empty), large results;
/// - `ping`, and `close` making later calls fail with `unavailable`.
///
/// ```swift
/// @Test(arguments: StorageConformance.checks)
/// func conformance(_ check: StorageCheck) async throws {
///     let database = try await makeFreshDatabase()
///     do { try await check.run(database) } catch { await database.close(); throw error }
///     await database.close()
/// }
/// ```
///
/// Adapters must allow ``Database/close()`` to be called more than once (the close check
/// closes the database itself).
public enum StorageConformance {
    /// Every check, in a stable order.
    public static var checks: [StorageCheck] {
        crudChecks
            + transactionChecks
            + constraintChecks
            + concurrencyChecks
            + valueChecks
            + timeChecks
            + statementChecks
            + lifecycleChecks
            + kernelChecks
            + numberingChecks
    }
}
