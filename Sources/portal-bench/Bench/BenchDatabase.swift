import Foundation
import Logging
import PortalAssembly
import PortalKernel
import PortalTesting

/// One database the benchmark measures against, and the configuration every process that uses
/// it gets: the release server, the release CLI (billing runs) and the in-process kernel (seeding,
/// the raw-insert ceiling, numbering under contention).
public struct BenchDatabase: Sendable {
    public enum Backend: String, Sendable, Codable, CaseIterable {
        case sqlite
        case postgres
    }

    public let backend: Backend
    /// The `database.url` value.
    public let url: String
    /// The `PORTAL_*` variables every process gets.
    public let environment: [String: String]

    /// A fixed secret-box key: the benchmark's data are throw-away.
    static let secretKeys = "bench:" + Data(repeating: 7, count: 32).base64EncodedString()

    init(backend: Backend, url: String) {
        self.backend = backend
        self.url = url
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PORTAL_") }
        environment["PORTAL_DATABASE_URL"] = url
        environment["PORTAL_SECRETS_KEYS"] = Self.secretKeys
        environment["PORTAL_LOG_LEVEL"] = "warning"
        // Seeded users only ever sign in with API tokens; bcrypt's cost matters to nothing measured.
        environment["PORTAL_PLUGINS_BCRYPT_COST"] = "4"
        // Job workers run as their own processes in the measured set-up: the billing run queues
        // 100,000 invoice emails that would otherwise be sent by the server under measurement.
        environment["PORTAL_JOBS_IN_PROCESS"] = "false"
        self.environment = environment
    }

    /// A new SQLite database file at `path` (any old one removed).
    public static func sqlite(at path: String) -> BenchDatabase {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return BenchDatabase(backend: .sqlite, url: "sqlite:" + path)
    }

    /// A new database named `name` on `server`.
    public static func postgres(named name: String, on server: PrivatePostgresServer) async throws -> BenchDatabase {
        BenchDatabase(backend: .postgres, url: try await server.createDatabase(named: name))
    }

    /// The kernel assembled in this process against the database.
    public func assemble() async throws -> AssembledPortal {
        let registry = BuiltInPlugins.registry()
        let configuration = try PortalConfiguration.load(environment: environment, registry: registry)
        var logger = Logger(label: "portal.bench")
        logger.logLevel = .warning
        return try await PortalAssembly.assemble(configuration, registry: registry, logger: logger)
    }

    /// Runs `body` with the kernel assembled in this process, shutting it down afterwards.
    public func withKernel<T: Sendable>(_ body: (AssembledPortal) async throws -> T) async throws -> T {
        let assembled = try await assemble()
        do {
            let result = try await body(assembled)
            await assembled.shutdown()
            return result
        } catch {
            await assembled.shutdown()
            throw error
        }
    }

    /// Applies every migration.
    public func migrate() async throws {
        try await withKernel { assembled in
            _ = try await assembled.portal.migrator.migrate(assembled.portal.database)
        }
    }
}
