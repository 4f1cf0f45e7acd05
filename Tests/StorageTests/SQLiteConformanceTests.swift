import PortalKernel
import PortalSQLite
import PortalTesting
import Testing

/// The storage conformance suite, each check on a fresh SQLite file.
@Suite("SQLite storage conformance")
struct SQLiteConformanceTests {
    @Test(arguments: StorageConformance.checks)
    func conformance(_ check: StorageCheck) async throws {
        try await withSQLiteDatabase { database, _ in
            try await check.run(database)
        }
    }
}
