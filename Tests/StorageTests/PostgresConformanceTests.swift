import PortalKernel
import PortalPostgres
import PortalTesting
import Testing

/// The shared storage conformance suite, each check on a fresh PostgreSQL database.
@Suite("PostgreSQL storage conformance")
struct PostgresConformanceTests {
    @Test(arguments: StorageConformance.checks)
    func conformance(_ check: StorageCheck) async throws {
        let database = try await PostgresTestSupport.freshDatabase()
        do {
            try await check.run(database)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }
}
