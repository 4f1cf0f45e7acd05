import Foundation
import Logging
import PortalAssembly
import PortalKernel
import PortalTesting

/// A throwaway Portal installation for one test: a SQLite file (or a fresh PostgreSQL database)
/// in a temporary folder, assembled exactly as the executables do it.
struct TestInstallation {
    let folder: String
    let assembled: AssembledPortal

    static func make(
        postgres: Bool = false, environment extra: [String: String] = [:], migrate: Bool = true
    ) async throws -> TestInstallation {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-http-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var environment = [
            "PORTAL_DATABASE_URL": "sqlite:\(folder)/portal.sqlite",
            "PORTAL_HTTP_PORT": "0",
            "PORTAL_HTTP_MAX_BODY_BYTES": "4096",
            "PORTAL_JOBS_IN_PROCESS": "false",
            // Real bcrypt hashes at the lowest cost: milliseconds per sign-in.
            "PORTAL_PLUGINS_BCRYPT_COST": "4",
        ]
        if postgres {
            environment["PORTAL_DATABASE_URL"] = try await TestPostgres.freshDatabaseURL()
            environment["PORTAL_SECRETS_KEYS"] = "k1:" + Data(repeating: 7, count: 32).base64EncodedString()
        }
        environment.merge(extra) { _, new in new }
        let registry = BuiltInPlugins.registry()
        let configuration = try PortalConfiguration.load(environment: environment, registry: registry)
        let assembled = try await PortalAssembly.assemble(configuration, registry: registry, logger: Logger(label: "test"))
        if migrate { try await assembled.portal.migrator.migrate(assembled.portal.database) }
        return TestInstallation(folder: folder, assembled: assembled)
    }

    func tearDown() async {
        await assembled.shutdown()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
